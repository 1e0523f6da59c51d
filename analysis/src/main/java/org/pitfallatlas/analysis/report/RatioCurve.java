package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.jmh.JmhReader;

/**
 * A RatioCurve is a notebook section that shows how the fix/pitfall ratio changes with a swept
 * {@code @Param}: per pair class, x = the swept parameter (the numeric one with the most values), y
 * = the ratio on a log axis with its simultaneous interval as a vertical bar, a dashed line at 1×,
 * and one series per pair (pitfall vs fix) and value of any other parameter that varies. The ratios
 * and intervals are the pairs table's ({@link Delta#ratio()}, {@link Delta#lo()}, {@link
 * Delta#hi()}): nothing is recomputed. Series are nudged apart along x (a few percent) so that
 * their bars do not hide each other.
 *
 * @param table the run's pairs table
 * @param family the family, for the titles
 */
public record RatioCurve(Table table, String family) {

  /** How far apart neighbouring series are nudged, as a fraction of the x range. */
  private static final double DODGE = 0.015;

  /**
   * Returns one chart per pair class of {@code metric} ({@code time}, {@code gc.alloc.rate.norm}…)
   * that is swept over a numeric {@code @Param}, or a note when no class is.
   */
  public List<Output> of(String metric) {
    Map<String, List<Row>> byClass = new LinkedHashMap<>();
    for (Row r : table.rows()) {
      if (r.metric().equals(metric) && !r.deltas().isEmpty()) {
        byClass.computeIfAbsent(ReportNames.simple(r.benchmark()), k -> new ArrayList<>()).add(r);
      }
    }
    List<Output> out = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : byClass.entrySet()) {
      chart(e.getKey(), metric, e.getValue()).ifPresent(out::add);
    }
    if (out.isEmpty()) {
      out.add(
          Output.markdown(
              "_No pair of " + family + " is swept over a numeric parameter for " + metric + "._"));
    }
    return out;
  }

  /** The numeric {@code @Param} with the most values over the rows (at least two), or null. */
  static String sweptParam(List<Row> rows) {
    return ReportNames.numericSweep(values(rows));
  }

  private java.util.Optional<Output> chart(String cls, String metric, List<Row> rows) {
    return xyChart(cls, metric, rows)
        .map(c -> Charts.output(c, "fix/pitfall " + metric + " ratio of " + cls, "×"));
  }

  /**
   * The chart of one pair class's rows, or empty when they are not swept over a numeric parameter:
   * one line series per pair and other parameter values, one two-point series per interval (hidden
   * from the legend), and the dashed line at 1×.
   */
  java.util.Optional<XYChart> xyChart(String cls, String metric, List<Row> rows) {
    String param = sweptParam(rows);
    if (param == null) {
      return java.util.Optional.empty();
    }
    Map<String, Set<String>> values = values(rows);
    // Per series (pair + other varying params): x -> {ratio, lo, hi}.
    Map<String, Map<Double, double[]>> series = new LinkedHashMap<>();
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    for (Row r : rows) {
      Delta d = r.deltas().get(0);
      if (!(d.ratio() > 0) || !Double.isFinite(d.ratio())) {
        continue; // an allocation-free side: no ratio to put on a log axis
      }
      StringBuilder name =
          new StringBuilder(r.columns().get(0).label() + " vs " + r.columns().get(1).label());
      r.params()
          .forEach(
              (k, v) -> {
                if (!k.equals(param) && values.get(k).size() > 1) {
                  name.append(' ').append(k).append('=').append(v);
                }
              });
      if (!JmhReader.DEFAULT_CONFIG.equals(r.config())) {
        name.append(" config=").append(r.config());
      }
      double x = Double.parseDouble(r.params().get(param));
      xMin = Math.min(xMin, x);
      xMax = Math.max(xMax, x);
      series
          .computeIfAbsent(name.toString(), k -> new java.util.TreeMap<>())
          .put(x, new double[] {d.ratio(), d.lo(), d.hi()});
    }
    if (series.isEmpty() || xMin == xMax) {
      return java.util.Optional.empty();
    }
    boolean logX = xMin > 0 && xMax / xMin >= 10;
    int n = series.size();
    Map<String, double[][]> lines = new LinkedHashMap<>();
    int k = 0;
    for (Map.Entry<String, Map<Double, double[]>> e : series.entrySet()) {
      double[] xs = new double[e.getValue().size()];
      double[] ys = new double[xs.length];
      int i = 0;
      for (Map.Entry<Double, double[]> p : e.getValue().entrySet()) {
        xs[i] = dodge(p.getKey(), k, n, logX, xMin, xMax);
        ys[i] = p.getValue()[0];
        i++;
      }
      lines.put(e.getKey(), new double[][] {xs, ys});
      k++;
    }
    String ciLabel =
        org.pitfallatlas.analysis.render.Numbers.percent(1 - table.options().alpha())
            + " simultaneous CI";
    XYChart c =
        Charts.lines(
            family + " / " + cls + ": fix/pitfall " + metric + " ratio vs " + param,
            param + (logX ? " (log)" : ""),
            "fix/pitfall (log; bars: " + ciLabel + ")",
            lines,
            logX,
            true,
            Map.of());
    k = 0;
    for (Map.Entry<String, Map<Double, double[]>> e : series.entrySet()) {
      Color color = Charts.PALETTE[k % Charts.PALETTE.length];
      for (Map.Entry<Double, double[]> p : e.getValue().entrySet()) {
        double[] v = p.getValue();
        if (v[1] > 0 && v[2] > 0) {
          Charts.interval(
              c,
              e.getKey() + " @" + p.getKey(),
              dodge(p.getKey(), k, n, logX, xMin, xMax),
              v[1],
              v[2],
              color);
        }
      }
      k++;
    }
    XYSeries one =
        c.addSeries(
            "1× (no change)",
            new double[] {
              dodge(xMin, 0, n, logX, xMin, xMax), dodge(xMax, n - 1, n, logX, xMin, xMax)
            },
            new double[] {1, 1});
    one.setLineColor(Color.DARK_GRAY);
    one.setLineStyle(SeriesLines.DASH_DASH);
    one.setMarker(SeriesMarkers.NONE);
    return java.util.Optional.of(c);
  }

  /**
   * Series {@code k} of {@code n} nudged along x so that neighbouring bars stay apart: by {@link
   * #DODGE} of the x range from {@code min} to {@code max} per series (of its decades on a log
   * axis).
   */
  static double dodge(double x, int k, int n, boolean log, double min, double max) {
    double offset = DODGE * (k - (n - 1) / 2.0);
    return log ? x * Math.pow(max / min, offset) : x + (max - min) * offset;
  }

  private static Map<String, Set<String>> values(List<Row> rows) {
    return ReportNames.paramValues(rows.stream().map(Row::params).toList());
  }
}
