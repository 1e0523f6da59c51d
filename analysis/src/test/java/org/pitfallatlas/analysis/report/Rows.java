package org.pitfallatlas.analysis.report;

import java.util.List;
import java.util.Map;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.Verdict;

/** Builds pairs-table rows with chosen ratios, for tests of what reads them. */
final class Rows {
  private Rows() {}

  static Row row(
      String cls,
      String pitfall,
      String fix,
      Map<String, String> params,
      String metric,
      double ratio,
      double lo,
      double hi,
      Verdict verdict) {
    String unit = metric.equals("throughput") ? "ops/s" : metric.equals("time") ? "ns/op" : "B/op";
    Direction dir =
        metric.equals("throughput") ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
    StringBuilder name = new StringBuilder(cls + "." + pitfall + " vs " + fix);
    params.forEach((k, v) -> name.append('/').append(k).append('=').append(v));
    return new Row(
        name.toString(),
        "org.pitfallatlas.test." + cls,
        params,
        "default",
        metric,
        unit,
        dir,
        List.of(
            new Column(pitfall, 15, 3, 100, 90, 110, 0.95),
            new Column(fix, 15, 3, 100 * ratio, 90 * ratio, 110 * ratio, 0.95)),
        List.of(new Delta(fix, ratio, lo, hi, 0.001, 0.002, verdict, "welch-t-log-forks", 3, 3)),
        List.of());
  }

  static Table table(Row... rows) {
    return new Table(
        Table.Kind.PAIRS,
        List.of("pitfall", "fix"),
        Options.withDefaults(),
        List.of(rows),
        List.of(),
        List.of());
  }
}
