package org.pitfallatlas.analysis.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.jmh.JmhResult;

/**
 * Every measured iteration of every variant at every point, divided by the variant's median, one
 * colour per fork.
 */
final class ForkSpread {

  private final FamilyReport report;

  ForkSpread(FamilyReport report) {
    this.report = report;
  }

  /**
   * Returns every iteration of every variant at every point, divided by that variant's median, one
   * colour per fork, on a log axis (a fork twice as slow sits as far out as one twice as fast):
   * clusters by colour mean the forks disagree (fork-to-fork variance), which is why the intervals
   * are computed over forks first. Rows name the parameters that vary within the class only.
   */
  public Output forkSpread() {
    RowPlot plot =
        new RowPlot(
            report.family() + ": every iteration / the variant's median, one colour per fork",
            "value / median of all forks (log scale; 1× = the median)",
            true);
    plot.reference(1).tickSuffix("×");
    int forks = 0;
    for (String cls : report.pairClasses()) {
      Map<String, Set<String>> values =
          ReportNames.paramValues(
              report.results().results().stream()
                  .filter(r -> FamilyReport.simple(r.className()).equals(cls))
                  .map(JmhResult::params)
                  .toList());
      for (JmhResult r : report.results().results()) {
        if (!FamilyReport.simple(r.className()).equals(cls)) {
          continue;
        }
        double[][] v = Metrics.of(r).get(0).values();
        forks = Math.max(forks, v.length);
        Map<String, String> varying = new LinkedHashMap<>(r.params());
        varying.keySet().removeIf(k -> values.get(k).size() < 2);
        int row =
            plot.row(
                cls
                    + "."
                    + r.methodName()
                    + FamilyReport.params(varying)
                    + FamilyReport.config(r.config()));
        double median = median(Arrays.stream(v).flatMapToDouble(Arrays::stream).toArray());
        for (int f = 0; f < v.length; f++) {
          double offset = v.length == 1 ? 0 : (f - (v.length - 1) / 2.0) * (0.7 / v.length);
          for (double x : v[f]) {
            plot.point(
                row,
                x / median,
                Charts.PALETTE[f % Charts.PALETTE.length],
                RowPlot.Shape.CIRCLE,
                offset);
          }
        }
      }
    }
    for (int f = 0; f < Math.min(forks, Charts.PALETTE.length); f++) {
      plot.legend("fork " + (f + 1), Charts.PALETTE[f]);
    }
    return plot.output("per-fork distributions");
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
