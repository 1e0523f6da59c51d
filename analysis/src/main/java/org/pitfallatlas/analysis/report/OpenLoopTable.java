package org.pitfallatlas.analysis.report;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.latency.OpenLoopResults;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.suite.Suite;

/**
 * The open-loop section of a family report: per point, each method's offered rate, served requests,
 * latency percentiles in ms, rejections, requests in flight and Little's-law check, from the run's
 * latency logs (see {@link FamilyReport#openLoop()}).
 */
final class OpenLoopTable {

  private final FamilyReport report;

  OpenLoopTable(FamilyReport report) {
    this.report = report;
  }

  /**
   * Returns the run's open-loop benchmarks (a fanout class that sheds load, e.g.
   * BoundedConcurrency) as one Markdown table per point: per method, the offered rate, the requests
   * served, the latency percentiles of the served requests (every measured fork merged), the share
   * rejected, the peak and mean number in flight, and the in-flight count Little's law implies
   * (served rate x mean latency). A method that left requests unfinished after a window's grace
   * period is shown as <b>saturated</b>, without latencies: they describe a queue that grows for as
   * long as the overload lasts, and the pairs table has no row for it (its results are dropped, see
   * {@link org.pitfallatlas.analysis.latency.OpenLoopResults}).
   */
  public Output openLoop() {
    List<LatencySummary> all;
    try {
      all = report.openLoopSummaries();
    } catch (UncheckedIOException e) {
      return Output.markdown("_Cannot read the latency logs: " + e.getMessage() + "_");
    }
    if (all.isEmpty()) {
      return Output.markdown("_No open-loop latency logs in this run._");
    }
    StringBuilder md = new StringBuilder();
    Map<String, List<LatencySummary>> byPoint = new LinkedHashMap<>();
    all.forEach(
        l ->
            byPoint
                .computeIfAbsent(
                    Suite.classOf(l.benchmark())
                        + " "
                        + l.point()
                        + (l.config().equals("default") ? "" : " [" + l.config() + "]"),
                    k -> new ArrayList<>())
                .add(l));
    for (var e : byPoint.entrySet()) {
      md.append("**")
          .append(e.getKey())
          .append("**: ")
          .append(String.format(Locale.ROOT, "%,.0f", e.getValue().get(0).rate()))
          .append(" requests/s offered\n\n")
          .append(
              "| method | forks | served of scheduled | p50 ms | p99 ms | p99.9 ms | max ms |"
                  + " rejected | in flight: peak | mean | λW | peak RSS MiB |\n")
          .append("|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (LatencySummary l : e.getValue()) {
        md.append("| ")
            .append(l.benchmark().substring(l.benchmark().lastIndexOf('.') + 1))
            .append(" | ")
            .append(l.forks())
            .append(" | ")
            .append(String.format(Locale.ROOT, "%,d of %,d", l.served(), l.scheduled()))
            .append(" | ");
        if (l.saturated()) {
          double[] unfinished = l.forkCounts("unfinished");
          md.append("**saturated**: it cannot keep up at this rate (")
              .append(l.saturatedForks())
              .append(" of ")
              .append(l.forks())
              .append(" forks left ")
              .append(
                  unfinished == null
                      ? "requests"
                      : String.format(
                          Locale.ROOT, "%,.0f requests", Arrays.stream(unfinished).sum()))
              .append(" unfinished after the grace period) | | | | ");
        } else {
          for (String p : OpenLoopResults.ORDER) {
            md.append(Numbers.millis(l.millis(OpenLoopResults.METRICS.get(p)))).append(" | ");
          }
        }
        md.append(count(l, "rejected", "%.1f%%"))
            .append(" | ")
            .append(count(l, "inflight.peak", "%.0f"))
            .append(" | ")
            .append(count(l, "inflight.mean", "%.1f"))
            .append(" | ")
            .append(l.saturated() ? "—" : count(l, "inflight.little", "%.1f"))
            .append(" | ")
            .append(count(l, "rss.peak", "%.0f"))
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append(
        "_Latencies of the served requests, from when each was due; rejected: share of the"
            + " scheduled requests; in flight: dispatched, not yet returned (peak: the most, for a"
            + " thread per request the most request threads alive; mean: what the arrivals found,"
            + " with the requests due but not yet dispatched); λW: the served rate times their mean"
            + " latency, which equals the mean in flight in a steady state (Little's law); peak"
            + " RSS: the fork's resident set high-water mark (the pre-touched heap included). A"
            + " saturated method has no steady state._\n");
    return Output.markdown(md.toString());
  }

  /** A per-fork count, the mean over forks (the max for a peak), formatted; "—" without it. */
  private static String count(LatencySummary l, String name, String format) {
    double[] forks = l.forkCounts(name);
    if (forks == null) {
      return "—";
    }
    double v =
        name.endsWith(".peak")
            ? Arrays.stream(forks).max().orElseThrow()
            : Arrays.stream(forks).average().orElseThrow();
    return String.format(Locale.ROOT, format, v);
  }
}
