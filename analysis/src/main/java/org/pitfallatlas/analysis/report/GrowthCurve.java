package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * A GrowthCurve is a notebook section for benchmarks whose iterations accumulate state (leaks):
 * each iteration reports the state after it as a secondary metric, so a fork's values in iteration
 * order are a curve over time. It draws one chart per parameter point, a metric against a running
 * count (e.g. {@code growth.heap} against {@code growth.requests}), one line per fork, pitfalls red
 * and fixes green, and a table of each variant's per-fork slope.
 *
 * @param results the run's results
 */
public record GrowthCurve(List<JmhResult> results) {

  /**
   * Returns one chart per parameter point and a table of slopes of {@code metric} against {@code x}
   * for the methods of {@code pairClass} (its simple name), or a note when the run has no such
   * metrics.
   */
  public List<Output> of(String pairClass, String metric, String x) {
    Map<String, List<JmhResult>> byPoint = new TreeMap<>();
    for (JmhResult r : results) {
      if (ReportNames.simple(r.className()).equals(pairClass)
          && r.secondary().containsKey(metric)
          && r.secondary().containsKey(x)) {
        byPoint.computeIfAbsent(ReportNames.point(r.params()), k -> new ArrayList<>()).add(r);
      }
    }
    if (byPoint.isEmpty()) {
      return List.of(
          Output.markdown(
              "_" + pairClass + " has no `" + metric + "` against `" + x + "` in this run._"));
    }
    List<Output> parts = new ArrayList<>();
    StringBuilder md =
        new StringBuilder("| point | variant | ")
            .append(metric)
            .append(" per 1,000 of ")
            .append(x)
            .append(", each fork (least squares) |\n|:---|:---|:---|\n");
    for (Map.Entry<String, List<JmhResult>> point : byPoint.entrySet()) {
      Map<String, double[][]> series = new LinkedHashMap<>();
      Map<String, Color> colors = new LinkedHashMap<>();
      String unit = "";
      for (JmhResult r : point.getValue()) {
        JmhMetric y = r.secondary().get(metric);
        unit = y.unit();
        double[][] ys = y.perIteration();
        double[][] xs = r.secondary().get(x).perIteration();
        List<String> slopes = new ArrayList<>();
        for (int f = 0; f < ys.length && f < xs.length; f++) {
          String name = r.methodName() + " fork " + (f + 1);
          series.put(name, new double[][] {xs[f], ys[f]});
          colors.put(name, Charts.roleColor(r.methodName()));
          slopes.add(Numbers.value(1000 * slope(xs[f], ys[f])));
        }
        md.append("| ")
            .append(point.getKey())
            .append(" | ")
            .append(r.methodName())
            .append(" | ")
            .append(String.join(", ", slopes))
            .append(' ')
            .append(unit)
            .append(" |\n");
      }
      var chart =
          Charts.lines(
              pairClass + " " + point.getKey() + ": " + metric + " after each iteration",
              x + " (running total)",
              metric + " (" + unit + ")",
              series,
              false,
              false,
              colors);
      chart.getStyler().setLegendVisible(false);
      parts.add(
          Charts.output(
              chart,
              pairClass
                  + " "
                  + point.getKey()
                  + ": "
                  + metric
                  + " against "
                  + x
                  + ", one line per fork, pitfalls red, fixes green"));
    }
    parts.add(Output.markdown(md.toString()));
    return List.copyOf(parts);
  }

  /** The least-squares slope of y against x (NaN with fewer than two distinct x). */
  static double slope(double[] x, double[] y) {
    int n = Math.min(x.length, y.length);
    double mx = Arrays.stream(x, 0, n).average().orElse(Double.NaN);
    double my = Arrays.stream(y, 0, n).average().orElse(Double.NaN);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }
}
