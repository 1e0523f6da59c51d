package org.pitfallatlas.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;

/**
 * The coordination-share section of a family report: every parallel variant against a serial
 * control, as a table and as a chart over the swept parameter (see {@link CoordinationShare}).
 */
final class CoordinationShares {

  private final FamilyReport report;

  CoordinationShares(FamilyReport report) {
    this.report = report;
  }

  /**
   * Returns the coordination share of every parallel variant at every point, read off the run
   * against a serial control (see {@link CoordinationShare}): a Markdown table, with the processors
   * the run had.
   *
   * @param serialMethod the control, e.g. {@code baselineSerial}
   */
  public Output coordinationShare(String serialMethod) {
    double cores = CoordinationShare.cores(report.run());
    List<CoordinationShare> shares = coordinationShares(serialMethod);
    String head =
        "Coordination share = (parallel − serial / cores) / parallel, with serial = `"
            + serialMethod
            + "` at the same point and cores = "
            + (Double.isNaN(cores)
                ? "unknown (env.json missing)"
                : cores == Math.rint(cores) ? String.valueOf((long) cores) : String.valueOf(cores))
            + " (env.json). The share column uses medians over all iterations of all forks; the"
            + " last column is the fork-level estimate (geometric means of steady iterations)"
            + " with its 95% interval for that point (Welch t over forks, not simultaneous).\n\n";
    return Output.markdown(head + CoordinationShare.markdown(shares));
  }

  /**
   * Returns the coordination share of every parallel variant at every point, with the fork-level
   * estimate and its interval (the claims ledger reads the share claim from these).
   *
   * @param serialMethod the control, e.g. {@code baselineSerial}
   */
  public List<CoordinationShare> coordinationShares(String serialMethod) {
    return CoordinationShare.of(
        report.results(), serialMethod, CoordinationShare.cores(report.run()));
  }

  /**
   * Returns the coordination share of every parallel variant against the swept {@code @Param} as a
   * line chart (in %), one line per variant and value of any other varying parameter.
   *
   * @param serialMethod the control, e.g. {@code baselineSerial}
   */
  public Output coordinationShareChart(String serialMethod) {
    List<CoordinationShare> shares = coordinationShares(serialMethod);
    Map<String, Set<String>> values =
        ReportNames.paramValues(shares.stream().map(CoordinationShare::params).toList());
    String param = ReportNames.numericSweep(values);
    if (param == null) {
      return Output.markdown("_No numeric parameter sweep to draw the coordination share over._");
    }
    Map<String, List<double[]>> points = new LinkedHashMap<>();
    for (CoordinationShare c : shares) {
      if (Double.isNaN(c.share())) {
        continue;
      }
      StringBuilder name = new StringBuilder(c.method());
      String x = param;
      c.params().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .filter(e -> !e.getKey().equals(x) && values.get(e.getKey()).size() > 1)
          .forEach(e -> name.append(' ').append(e.getKey()).append('=').append(e.getValue()));
      name.append(FamilyReport.config(c.config()));
      points
          .computeIfAbsent(name.toString(), k -> new ArrayList<>())
          .add(new double[] {Double.parseDouble(c.params().get(param)), 100 * c.share()});
    }
    if (points.isEmpty()) {
      return Output.markdown("_No coordination share could be computed (cores unknown?)._");
    }
    Map<String, double[][]> series = new LinkedHashMap<>();
    double xMin = Double.MAX_VALUE;
    double xMax = 0;
    for (Map.Entry<String, List<double[]>> e : points.entrySet()) {
      List<double[]> pts = new ArrayList<>(e.getValue());
      pts.sort((a, b) -> Double.compare(a[0], b[0]));
      double[] xs = pts.stream().mapToDouble(a -> a[0]).toArray();
      double[] ys = pts.stream().mapToDouble(a -> a[1]).toArray();
      for (double v : xs) {
        xMin = Math.min(xMin, v);
        xMax = Math.max(xMax, v);
      }
      series.put(e.getKey(), new double[][] {xs, ys});
    }
    boolean logX = xMin > 0 && xMax / xMin >= 10;
    XYChart c =
        Charts.lines(
            report.family() + ": coordination share vs " + param,
            param + (logX ? " (log)" : ""),
            "coordination share of runtime (%)",
            series,
            logX,
            false,
            Charts.roleColors(new ArrayList<>(series.keySet())));
    return Charts.output(c, "coordination share over " + param);
  }
}
