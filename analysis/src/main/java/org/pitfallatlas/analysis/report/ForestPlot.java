package org.pitfallatlas.analysis.report;

import java.awt.Color;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * The forest plot of a family report: each pair's fix/pitfall ratio at each point with its 95%
 * simultaneous interval, coloured by verdict.
 */
final class ForestPlot {

  private final FamilyReport report;

  ForestPlot(FamilyReport report) {
    this.report = report;
  }

  /** Returns the forest plot of one metric ({@code time}, {@code throughput}, {@code p99}…). */
  public Output forestPlot(String metric) {
    String unit = "";
    RowPlot plot =
        new RowPlot(
            report.family() + ": fix/pitfall " + metric + " ratio, 95% simultaneous CI",
            "fix/pitfall (log scale; left of the dashed line: the fix is better)",
            true);
    int n = 0;
    for (Row r : report.table().rows()) {
      if (!r.metric().equals(metric)) {
        continue;
      }
      Delta d = r.deltas().get(0);
      plot.interval(plot.row(r.name()), d.lo(), d.ratio(), d.hi(), color(d.verdict()));
      n++;
    }
    if (n == 0) {
      return Output.markdown("_No " + metric + " rows in this run._");
    }
    plot.reference(1)
        .tickSuffix("×")
        .legend("fix faster", Charts.FIX)
        .legend("~ (no difference)", Charts.NEUTRAL)
        .legend("equivalent", Charts.EQUIVALENT)
        .legend("fix slower", Charts.SLOWER);
    return plot.output("forest plot of fix/pitfall " + metric + " ratios");
  }

  private static Color color(Verdict v) {
    return switch (v) {
      case FASTER -> Charts.FIX;
      case SLOWER -> Charts.SLOWER;
      case EQUIVALENT -> Charts.EQUIVALENT;
      case NO_DIFFERENCE -> Charts.NEUTRAL;
    };
  }
}
