package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pitfallatlas.analysis.gclog.GcLogParser;
import org.pitfallatlas.analysis.gclog.GcLogSummary;
import org.pitfallatlas.analysis.latency.LatencyLogs;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * GcTimeline is one fork's windows on one time axis: for a representative fork (the profiled
 * configuration at the point, its first fork), every window of arrivals — warm-up and measured —
 * with its latency p99 and max, the stall meter's max, and the GC pauses that its GC log stamps
 * inside the same window (count, longest, total). Both logs use the JVM's up-time, so a window with
 * a long pause should show a max latency about as long.
 *
 * @param run the loaded run
 */
record GcTimeline(GcRun run) {

  /** The table, or a note when the run has no such fork or no GC log for it. */
  Output output() {
    List<GcReport.Config> configs = run.configs();
    String config =
        configs.stream()
            .map(GcReport.Config::id)
            .filter(id -> id.equals("g1-2x"))
            .findFirst()
            .orElse(configs.isEmpty() ? "" : configs.get(0).id());
    List<LatencyLogs.Fork> forks;
    try {
      forks = run.logs().everywhere();
    } catch (IOException e) {
      return GcFormat.cannotRead(e);
    }
    Optional<LatencyLogs.Fork> fork =
        forks.stream()
            .filter(f -> f.config().equals(config) && f.point().equals(run.point()))
            .findFirst();
    if (fork.isEmpty()) {
      return Output.markdown("_No open-loop fork of " + config + " at " + run.pointLabel() + "._");
    }
    String name = GcForkLogs.name(fork.get());
    List<String> lines = run.logs().gcLines(fork.get());
    if (lines.isEmpty()) {
      return Output.markdown(
          "_No GC log for " + name + " in " + run.base().run().resolve("gc") + "._");
    }
    StringBuilder md =
        new StringBuilder(
            "`"
                + config
                + "`, "
                + run.pointLabel()
                + ", fork `"
                + name
                + "` (JVM up-time in seconds; latencies and pauses in ms)\n\n"
                + "| window (s) | kind | requests | latency p99 | latency max | stall max |"
                + " GC pauses in the window | longest pause | paused |\n"
                + "|:---|:---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (LatencyLogs.Iteration i : fork.get().iterations()) {
      GcLogSummary g = GcLogParser.parse(lines, i.startSeconds(), i.endSeconds());
      md.append(String.format(Locale.ROOT, "| %.2f–%.2f | ", i.startSeconds(), i.endSeconds()))
          .append(i.warmup() ? "warm-up" : i.burst() ? "**burst**" : "measured")
          .append(" | ")
          .append(i.served())
          .append(" | ")
          .append(Numbers.millis(i.latency().getValueAtPercentile(99) / 1e6))
          .append(" | ")
          .append(Numbers.millis(i.latency().getMaxValue() / 1e6))
          .append(" | ")
          .append(Numbers.millis(i.stall().getMaxValue() / 1e6))
          .append(" | ")
          .append(g.pauseCount())
          .append(" | ")
          .append(g.pauseCount() == 0 ? "—" : Numbers.millis(g.pauseMax()))
          .append(" | ")
          .append(Numbers.millis(g.totalPauseMillis()))
          .append(" |\n");
    }
    return Output.markdown(md.toString());
  }
}
