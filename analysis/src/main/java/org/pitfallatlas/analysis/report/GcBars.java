package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;

/**
 * GcBars are the gc notebook's per-configuration bar charts at the point: tail latency, GC pauses
 * from the GC logs, and peak RSS against the heap limit. Each is grouped horizontal bars, one row
 * per configuration (a {@link RowPlot}: XChart's bar charts refuse a log axis); a configuration
 * without a result keeps its row, labelled "does not fit", with no bars. Series with no value
 * anywhere are left out.
 *
 * @param run the loaded run
 */
record GcBars(GcRun run) {

  /** p99, p99.9 and max latency per configuration (log scale). */
  Output latency() {
    Map<String, ToDoubleFunction<Cell>> series = new LinkedHashMap<>();
    series.put("p99", Cell::p99);
    series.put("p99.9", Cell::p999);
    series.put("max", Cell::max);
    String unit = run.measured().stream().map(Cell::latencyUnit).findFirst().orElse("");
    return bars(
        "gc: tail latency per configuration at " + run.pointLabel(),
        "latency, " + unit + " (log)",
        series,
        true,
        Map.of(
            "p99", new Color(0x5DADE2), "p99.9", new Color(0x2874A6), "max", new Color(0x1B2631)),
        "tail latency per configuration",
        c -> "");
  }

  /**
   * The GC pause distribution per configuration from the GC logs: pause p50, p99 and max (log
   * scale), the pause count in each label, and ZGC's longest allocation stall.
   */
  Output pauses() {
    Map<String, ToDoubleFunction<Cell>> series = new LinkedHashMap<>();
    series.put("pause p50", c -> c.gc() == null ? Double.NaN : c.gc().pauseP50());
    series.put("pause p99", c -> c.gc() == null ? Double.NaN : c.gc().pauseP99());
    series.put("pause max", c -> c.gc() == null ? Double.NaN : c.gc().pauseMax());
    series.put(
        "longest allocation stall (ZGC)",
        c -> c.gc() == null ? Double.NaN : c.gc().allocationStallMax());
    return bars(
        "gc: GC pauses per configuration (GC log) at " + run.pointLabel(),
        "ms (log)",
        series,
        true,
        Map.of(
            "pause p50", new Color(0xF5B041),
            "pause p99", new Color(0xCA6F1E),
            "pause max", new Color(0x784212),
            "longest allocation stall (ZGC)", new Color(0xC0392B)),
        "GC pause distribution per configuration",
        c ->
            c.gc() == null
                ? ""
                : " ("
                    + c.gc().pauseCount()
                    + (c.gc().allocationStallCount() > 0
                        ? ", " + c.gc().allocationStallCount() + " st."
                        : "")
                    + ")");
  }

  /** The peak RSS of the benchmark JVM per configuration against its heap limit (MiB). */
  Output memory() {
    Map<String, ToDoubleFunction<Cell>> series = new LinkedHashMap<>();
    series.put(
        "heap limit (MiB)",
        c -> c.gc() == null || c.gc().heapMaxMiB() <= 0 ? Double.NaN : c.gc().heapMaxMiB());
    // rss.peak is already MiB (VmHWM's KiB / 1024), though JMH's result labels it MB.
    series.put("peak RSS (MiB)", Cell::peakRssMiB);
    return bars(
        "gc: peak RSS of the benchmark JVM vs its heap limit at " + run.pointLabel(),
        "MiB",
        series,
        false,
        Map.of("heap limit (MiB)", new Color(0xABB2B9), "peak RSS (MiB)", new Color(0x6C3483)),
        "peak RSS against the heap limit",
        c -> "");
  }

  private Output bars(
      String title,
      String xTitle,
      Map<String, ToDoubleFunction<Cell>> series,
      boolean log,
      Map<String, Color> colors,
      String alt,
      Function<Cell, String> suffix) {
    Map<String, ToDoubleFunction<Cell>> drawn = new LinkedHashMap<>();
    for (Map.Entry<String, ToDoubleFunction<Cell>> e : series.entrySet()) {
      boolean any =
          run.measured().stream()
              .mapToDouble(e.getValue())
              .anyMatch(v -> !Double.isNaN(v) && (!log || v > 0));
      if (any) {
        drawn.put(e.getKey(), e.getValue());
      }
    }
    if (drawn.isEmpty()) {
      return Output.markdown("_Nothing to draw for " + alt + " at this point._");
    }
    int k = drawn.size();
    double thickness = 0.8 / k;
    RowPlot plot = new RowPlot(title, xTitle, log).rowHeight(8 + 7 * k);
    for (GcReport.Config cfg : run.configs()) {
      Optional<Cell> cell = run.measuredCell(cfg.id());
      int row =
          plot.row(
              cfg.id() + cell.map(suffix).orElse("") + (cell.isEmpty() ? " — does not fit" : ""));
      if (cell.isEmpty()) {
        continue;
      }
      int i = 0;
      for (Map.Entry<String, ToDoubleFunction<Cell>> e : drawn.entrySet()) {
        double v = e.getValue().applyAsDouble(cell.get());
        double offset = (i - (k - 1) / 2.0) * thickness;
        if (!Double.isNaN(v)) {
          plot.bar(row, v, colors.get(e.getKey()), offset, thickness * 0.9);
        }
        i++;
      }
    }
    drawn.keySet().forEach(name -> plot.legend(name, colors.get(name)));
    return plot.output(alt);
  }
}
