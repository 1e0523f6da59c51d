package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;

/**
 * GcTradeOff is the trade-off per collector across heap factors at the point: three line charts
 * (p99 latency, throughput, peak RSS against heap limit / live set), one line per collector; a
 * configuration without a result is named under the x axis.
 *
 * @param run the loaded run
 */
record GcTradeOff(GcRun run) {

  /** The three charts. */
  List<Output> outputs() {
    List<Output> out = new ArrayList<>();
    out.add(chart("p99 latency", Cell::p99, true));
    out.add(chart("throughput (ops/s)", Cell::throughput, false));
    out.add(chart("peak RSS (MiB)", Cell::peakRssMiB, false));
    return out;
  }

  private Output chart(String what, ToDoubleFunction<Cell> y, boolean log) {
    Map<String, double[][]> series = new LinkedHashMap<>();
    Map<String, Color> colors = new LinkedHashMap<>();
    List<String> gaps = new ArrayList<>();
    String unit = "";
    for (String collector : List.of("G1", "ZGC", "Parallel")) {
      List<double[]> pts = new ArrayList<>();
      for (double f : GcRun.FACTORS) {
        Optional<GcReport.Config> cfg = run.config(collector, f);
        if (cfg.isEmpty()) {
          continue;
        }
        Optional<Cell> cell = run.measuredCell(cfg.get().id());
        double v = cell.map(y::applyAsDouble).orElse(Double.NaN);
        if (cell.isEmpty() || Double.isNaN(v) || (log && v <= 0)) {
          gaps.add(cfg.get().id());
          continue;
        }
        unit = cell.get().latencyUnit();
        pts.add(new double[] {f, v});
      }
      if (!pts.isEmpty()) {
        series.put(
            collector,
            new double[][] {
              pts.stream().mapToDouble(p -> p[0]).toArray(),
              pts.stream().mapToDouble(p -> p[1]).toArray()
            });
        colors.put(collector, GcFormat.collectorColor(collector));
      }
    }
    if (series.isEmpty()) {
      return Output.markdown("_No " + what + " for any collector at this point._");
    }
    String yTitle = what.equals("p99 latency") ? "p99, " + unit : what;
    XYChart c =
        Charts.lines(
            "gc: " + what + " vs heap limit at " + run.pointLabel(),
            "heap limit / live set"
                + (gaps.isEmpty() ? "" : "   (no result: " + String.join(", ", gaps) + ")"),
            yTitle + (log ? " (log)" : ""),
            series,
            false,
            log,
            colors);
    c.getStyler().setXAxisMin(1.0).setXAxisMax(4.5);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return Charts.output(c, what + " per collector across heap factors");
  }
}
