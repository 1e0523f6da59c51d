package org.pitfallatlas.analysis.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pitfallatlas.analysis.compare.CompareException;
import org.pitfallatlas.analysis.compare.Comparisons;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.jmh.JmhInputException;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atlas compare}: benchstat for JMH, fork-aware. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare JMH JSON results (files or run folders), each against the first.",
      "Default: the fork is the unit: geometric mean of fork values ± t CI; ratio with its"
          + " simultaneous CI (Welch t on log fork values, Bonferroni over the rows of a metric),"
          + " Bonferroni p, verdict faster|slower|~|equivalent read off the CI.",
      "Exit status: 0 ok, 1 --fail-on-regression tripped, 2 bad input."
    })
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "2..*",
      paramLabel = "INPUT",
      description = "JMH JSON files or run folders; the first is the base.")
  List<Path> inputs;

  @Mixin StatsOptions stats;

  @Option(
      names = "--fail-on-regression",
      paramLabel = "PCT",
      description =
          "Exit 1 if any row is significantly worse than the base by more than PCT percent.")
  Double failOnRegression;

  @Option(
      names = "--labels",
      split = ",",
      paramLabel = "LABEL",
      description =
          "Column labels, one per input in order (default: each input's shortest distinguishing"
              + " path, e.g. before/jmh-result.json and after/jmh-result.json).")
  List<String> labels;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Table table;
    String text;
    try {
      if (failOnRegression != null && !(failOnRegression >= 0)) {
        throw new IllegalArgumentException(
            "--fail-on-regression must be >= 0: " + failOnRegression);
      }
      table = Comparisons.of(inputs, stats.options(), labels);
      text = stats.format().render(table);
    } catch (JmhInputException | CompareException | IllegalArgumentException e) {
      err.println("atlas compare: " + e.getMessage());
      err.flush();
      return 2;
    }
    out.print(text);
    out.flush();
    if (failOnRegression != null) {
      List<String> regressions = regressions(table, failOnRegression / 100);
      for (String r : regressions) {
        err.println("atlas compare: regression: " + r);
      }
      err.flush();
      if (!regressions.isEmpty()) {
        return 1;
      }
    }
    return 0;
  }

  /**
   * Rows significantly worse than the base by more than {@code threshold} (a fraction), measured as
   * the change the table prints: {@code ratio - 1} of the metric itself, so a throughput at 0.952 ×
   * the base is "-4.8%" in the table and 4.8% worse here (not the 5.0% that the inverse ratio would
   * give).
   */
  static List<String> regressions(Table table, double threshold) {
    return table.rows().stream()
        .flatMap(
            (Row r) ->
                r.deltas().stream()
                    .filter(d -> d.verdict() == Verdict.SLOWER)
                    .filter(d -> worseBy(d) > threshold)
                    .map(
                        d ->
                            String.format(
                                Locale.ROOT,
                                "%s (%s) in %s is %.1f%% worse than %s (%+.1f%% %s; limit %.1f%%)",
                                r.name(),
                                r.metric(),
                                d.label(),
                                100 * worseBy(d),
                                r.columns().get(0).label(),
                                100 * (d.ratio() - 1),
                                r.direction() == Direction.LOWER_IS_BETTER
                                    ? "where lower is better"
                                    : "where higher is better",
                                100 * threshold)))
        .toList();
  }

  /** The size of the change the table prints, {@code |ratio - 1|}. */
  static double worseBy(Delta d) {
    return Math.abs(d.ratio() - 1);
  }
}
