package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.pitfallatlas.analysis.latency.LatencySummary;

/**
 * GcPercentileCurves is the gc notebook's open-loop percentile chart at the point: latency against
 * percentile, one line per configuration, on HdrHistogram's axis (x = 1 / (1 - percentile), log:
 * 90%, 99%, 99.9% evenly spaced), from every measured request of every fork. Saturated
 * configurations are left out.
 *
 * @param run the loaded run
 */
record GcPercentileCurves(GcRun run) {

  private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};

  /** The chart, or a note when the run has no open-loop latency at the point. */
  Output output() {
    List<LatencySummary> all;
    try {
      all = LatencySummary.of(run.logs().everywhere());
    } catch (IOException e) {
      return GcFormat.cannotRead(e);
    }
    List<LatencySummary> here =
        all.stream().filter(l -> l.point().equals(run.point()) && !l.saturated()).toList();
    if (here.isEmpty()) {
      return Output.markdown("_No open-loop latency at " + run.pointLabel() + "._");
    }
    XYChart c = new XYChart(Charts.WIDTH + 160, Charts.HEIGHT);
    Charts.style(
        c,
        "gc: open-loop latency by percentile at " + run.pointLabel(),
        "percentile (1 / (1 - p), log): 10 = p90, 100 = p99, 1000 = p99.9",
        "latency, ms (log)");
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setMarkerSize(0);
    for (LatencySummary l : here) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (double q : PERCENTILES) {
        double v = l.millis(q);
        if (v > 0) {
          xs.add(1 / (1 - q / 100));
          ys.add(v);
        }
      }
      if (xs.size() >= 2) {
        XYSeries sr = c.addSeries(l.config(), xs, ys);
        sr.setLineColor(GcFormat.collectorColor(run.collectorOfConfig(l.config())));
      }
    }
    return Charts.output(c, "open-loop latency percentile curves per configuration");
  }
}
