package org.pitfallatlas.analysis.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Row;

/**
 * The allocation each variant makes per operation (median B/op), pitfalls in red, fixes in green.
 */
final class BytesPerOp {

  private final FamilyReport report;

  BytesPerOp(FamilyReport report) {
    this.report = report;
  }

  /**
   * Returns bytes allocated per operation (the table's center of {@code gc.alloc.rate.norm}: the
   * geometric mean of the fork values) of every variant at every point, pitfalls red, fixes green,
   * on a log axis (0 B/op is drawn at 1 B).
   */
  public Output bytesPerOp() {
    Map<String, Column> variants = variants(Metrics.ALLOC);
    if (variants.isEmpty()) {
      return Output.markdown("_No B/op in this run (was -prof gc off?)._");
    }
    RowPlot plot =
        new RowPlot(
            report.family() + ": bytes allocated per operation (geometric mean of the forks)",
            "B/op (log scale; below 1 B/op drawn at 1: nothing allocated)",
            true);
    for (Map.Entry<String, Column> e : variants.entrySet()) {
      Column col = e.getValue();
      double center = Math.max(col.center(), 1);
      plot.point(
          plot.row(e.getKey()), center, Charts.roleColor(col.label()), RowPlot.Shape.DIAMOND, 0);
    }
    plot.legend("pitfall", Charts.PITFALL).legend("fix", Charts.FIX);
    return plot.output("bytes per operation by variant");
  }

  private Map<String, Column> variants(String metric) {
    Map<String, Column> out = new LinkedHashMap<>();
    for (String cls : report.pairClasses()) {
      for (Row r : report.rows(cls, metric)) {
        for (Column col : r.columns()) {
          out.putIfAbsent(
              cls
                  + "."
                  + col.label()
                  + FamilyReport.params(r.params())
                  + FamilyReport.config(r.config()),
              col);
        }
      }
    }
    return out;
  }
}
