package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.latency.LatencyLogs;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.latency.OpenLoopResults;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * GcAllocationPair is the allocation claim with the work held constant (AllocationLatency): per
 * configuration it ran in, the same request with its buffers allocated per request (pitfall) and
 * reused (fix), at one offered rate — the merged percentiles, the p99 interval over forks, the GC
 * pauses inside the measured windows (count, share of the windows, longest) — and the engine's
 * verdict on the p99 ratio (the row of the pitfall-vs-fix table, corrected with the other p99
 * rows).
 *
 * @param run the loaded run
 */
record GcAllocationPair(GcRun run) {

  /** The latency table and the engine's rows, or a note when the run has no AllocationLatency. */
  Output output() {
    List<LatencyLogs.Fork> pairForks;
    try {
      pairForks = run.logs().ofClass("AllocationLatency");
    } catch (IOException e) {
      return GcFormat.cannotRead(e);
    }
    List<LatencySummary> all = LatencySummary.of(pairForks);
    if (all.isEmpty()) {
      return Output.markdown(
          "_No AllocationLatency in this run (the constant-work allocation pair was added after"
              + " it)._");
    }
    StringBuilder md =
        new StringBuilder(
            "| configuration | point | variant | requests/s | p50 ms | p99 ms [95% CI over forks] |"
                + " p99.9 ms | max ms | GC pauses in the windows: count, share, longest ms |\n"
                + "|:---|:---|:---|---:|---:|---:|---:|---:|---:|\n");
    for (LatencySummary l : all) {
      String variant = ReportNames.simple(l.benchmark());
      List<LatencyLogs.Fork> forks =
          pairForks.stream()
              .filter(
                  f ->
                      f.benchmark().equals(l.benchmark())
                          && f.config().equals(l.config())
                          && f.point().equals(l.point()))
              .toList();
      String pauses = GcFormat.pauseCell(run.logs().pausesIn(forks, LatencyLogs.Fork::measured));
      md.append("| `")
          .append(l.config())
          .append("` | ")
          .append(l.point().getOrDefault("load", ""))
          .append(" load | ")
          .append(variant)
          .append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f", l.rate()))
          .append(" | ");
      if (l.saturated()) {
        md.append("**saturated** | | | | ").append(pauses).append(" |\n");
        continue;
      }
      md.append(Numbers.millis(l.millis(50)))
          .append(" | ")
          .append(GcFormat.tailCells(l))
          .append(" | ")
          .append(pauses)
          .append(" |\n");
    }
    md.append("\n");
    appendVerdicts(md);
    return Output.markdown(md.toString());
  }

  /** The engine's rows of the pitfall-vs-fix table for AllocationLatency's open-loop metrics. */
  private void appendVerdicts(StringBuilder md) {
    List<Row> rows =
        run.base().table().rows().stream()
            .filter(r -> r.benchmark().endsWith("AllocationLatency"))
            .filter(r -> OpenLoopResults.ORDER.contains(r.metric()))
            .toList();
    if (rows.isEmpty()) {
      return;
    }
    md.append("| configuration | metric | fix/pitfall [95% simult. CI] | p (Bonf.) | verdict |\n")
        .append("|:---|:---|---:|---:|:---|\n");
    for (Row r : rows) {
      var d = r.deltas().get(0);
      md.append("| `")
          .append(r.config())
          .append("` | ")
          .append(r.metric())
          .append(" | ")
          .append(Numbers.value(d.ratio()))
          .append(" [")
          .append(Numbers.value(d.lo()))
          .append(", ")
          .append(Numbers.value(d.hi()))
          .append("] | ")
          .append(
              Double.isNaN(d.pAdjusted())
                  ? "—"
                  : d.pAdjusted() < 0.001
                      ? "<0.001"
                      : String.format(Locale.ROOT, "%.3f", d.pAdjusted()))
          .append(" | ")
          .append(d.verdict().label())
          .append(" |\n");
    }
    md.append(
        "\n_The ratio is the fixes' geometric mean over forks divided by the pitfalls' (below 1:"
            + " the reused buffers have the lower latency); the interval and p are corrected"
            + " together with every other row of the same metric in the pitfall-vs-fix table._\n");
  }
}
