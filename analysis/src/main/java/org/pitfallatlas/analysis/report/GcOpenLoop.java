package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;
import org.pitfallatlas.analysis.gclog.GcLogSummary;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.SteadyState;

/**
 * GcOpenLoop is the gc notebook's open-loop latency table: per load, the offered rate (the same for
 * every configuration at a load), and per configuration p50/p99/p99.9/max of every measured request
 * of every fork merged into one histogram, the p99 interval over forks (95%, Student t on the fork
 * values' logarithms), the stall meter's p99 and max, and from the same forks' GC logs the share of
 * the measurement windows spent in pauses and the longest pause. "Consistent" checks the tail
 * against the log: a pause stops the service thread, so a request due during the longest pause
 * waits for it; the max latency must reach that pause minus one arrival interval. A saturated
 * configuration (a window left requests unserved) shows as saturated, without latencies.
 *
 * @param run the loaded run
 */
record GcOpenLoop(GcRun run) {

  /** The table, one block per load. */
  Output output() {
    List<LatencySummary> all;
    try {
      all = LatencySummary.of(run.logs().everywhere());
    } catch (IOException e) {
      return GcFormat.cannotRead(e);
    }
    if (all.isEmpty()) {
      return Output.markdown(
          "_No latency logs in this run: it predates the open-loop generator (its latency rows come"
              + " from JMH's closed-loop SampleTime mode, which hides GC pauses; see the notes)._");
    }
    Map<String, GcLogSummary> pauses = new LinkedHashMap<>();
    for (Cell c : run.matrix().cells()) {
      if (c.gc() != null) {
        pauses.put(c.config() + " " + c.params(), c.gc());
      }
    }
    StringBuilder md = new StringBuilder();
    Map<Map<String, String>, List<LatencySummary>> byPoint = new LinkedHashMap<>();
    all.forEach(l -> byPoint.computeIfAbsent(l.point(), k -> new ArrayList<>()).add(l));
    for (var e : byPoint.entrySet()) {
      LatencySummary first = e.getValue().get(0);
      md.append("**")
          .append(e.getKey())
          .append("**: ")
          .append(String.format(Locale.ROOT, "%,.0f", first.rate()))
          .append(" requests/s offered to every configuration\n\n")
          .append(
              "| configuration | forks | requests | p50 ms | p99 ms [95% CI over forks] | p99.9 ms"
                  + " | max ms | stall p99 / max ms | GC pauses: share of window, longest ms |"
                  + " consistent | p99 per iteration, per fork |\n")
          .append("|:---|---:|---:|---:|---:|---:|---:|---:|---:|:---|:---|\n");
      for (LatencySummary l : e.getValue()) {
        row(md, l, pauses.get(l.config() + " " + l.point()));
      }
      md.append('\n');
    }
    return Output.markdown(md.toString());
  }

  private static void row(StringBuilder md, LatencySummary l, GcLogSummary g) {
    String gcCell =
        g == null || g.wallSeconds() <= 0
            ? "—"
            : String.format(
                Locale.ROOT,
                "%.1f%%, %s",
                100 * g.totalPauseMillis() / (g.wallSeconds() * 1000),
                Numbers.millis(g.pauseMax()));
    md.append("| `").append(l.config()).append("` | ").append(l.forks()).append(" | ");
    if (l.saturated()) {
      md.append(String.format(Locale.ROOT, "%,d of %,d served", l.served(), l.scheduled()))
          .append(" | **saturated**: it cannot keep up at this rate (")
          .append(l.saturatedForks())
          .append(" of ")
          .append(l.forks())
          .append(" forks) | | | | | ")
          .append(gcCell)
          .append(" | | |\n");
      return;
    }
    double longest = g == null ? Double.NaN : g.pauseMax();
    double period = 1000.0 / l.rate();
    String consistent =
        Double.isNaN(longest) || longest <= 0
            ? "—"
            : l.millis(100) >= longest - period
                ? "yes"
                : "**no**: max " + Numbers.millis(l.millis(100)) + " < longest pause";
    md.append(String.format(Locale.ROOT, "%,d", l.served()))
        .append(" | ")
        .append(Numbers.millis(l.millis(50)))
        .append(" | ")
        .append(GcFormat.tailCells(l))
        .append(" | ")
        .append(Numbers.millis(l.stallMillis(99)))
        .append(" / ")
        .append(Numbers.millis(l.stallMillis(100)))
        .append(" | ")
        .append(gcCell)
        .append(" | ")
        .append(consistent)
        .append(" | ")
        .append(steadiness(l))
        .append(" |\n");
  }

  /**
   * The steady-state check of an open-loop point: each fork's p99 per measurement iteration,
   * classified as the atlas classifies any fork ({@link SteadyState}), counted by kind — "3 flat",
   * or "2 flat, 1 warm-up" when a fork's tail was still falling (a warm-up too short). A tail
   * percentile per short window is noisy by nature (a window with a pause and one without), so this
   * flags trends, not noise.
   */
  static String steadiness(LatencySummary l) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (double[] series : l.forkIterationP99()) {
      SteadyState.Result r =
          Options.DEFAULT_STEADY_STATE.apply(series.clone(), Direction.LOWER_IS_BETTER);
      kinds.merge(r.kind().label(), 1, Integer::sum);
    }
    return kinds.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }
}
