package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pitfallatlas.analysis.latency.LatencyLogs;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.stats.ForkRatio;

/**
 * GcBurst is bursty allocation (BurstLatency): per configuration it ran in, the latency of the
 * steady windows (including the recovery after the burst) beside the burst window's — in which
 * every request allocates burstFactor times more — with the GC pauses inside each. A configuration
 * whose burst left requests unserved shows as saturated.
 *
 * @param run the loaded run
 */
record GcBurst(GcRun run) {

  /** The table, two rows per configuration, or a note when the run has no BurstLatency. */
  Output output() {
    List<LatencyLogs.Fork> forks;
    try {
      forks = run.logs().ofClass("BurstLatency");
    } catch (IOException e) {
      return GcFormat.cannotRead(e);
    }
    List<LatencySummary> all = LatencySummary.of(forks);
    if (all.isEmpty()) {
      return Output.markdown(
          "_No BurstLatency in this run (the bursty-allocation load was added after it)._");
    }
    StringBuilder md =
        new StringBuilder(
            "| configuration | requests/s | windows | p99 ms [95% CI over forks] | p99.9 ms | max ms"
                + " | stall max ms | GC pauses: count, share, longest ms |\n"
                + "|:---|---:|:---|---:|---:|---:|---:|---:|\n");
    for (LatencySummary l : all) {
      List<LatencyLogs.Fork> mine =
          forks.stream()
              .filter(f -> f.config().equals(l.config()) && f.point().equals(l.point()))
              .toList();
      String rate = String.format(Locale.ROOT, "%,.0f", l.rate());
      md.append("| `")
          .append(l.config())
          .append("` | ")
          .append(rate)
          .append(" | steady (")
          .append(mine.isEmpty() ? 0 : mine.get(0).steady().size())
          .append(" per fork) | ")
          .append(GcFormat.tailCells(l))
          .append(" | ")
          .append(Numbers.millis(l.stallMillis(100)))
          .append(" | ")
          .append(GcFormat.pauseCell(run.logs().pausesIn(mine, LatencyLogs.Fork::steady)))
          .append(" |\n");
      md.append("| `")
          .append(l.config())
          .append("` | ")
          .append(rate)
          .append(" | **burst** (")
          .append(l.point().getOrDefault("burstFactor", "?"))
          .append("× garbage) | ");
      burstCells(md, l, mine);
    }
    md.append(
        "\n_Steady windows: every measured window but the burst, so the recovery after it counts"
            + " here; the burst window's requests each allocate burstFactor × garbageKiB. A"
            + " saturated burst left requests unserved at the end of its grace period: the"
            + " configuration could not absorb the burst at this rate on this machine._\n");
    return Output.markdown(md.toString());
  }

  /** The burst row's cells after its label. */
  private void burstCells(StringBuilder md, LatencySummary l, List<LatencyLogs.Fork> mine) {
    if (!l.hasBurst()) {
      md.append("no burst window in this run (fewer than 2 measured windows) | | | | |\n");
      return;
    }
    long served = 0;
    long scheduled = 0;
    double stall = 0;
    for (LatencyLogs.Fork f : mine) {
      for (LatencyLogs.Iteration i : f.bursts()) {
        served += i.served();
        scheduled += i.scheduled();
        stall = Math.max(stall, i.stall().getMaxValue() / 1e6);
      }
    }
    String pauses = GcFormat.pauseCell(run.logs().pausesIn(mine, LatencyLogs.Fork::bursts));
    if (served < scheduled) {
      md.append(String.format(Locale.ROOT, "**saturated**: %,d of %,d served |", served, scheduled))
          .append(" | | ")
          .append(Numbers.millis(stall))
          .append(" | ")
          .append(pauses)
          .append(" |\n");
      return;
    }
    double[] b = l.forkBurstMillis(99);
    double[] ci =
        ForkRatio.withConfidence(0.95).meanInterval(Arrays.stream(b).map(Math::log).toArray());
    md.append(Numbers.millis(l.burstMillis(99)))
        .append(
            b.length < 2
                ? " (1 fork)"
                : " ["
                    + Numbers.millis(Math.exp(ci[0]))
                    + ", "
                    + Numbers.millis(Math.exp(ci[1]))
                    + "]")
        .append(" | ")
        .append(Numbers.millis(l.burstMillis(99.9)))
        .append(" | ")
        .append(Numbers.millis(l.burstMillis(100)))
        .append(" | ")
        .append(Numbers.millis(stall))
        .append(" | ")
        .append(pauses)
        .append(" |\n");
  }
}
