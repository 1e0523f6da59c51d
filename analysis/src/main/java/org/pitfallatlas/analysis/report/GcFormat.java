package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.render.Numbers;

/** How the gc report's sections write numbers and colour collectors, in one place. */
final class GcFormat {

  private GcFormat() {}

  /** Counts as integers, other figures to 3 significant digits: 24, 0.0950, 82.0, 14,000. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e7) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  /** A heap factor: "1.5×", "2×". */
  static String factor(double f) {
    return (f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f)) + "×";
  }

  /** A share as a percentage, with more digits the smaller it is; "?" for NaN. */
  static String share(double fraction) {
    if (Double.isNaN(fraction)) {
      return "?";
    }
    return String.format(
        Locale.ROOT,
        fraction < 0.001 ? "%.3f%%" : fraction < 0.1 ? "%.2f%%" : "%.0f%%",
        100 * fraction);
  }

  /**
   * One figure per cell, joined by arrows: "24 → 15 → 4" ("?" where a cell has none), each written
   * by {@code format} ({@link #num} for counts, {@link Numbers#millis} for durations).
   */
  static String series(List<Cell> cells, ToDoubleFunction<Cell> f, DoubleFunction<String> format) {
    List<String> parts = new ArrayList<>();
    for (Cell c : cells) {
      double v = f.applyAsDouble(c);
      parts.add(Double.isNaN(v) ? "?" : format.apply(v));
    }
    return String.join(" → ", parts);
  }

  /**
   * The pauses of {@link GcForkLogs#pausesIn}: "count, share of the windows, longest ms", or "—"
   * without GC logs.
   */
  static String pauseCell(double[] p) {
    if (Double.isNaN(p[0])) {
      return "—";
    }
    return String.format(
        Locale.ROOT,
        "%.0f, %.1f%%, %s",
        p[0],
        p[3] > 0 ? 100 * p[1] / (p[3] * 1000) : 0.0,
        p[0] == 0 ? "—" : Numbers.millis(p[2]));
  }

  /** A p99 in ms with its 95% interval over forks, or "(1 fork)" when there is one fork. */
  static String p99WithInterval(LatencySummary l) {
    double[] ci = l.forkInterval(99, 0.95);
    return Numbers.millis(l.millis(99))
        + (l.forks() < 2
            ? " (1 fork)"
            : " [" + Numbers.millis(ci[0]) + ", " + Numbers.millis(ci[1]) + "]");
  }

  /** The tail cells of a latency row: "p99 [interval] | p99.9 | max", in ms. */
  static String tailCells(LatencySummary l) {
    return p99WithInterval(l)
        + " | "
        + Numbers.millis(l.millis(99.9))
        + " | "
        + Numbers.millis(l.millis(100));
  }

  /** The note a latency section shows when the run's latency logs cannot be read. */
  static Output cannotRead(IOException e) {
    return Output.markdown("_Cannot read the latency logs: " + e.getMessage() + "_");
  }

  /** One colour per collector, the same in every chart. */
  static Color collectorColor(String collector) {
    return switch (collector) {
      case "G1" -> new Color(0x1F77B4);
      case "ZGC" -> new Color(0x2CA02C);
      case "Parallel" -> new Color(0xFF7F0E);
      case "Serial" -> new Color(0xD62728);
      default -> new Color(0x7F7F7F);
    };
  }
}
