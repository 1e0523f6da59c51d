package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYSeries;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * A ForkCovariate is a notebook section that puts each fork's result beside a secondary metric the
 * same fork recorded about its surroundings (e.g. {@code c2c.rtt}, the cache-line round trip
 * between the two CPUs it ran on): a scatter of the fork's median time against the fork's lowest
 * reading of the covariate, one chart per parameter point, pitfalls red and fixes green, and a
 * table of the forks. Forks that cluster by the covariate show a fork-to-fork variance with a cause
 * outside the code.
 *
 * <p>The covariate is summarised by its lowest reading because it is meant for a floor, like a
 * latency: a reading taken while something else held a CPU only adds to it (in the contention
 * reference run 20261201T111951Z, 54% of the 1,464 c2c.rtt readings were above 150 ns and 35% above
 * 1 µs, up to 8.8 µs, while every FalseSharing fork's lowest reading was 79–86 ns).
 *
 * @param results the run's results
 */
public record ForkCovariate(List<JmhResult> results) {

  /**
   * Returns one chart per parameter point and one table for the methods of {@code pairClass} (its
   * simple name) that recorded {@code metric}, or a note when none did.
   */
  public List<Output> of(String pairClass, String metric) {
    Map<String, List<JmhResult>> byPoint = new TreeMap<>();
    for (JmhResult r : results) {
      if (ReportNames.simple(r.className()).equals(pairClass)
          && r.secondary().containsKey(metric)) {
        byPoint.computeIfAbsent(ReportNames.point(r.params()), k -> new ArrayList<>()).add(r);
      }
    }
    if (byPoint.isEmpty()) {
      return List.of(
          Output.markdown("_" + pairClass + " recorded no `" + metric + "` in this run._"));
    }
    List<Output> parts = new ArrayList<>();
    StringBuilder md =
        new StringBuilder("| point | variant | fork: median ")
            .append("time")
            .append(" @ lowest ")
            .append(metric)
            .append(" |\n|:---|:---|:---|\n");
    for (Map.Entry<String, List<JmhResult>> point : byPoint.entrySet()) {
      Map<String, double[][]> series = new LinkedHashMap<>();
      Map<String, Color> colors = new LinkedHashMap<>();
      String yUnit = "";
      String xUnit = "";
      for (JmhResult r : point.getValue()) {
        double[][] ys = r.primary().perIteration();
        double[][] xs = r.secondary().get(metric).perIteration();
        yUnit = r.primary().unit();
        xUnit = r.secondary().get(metric).unit();
        int forks = Math.min(xs.length, ys.length);
        double[] x = new double[forks];
        double[] y = new double[forks];
        List<String> cells = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
          x[f] = Arrays.stream(xs[f]).min().orElse(Double.NaN);
          y[f] = median(ys[f]);
          cells.add(
              (f + 1)
                  + ": "
                  + Numbers.value(y[f])
                  + " "
                  + yUnit
                  + " @ "
                  + Numbers.value(x[f])
                  + " "
                  + xUnit);
        }
        series.put(r.methodName(), new double[][] {x, y});
        colors.put(r.methodName(), Charts.roleColor(r.methodName()));
        md.append("| ")
            .append(point.getKey())
            .append(" | ")
            .append(r.methodName())
            .append(" | ")
            .append(String.join("; ", cells))
            .append(" |\n");
      }
      var chart =
          Charts.lines(
              pairClass + " " + point.getKey() + ": each fork's time against its " + metric,
              metric + " (" + xUnit + "), the fork's lowest reading",
              "time (" + yUnit + "), the fork's median",
              series,
              false,
              false,
              colors);
      chart
          .getSeriesMap()
          .values()
          .forEach(s -> s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter));
      parts.add(
          Charts.output(
              chart,
              pairClass
                  + " "
                  + point.getKey()
                  + ": one dot per fork, its median time against its "
                  + metric
                  + ", pitfalls red, fixes green"));
    }
    parts.add(Output.markdown(md.toString()));
    return List.copyOf(parts);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0
        ? Double.NaN
        : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
