package org.pitfallatlas.analysis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pitfallatlas.analysis.compare.Agreement;
import org.pitfallatlas.analysis.compare.CompareException;
import org.pitfallatlas.analysis.compare.Pairs;
import org.pitfallatlas.analysis.jmh.JmhInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas agreement}: do two runs of one family reach the same pitfall/fix verdicts? */
@Command(
    name = "agreement",
    mixinStandardHelpOptions = true,
    description = {
      "Line up the pitfall-vs-fix verdicts of two runs of one family (two runs on one machine, or"
          + " the default budget against a longer one) and report, row by row, whether they agree.",
      "Exit status: 0 ok, 2 bad input."
    })
public final class AgreementCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_A", description = "A run folder or JMH JSON file.")
  Path a;

  @Parameters(index = "1", paramLabel = "RUN_B", description = "Another run of the same family.")
  Path b;

  @Option(
      names = "--labels",
      split = ",",
      paramLabel = "A,B",
      description = "Names for the two runs in the table (default: their folder names).")
  String[] labels;

  @Mixin StatsOptions stats;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (labels != null && labels.length != 2) {
      err.println("atlas agreement: --labels needs two names, e.g. --labels quick,full");
      err.flush();
      return 2;
    }
    try {
      String la = labels == null ? name(a) : labels[0];
      String lb = labels == null ? name(b) : labels[1];
      Agreement ag =
          Agreement.of(la, Pairs.of(a, stats.options()), lb, Pairs.of(b, stats.options()));
      out.print(ag.markdown());
    } catch (JmhInputException | CompareException | IllegalArgumentException e) {
      err.println("atlas agreement: " + e.getMessage());
      err.flush();
      return 2;
    }
    out.flush();
    return 0;
  }

  private static String name(Path p) {
    Path f = p.getFileName();
    return f == null ? p.toString() : f.toString();
  }
}
