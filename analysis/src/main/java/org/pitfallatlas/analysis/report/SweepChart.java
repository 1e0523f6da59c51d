package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.jmh.JmhReader;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.stats.ForkValues;
import org.pitfallatlas.analysis.stats.SteadyState;

/**
 * A SweepChart draws one pair class's parameter sweep: each variant's center (the pairs table's
 * geometric mean of the fork values) against the swept {@code @Param}, with the table's per-column
 * 95% t interval as a vertical bar, and the class's control methods (e.g. {@code baselineSerial},
 * which the pairs table has no column for: it is neither a pitfall nor a fix) as grey dashed lines
 * at the same center definition (the geometric mean of each fork's steady iterations), without
 * bars. Series are nudged apart along x (a few percent) so that their bars do not hide each other.
 * A non-numeric parameter gives grouped bars instead.
 *
 * @param family the family, for the title
 * @param pairClass the pair class's simple name
 * @param param the swept parameter
 * @param unit the metric's unit
 * @param what the metric in words ({@code time}, {@code B/op})
 */
record SweepChart(String family, String pairClass, String param, String unit, String what) {

  /**
   * Returns the chart, or empty when the sweep has fewer than two values.
   *
   * @param byMethod per variant (and value of any other varying parameter): the swept value -> the
   *     table's column
   * @param controls per control (and value of any other varying parameter): the swept value -> its
   *     center
   */
  Optional<Output> of(
      Map<String, Map<String, Column>> byMethod, Map<String, Map<String, Double>> controls) {
    Set<String> values = new LinkedHashSet<>();
    byMethod.values().forEach(m -> values.addAll(m.keySet()));
    if (values.size() < 2) {
      return Optional.empty();
    }
    boolean numeric = values.stream().allMatch(v -> v.matches("-?[0-9.]+"));
    Map<String, Color> colors = Charts.roleColors(new ArrayList<>(byMethod.keySet()));
    double yMin = Double.MAX_VALUE;
    double yMax = 0;
    for (Map<String, Column> m : byMethod.values()) {
      for (Column col : m.values()) {
        yMin = Math.min(yMin, col.center());
        yMax = Math.max(yMax, col.center());
      }
    }
    for (Map<String, Double> m : controls.values()) {
      for (double v : m.values()) {
        yMin = Math.min(yMin, v);
        yMax = Math.max(yMax, v);
      }
    }
    // An allocation-free point (below 1 B/op: JMH's amortised noise) sits at 0 on a linear axis
    // rather than decades below the rest on a log one: the step to it is the finding.
    boolean logY =
        yMin > 0
            && yMax / yMin >= 10
            && !(what.equals("B/op") && yMin < Metrics.ALLOCATION_FREE_BELOW);
    String title =
        family + " / " + pairClass + ": " + what + " (geometric mean, 95% CI) vs " + param;
    if (!numeric) {
      return Optional.of(bars(title, new ArrayList<>(values), byMethod, controls, colors));
    }
    return Optional.of(
        Charts.output(
            lines(title, values, logY, byMethod, controls, colors),
            "sweep of " + pairClass + " over " + param));
  }

  /**
   * The line chart of a numeric sweep: one series per variant, one two-point series per interval
   * (hidden from the legend), one grey dashed series per control.
   */
  XYChart lines(
      String title,
      Set<String> values,
      boolean logY,
      Map<String, Map<String, Column>> byMethod,
      Map<String, Map<String, Double>> controls,
      Map<String, Color> colors) {
    double xMin = values.stream().mapToDouble(SweepChart::number).min().orElseThrow();
    double xMax = values.stream().mapToDouble(SweepChart::number).max().orElseThrow();
    boolean logX = xMin > 0 && xMax / xMin >= 10;
    int n = byMethod.size();
    Map<String, double[][]> series = new LinkedHashMap<>();
    int k = 0;
    for (Map.Entry<String, Map<String, Column>> e : byMethod.entrySet()) {
      TreeMap<Double, Column> pts = sorted(e.getValue());
      double[] xs = new double[pts.size()];
      double[] ys = new double[pts.size()];
      int i = 0;
      for (Map.Entry<Double, Column> p : pts.entrySet()) {
        xs[i] = RatioCurve.dodge(p.getKey(), k, n, logX, xMin, xMax);
        ys[i] = p.getValue().center();
        i++;
      }
      series.put(e.getKey(), new double[][] {xs, ys});
      k++;
    }
    XYChart c =
        Charts.lines(
            title,
            param + (logX ? " (log)" : ""),
            unit + (logY ? " (log)" : ""),
            series,
            logX,
            logY,
            colors);
    k = 0;
    for (Map.Entry<String, Map<String, Column>> e : byMethod.entrySet()) {
      for (Map.Entry<Double, Column> p : sorted(e.getValue()).entrySet()) {
        Column col = p.getValue();
        if (!logY || col.lo() > 0) {
          Charts.interval(
              c,
              e.getKey() + " @" + p.getKey(),
              RatioCurve.dodge(p.getKey(), k, n, logX, xMin, xMax),
              col.lo(),
              col.hi(),
              colors.get(e.getKey()));
        }
      }
      k++;
    }
    for (Map.Entry<String, Map<String, Double>> e : controls.entrySet()) {
      TreeMap<Double, Double> pts = new TreeMap<>();
      e.getValue().forEach((x, y) -> pts.put(number(x), y));
      XYSeries s =
          c.addSeries(
              e.getKey() + " (control)",
              pts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
              pts.values().stream().mapToDouble(Double::doubleValue).toArray());
      s.setLineColor(Charts.NEUTRAL);
      s.setMarkerColor(Charts.NEUTRAL);
      s.setLineStyle(SeriesLines.DASH_DASH);
      s.setMarker(SeriesMarkers.NONE);
    }
    return c;
  }

  private Output bars(
      String title,
      List<String> categories,
      Map<String, Map<String, Column>> byMethod,
      Map<String, Map<String, Double>> controls,
      Map<String, Color> colors) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    Map<String, Color> all = new LinkedHashMap<>(colors);
    for (Map.Entry<String, Map<String, Column>> e : byMethod.entrySet()) {
      List<Double> ys = new ArrayList<>();
      for (String v : categories) {
        Column col = e.getValue().get(v);
        ys.add(col == null ? 0.0 : col.center());
      }
      series.put(e.getKey(), ys);
    }
    for (Map.Entry<String, Map<String, Double>> e : controls.entrySet()) {
      series.put(
          e.getKey() + " (control)",
          categories.stream().map(v -> e.getValue().getOrDefault(v, 0.0)).toList());
      all.put(e.getKey() + " (control)", Charts.NEUTRAL);
    }
    var c = Charts.bars(title, param, unit, categories, series, false, all);
    return Charts.output(c, "sweep of " + pairClass + " over " + param);
  }

  /**
   * Returns the center of every control method of {@code pairClass} (a method that is neither a
   * {@code pitfall…} nor a {@code fix…}) at every point: the geometric mean of its forks' values,
   * each the geometric mean of the fork's steady iterations, as the pairs table computes a column's
   * center. Keyed like the sweep's series: the method plus any other parameter that varies within
   * the class, then the swept value (plus {@code /config=…} outside the default configuration).
   *
   * @param metric {@code time} (the primary score, time or throughput) or a secondary metric such
   *     as {@code gc.alloc.rate.norm}
   */
  static Map<String, Map<String, Double>> controls(
      List<JmhResult> results, String pairClass, String metric, String param) {
    List<JmhResult> mine =
        results.stream().filter(r -> ReportNames.simple(r.className()).equals(pairClass)).toList();
    Map<String, Set<String>> values =
        ReportNames.paramValues(mine.stream().map(JmhResult::params).toList());
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (JmhResult r : mine) {
      String m = r.methodName();
      if (m.startsWith("pitfall") || m.startsWith("fix") || !r.params().containsKey(param)) {
        continue;
      }
      List<Metrics.Series> all = Metrics.of(r);
      Optional<Metrics.Series> series =
          metric.equals("time")
              ? Optional.of(all.get(0))
              : all.stream().filter(s -> s.metric().equals(metric)).findFirst();
      if (series.isEmpty()) {
        continue;
      }
      double[] forks =
          ForkValues.of(
                  series.get().values(),
                  Metrics.direction(series.get().unit()),
                  SteadyState.withDefaults())
              .settledValues();
      if (forks.length == 0) {
        continue;
      }
      StringBuilder name = new StringBuilder(m);
      r.params()
          .forEach(
              (k, v) -> {
                if (!k.equals(param) && values.get(k).size() > 1) {
                  name.append(' ').append(k).append('=').append(v);
                }
              });
      String x =
          r.params().get(param)
              + (JmhReader.DEFAULT_CONFIG.equals(r.config()) ? "" : "/config=" + r.config());
      out.computeIfAbsent(name.toString(), k -> new LinkedHashMap<>())
          .put(
              x,
              java.util.Arrays.stream(forks).allMatch(v -> v > 0)
                  ? ForkValues.geometricMean(forks)
                  : java.util.Arrays.stream(forks).average().orElse(Double.NaN));
    }
    return out;
  }

  private static TreeMap<Double, Column> sorted(Map<String, Column> points) {
    TreeMap<Double, Column> out = new TreeMap<>();
    points.forEach((x, col) -> out.put(number(x), col));
    return out;
  }

  private static double number(String value) {
    return Double.parseDouble(value.replaceAll("/config=.*$", ""));
  }
}
