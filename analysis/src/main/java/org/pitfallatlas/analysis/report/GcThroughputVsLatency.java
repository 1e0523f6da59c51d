package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;

/**
 * GcThroughputVsLatency is the gc notebook's scatter of throughput against p99 latency at the
 * point: one labelled point per configuration, one colour per collector; down and to the right is
 * better.
 *
 * @param run the loaded run
 */
record GcThroughputVsLatency(GcRun run) {

  /** The chart, or a note when no configuration has both figures at the point. */
  Output output() {
    XYChart c = new XYChart(Charts.WIDTH + 120, Charts.HEIGHT);
    Charts.style(
        c,
        "gc: throughput vs p99 latency at " + run.pointLabel(),
        "throughput (ops/s)",
        "p99 (log)");
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setMarkerSize(10);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    Map<String, List<Cell>> byCollector = new LinkedHashMap<>();
    String unit = "";
    for (Cell cell : run.measured()) {
      if (Double.isNaN(cell.throughput()) || !(cell.p99() > 0)) {
        continue;
      }
      byCollector.computeIfAbsent(run.collectorOf(cell), k -> new ArrayList<>()).add(cell);
      unit = cell.latencyUnit();
    }
    if (byCollector.isEmpty()) {
      return Output.markdown("_No configuration has both throughput and latency at this point._");
    }
    c.setYAxisTitle("p99 latency, " + unit + " (log)");
    for (Map.Entry<String, List<Cell>> e : byCollector.entrySet()) {
      double[] xs = e.getValue().stream().mapToDouble(Cell::throughput).toArray();
      double[] ys = e.getValue().stream().mapToDouble(Cell::p99).toArray();
      XYSeries s = c.addSeries(e.getKey(), xs, ys);
      s.setMarkerColor(GcFormat.collectorColor(e.getKey()));
      s.setMarker(SeriesMarkers.CIRCLE);
      for (Cell cell : e.getValue()) {
        c.addAnnotation(
            new AnnotationText(cell.config(), cell.throughput(), cell.p99() * 1.18, false));
      }
    }
    c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    c.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
    return Charts.output(c, "throughput vs p99 per configuration");
  }
}
