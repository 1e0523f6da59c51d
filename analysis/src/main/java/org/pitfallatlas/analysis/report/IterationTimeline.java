package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.pitfallatlas.analysis.jmh.JmhResult;

/**
 * An IterationTimeline is a notebook section that shows each measured iteration in order, one line
 * per fork: for each variant of a pair class at one parameter point (the suite's profiled point,
 * else every point the run has), the primary score against the iteration number, coloured by fork.
 * It shows what a per-fork distribution hides: warm-up that was not over when measurement began (a
 * line falling over its first iterations), jumps within a fork (a step), and forks that sit on
 * different levels from their first iteration (lines apart: fork-to-fork variance).
 *
 * @param results the run's results
 */
public record IterationTimeline(List<JmhResult> results) {

  /** Small multiples: one small chart per variant keeps the notebooks lean (~15 KB a chart). */
  static final int SMALL_WIDTH = 420;

  static final int SMALL_HEIGHT = 220;

  /**
   * Returns one chart per variant of {@code pairClass} (its simple name) at {@code point} (its
   * {@code @Param} values; empty: every point), or a note when the run has none.
   */
  public List<Output> of(String pairClass, Map<String, String> point) {
    List<Output> parts = new ArrayList<>();
    for (JmhResult r : results) {
      if (!ReportNames.simple(r.className()).equals(pairClass)
          || !r.params().entrySet().containsAll(point.entrySet())) {
        continue;
      }
      double[][] v = r.primary().perIteration();
      Map<String, double[][]> series = new LinkedHashMap<>();
      Map<String, Color> colors = new LinkedHashMap<>();
      for (int f = 0; f < v.length; f++) {
        double[] x = IntStream.rangeClosed(1, v[f].length).asDoubleStream().toArray();
        String name = "fork " + (f + 1);
        series.put(name, new double[][] {x, v[f]});
        colors.put(name, Charts.PALETTE[f % Charts.PALETTE.length]);
      }
      String where =
          ReportNames.point(r.params()) + ("default".equals(r.config()) ? "" : " " + r.config());
      var chart =
          Charts.lines(
              r.methodName() + " " + where,
              "measured iteration",
              r.primary().unit(),
              series,
              false,
              false,
              colors,
              SMALL_WIDTH,
              SMALL_HEIGHT);
      chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
      chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(11f));
      parts.add(
          Charts.output(
              chart,
              pairClass
                  + "."
                  + r.methodName()
                  + " "
                  + where
                  + ": each measured iteration in order, one line per fork"));
    }
    if (parts.isEmpty()) {
      return List.of(
          Output.markdown(
              "_"
                  + pairClass
                  + " has no results at "
                  + (point.isEmpty() ? "any point" : ReportNames.point(new TreeMap<>(point)))
                  + " in this run._"));
    }
    return List.copyOf(parts);
  }
}
