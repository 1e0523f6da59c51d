package org.pitfallatlas.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * The parameter sweeps of a family report: a pair class's variants against its swept {@code @Param}
 * (drawn by {@link SweepChart}), and the log-log slope of each line (how the cost grows).
 */
final class Sweeps {

  private final FamilyReport report;

  Sweeps(FamilyReport report) {
    this.report = report;
  }

  /**
   * Returns the parameter sweep of one pair class for one metric: {@code time} (or throughput for
   * throughput-mode classes) or {@code gc.alloc.rate.norm} (B/op), where a growth shape such as n²
   * is often plainer than in the times.
   *
   * @param pairClass the pair class's simple name
   * @param metric {@code time} or {@code gc.alloc.rate.norm}
   */
  public Optional<Output> sweep(String pairClass, String metric) {
    List<Row> rows = sweepRows(pairClass, metric);
    String param = sweptParam(rows);
    if (param == null) {
      return Optional.empty();
    }
    Map<String, Map<String, Column>> byMethod = series(rows, param);
    String unit = rows.get(0).unit();
    String what =
        metric.equals(FamilyReport.TIME)
            ? FamilyReport.TIME
            : metric.equals(Metrics.ALLOC) ? "B/op" : metric;
    return new SweepChart(report.family(), pairClass, param, unit, what)
        .of(byMethod, SweepChart.controls(report.results().results(), pairClass, metric, param));
  }

  /**
   * Returns how each variant of a pair class grows with the swept {@code @Param}: its center at
   * every point and the slope of log(value) against log(param) — about 1 for linear growth, 2 for
   * n², 0 for flat — fitted by least squares over the points.
   *
   * @param pairClass the pair class's simple name
   * @param metric {@code time} or {@code gc.alloc.rate.norm}
   */
  public Output scaling(String pairClass, String metric) {
    List<Row> rows = sweepRows(pairClass, metric);
    String param = sweptParam(rows);
    if (param == null) {
      return Output.markdown("_" + pairClass + " has no parameter sweep in this run._");
    }
    Map<String, Map<String, Column>> byMethod = series(rows, param);
    List<String> xs = new ArrayList<>();
    byMethod
        .values()
        .forEach(m -> m.keySet().stream().filter(x -> !xs.contains(x)).forEach(xs::add));
    boolean numeric = xs.stream().allMatch(v -> v.matches("[0-9.]+"));
    if (numeric) {
      xs.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
    }
    String unit = rows.get(0).unit();
    StringBuilder md = new StringBuilder("| variant |");
    xs.forEach(x -> md.append(' ').append(param).append('=').append(x).append(" |"));
    md.append(numeric ? " log-log slope |\n|:---|" : "\n|:---|");
    xs.forEach(x -> md.append("---:|"));
    md.append(numeric ? "---:|\n" : "\n");
    for (Map.Entry<String, Map<String, Column>> e : byMethod.entrySet()) {
      md.append("| ").append(e.getKey()).append(" |");
      List<double[]> pts = new ArrayList<>();
      for (String x : xs) {
        Column col = e.getValue().get(x);
        md.append(' ')
            .append(col == null ? "" : Numbers.value(col.center()) + " " + unit)
            .append(" |");
        if (col != null && numeric) {
          pts.add(new double[] {Double.parseDouble(x), col.center()});
        }
      }
      if (numeric) {
        double slope = logLogSlope(pts);
        md.append(' ')
            .append(Double.isNaN(slope) ? "?" : String.format(Locale.ROOT, "%.2f", slope))
            .append(" |");
      }
      md.append('\n');
    }
    return Output.markdown(md.toString());
  }

  private List<Row> sweepRows(String pairClass, String metric) {
    List<Row> rows = new ArrayList<>();
    for (Row r : report.table().rows()) {
      boolean wanted =
          metric.equals(FamilyReport.TIME)
              ? r.metric().equals(FamilyReport.TIME) || r.metric().equals("throughput")
              : r.metric().equals(metric);
      if (wanted && FamilyReport.simple(r.benchmark()).equals(pairClass) && !r.params().isEmpty()) {
        rows.add(r);
      }
    }
    return rows;
  }

  /** Per variant (and value of any other varying param): the swept value -> its column. */
  private static Map<String, Map<String, Column>> series(List<Row> rows, String param) {
    Map<String, Set<String>> valuesByParam = paramValues(rows);
    Map<String, Map<String, Column>> byMethod = new LinkedHashMap<>();
    for (Row r : rows) {
      StringBuilder split = new StringBuilder();
      r.params()
          .forEach(
              (k, v) -> {
                if (!k.equals(param) && valuesByParam.get(k).size() > 1) {
                  split.append(' ').append(k).append('=').append(v);
                }
              });
      String value = r.params().get(param) + FamilyReport.config(r.config());
      for (Column col : r.columns()) {
        byMethod.computeIfAbsent(col.label() + split, k -> new LinkedHashMap<>()).put(value, col);
      }
    }
    return byMethod;
  }

  /** Least-squares slope of log(y) against log(x); NaN with fewer than two usable points. */
  static double logLogSlope(List<double[]> points) {
    List<double[]> logs = new ArrayList<>();
    for (double[] p : points) {
      if (p[0] > 0 && p[1] > 0) {
        logs.add(new double[] {Math.log(p[0]), Math.log(p[1])});
      }
    }
    if (logs.size() < 2) {
      return Double.NaN;
    }
    double mx = logs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = logs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (double[] p : logs) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }

  /** The values each {@code @Param} takes over the rows, in order of appearance. */
  private static Map<String, Set<String>> paramValues(List<Row> rows) {
    return ReportNames.paramValues(rows.stream().map(Row::params).toList());
  }

  /**
   * The {@code @Param} a sweep puts on its x axis: the one with the most values (numeric ones first
   * on a tie), or null when the rows have no parameters.
   */
  static String sweptParam(List<Row> rows) {
    String best = null;
    int bestCount = 0;
    boolean bestNumeric = false;
    for (Map.Entry<String, Set<String>> e : paramValues(rows).entrySet()) {
      int n = e.getValue().size();
      boolean numeric = e.getValue().stream().allMatch(v -> v.matches("-?[0-9.]+"));
      if (best == null || n > bestCount || (n == bestCount && numeric && !bestNumeric)) {
        best = e.getKey();
        bestCount = n;
        bestNumeric = numeric;
      }
    }
    return best;
  }
}
