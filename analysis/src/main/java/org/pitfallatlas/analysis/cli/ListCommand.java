package org.pitfallatlas.analysis.cli;

import java.util.concurrent.Callable;
import org.pitfallatlas.analysis.suite.PairSpec;
import org.pitfallatlas.analysis.suite.Suite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code atlas list}: the families, their pairs, and the claim each pair tests. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the families, their pairs, and the claim each pair tests.")
final class ListCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "FAMILY", description = "Show only this family.")
  String family;

  @Override
  public Integer call() {
    var catalog = Project.suites();
    if (family != null && catalog.find(family).isEmpty()) {
      System.err.println(
          "atlas list: unknown family '"
              + family
              + "'. Families: "
              + String.join(", ", catalog.families()));
      return 2;
    }
    for (Suite s : catalog.suites()) {
      if (family != null && !family.equals(s.family())) {
        continue;
      }
      System.out.println(s.family() + " — " + s.title());
      System.out.println("  Go pitfall: " + s.goPitfall());
      for (PairSpec p : s.pairs()) {
        System.out.println("  " + p.className());
        System.out.println("      claim: " + p.claim());
      }
      if (s.configurations().size() > 1) {
        System.out.println(
            "  configurations: "
                + String.join(", ", s.configurations().stream().map(c -> c.id()).toList()));
      }
      System.out.println();
    }
    return 0;
  }
}
