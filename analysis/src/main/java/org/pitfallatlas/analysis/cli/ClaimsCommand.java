package org.pitfallatlas.analysis.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.pitfallatlas.analysis.report.ClaimsLedger;
import org.pitfallatlas.analysis.report.Overview;
import picocli.CommandLine.Command;

/**
 * {@code atlas claims}: the claims ledger — each claim from the Go sources, the pair that tests it
 * and its measured ratio in the committed reference runs — as the Markdown table the README and the
 * overview notebook show.
 */
@Command(
    name = "claims",
    mixinStandardHelpOptions = true,
    description = {
      "Print the claims ledger (benchmarks/claims.json evaluated against results/reference.json)"
          + " as Markdown."
    })
final class ClaimsCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    List<ClaimsLedger.Entry> entries = Overview.load().ledger();
    System.out.println("**Claims:** " + ClaimsLedger.tally(entries) + ".");
    System.out.println();
    System.out.println(ClaimsLedger.RULE);
    System.out.println();
    System.out.print(ClaimsLedger.markdown(entries));
    return 0;
  }
}
