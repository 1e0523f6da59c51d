package org.pitfallatlas.analysis.latency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.pitfallatlas.analysis.stats.ForkRatio;

/**
 * The open-loop latency of one configuration at one point (offered rate, garbage per request): the
 * measurement iterations of all its forks merged into one histogram — every request counts, not a
 * median of per-iteration percentiles — and, for intervals and comparisons, one value per fork (the
 * fork is the unit of replication, as everywhere in the atlas).
 *
 * @param benchmark the open-loop benchmark's full name
 * @param config the configuration
 * @param point the parameters (load, garbageKiB, ...)
 * @param rate the offered rate, requests per second (the same in every fork)
 * @param forks the forks that ran
 * @param saturatedForks forks with a measurement iteration that left requests unserved
 * @param scheduled requests due in the measurement windows, over all forks
 * @param served requests served
 * @param latency every measured request's latency, nanoseconds
 * @param stall the stall meter's lateness over the same windows, nanoseconds
 * @param forkLatency each fork's merged latency histogram, in fork order
 * @param forkIterationP99 each fork's p99 per steady measurement iteration, ms (for the
 *     steady-state check)
 * @param burstLatency the burst windows' latencies (BurstLatency), nanoseconds; empty without a
 *     burst (the other histograms cover the steady windows only)
 * @param forkBurstLatency each fork's burst-window latency histogram, in fork order
 * @param forkCounts each fork's {@link #COUNTS} over its measurement iterations, in fork order
 *     (empty maps when the iteration lines have no counts, as the gc family's)
 */
public record LatencySummary(
    String benchmark,
    String config,
    Map<String, String> point,
    double rate,
    int forks,
    int saturatedForks,
    long scheduled,
    long served,
    Histogram latency,
    Histogram stall,
    List<Histogram> forkLatency,
    List<double[]> forkIterationP99,
    Histogram burstLatency,
    List<Histogram> forkBurstLatency,
    List<Map<String, Double>> forkCounts) {

  /** The percentiles a report prints. */
  public static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

  /**
   * The per-fork counts made from the iteration lines' own counts, and their units: {@code
   * rejected}, the share of scheduled requests rejected (%); {@code unfinished}, requests neither
   * served nor rejected when the grace period ended (a saturated fork); {@code inflight.peak}, the
   * most requests in flight; {@code inflight.mean}, the mean in flight the arrivals found; {@code
   * inflight.little}, the in-flight count Little's law implies (served rate x mean latency) — the
   * last two the mean over the iterations; {@code rss.peak}, the fork's peak resident set size (MB,
   * as org.pitfallatlas.jmh.PeakRssProfiler reports it, which it replaces for these forks).
   */
  public static final Map<String, String> COUNTS =
      orderedMap(
          "rejected",
          "%",
          "unfinished",
          "requests",
          "inflight.peak",
          "requests",
          "inflight.mean",
          "requests",
          "inflight.little",
          "requests",
          "rss.peak",
          "MB");

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** A fork's {@link #COUNTS}, from its measurement iterations' lines (those they all have). */
  static Map<String, Double> counts(LatencyLogs.Fork f) {
    List<LatencyLogs.Iteration> it = f.measured();
    Map<String, Double> out = new LinkedHashMap<>();
    if (it.isEmpty()) {
      return out;
    }
    if (it.stream().allMatch(i -> i.counts().containsKey("rejected"))) {
      double scheduled = it.stream().mapToLong(LatencyLogs.Iteration::scheduled).sum();
      double rejected = it.stream().mapToDouble(i -> i.counts().get("rejected")).sum();
      out.put("rejected", scheduled == 0 ? 0 : 100 * rejected / scheduled);
    }
    if (it.stream().allMatch(i -> i.counts().containsKey("unfinished"))) {
      out.put("unfinished", it.stream().mapToDouble(i -> i.counts().get("unfinished")).sum());
    }
    for (String[] peak :
        new String[][] {{"inflightPeak", "inflight.peak"}, {"rssPeakMiB", "rss.peak"}}) {
      if (it.stream().allMatch(i -> i.counts().containsKey(peak[0]))) {
        out.put(peak[1], it.stream().mapToDouble(i -> i.counts().get(peak[0])).max().orElseThrow());
      }
    }
    for (String[] mean :
        new String[][] {{"inflightMean", "inflight.mean"}, {"inflightLittle", "inflight.little"}}) {
      if (it.stream().allMatch(i -> i.counts().containsKey(mean[0]))) {
        out.put(
            mean[1], it.stream().mapToDouble(i -> i.counts().get(mean[0])).average().orElseThrow());
      }
    }
    return out;
  }

  /**
   * Groups forks by configuration and point, in first-seen order.
   *
   * @param forks the forks of a run
   * @return one summary per (configuration, point)
   */
  public static List<LatencySummary> of(List<LatencyLogs.Fork> forks) {
    Map<String, List<LatencyLogs.Fork>> groups = new LinkedHashMap<>();
    for (LatencyLogs.Fork f : forks) {
      groups
          .computeIfAbsent(
              f.benchmark() + " " + f.config() + " " + f.point(), k -> new ArrayList<>())
          .add(f);
    }
    List<LatencySummary> out = new ArrayList<>();
    for (List<LatencyLogs.Fork> g : groups.values()) {
      Histogram all = new Histogram(3);
      Histogram stalls = new Histogram(3);
      List<Histogram> perFork = new ArrayList<>();
      List<double[]> iterationP99 = new ArrayList<>();
      Histogram burst = new Histogram(3);
      List<Histogram> perForkBurst = new ArrayList<>();
      List<Map<String, Double>> perForkCounts = new ArrayList<>();
      long scheduled = 0;
      long served = 0;
      int saturated = 0;
      for (LatencyLogs.Fork f : g) {
        Histogram h = f.latency();
        perFork.add(h);
        all.add(h);
        stalls.add(f.stall());
        Histogram b = f.burstLatency();
        perForkBurst.add(b);
        perForkCounts.add(Map.copyOf(counts(f)));
        burst.add(b);
        for (LatencyLogs.Iteration i : f.measured()) {
          scheduled += i.scheduled();
          served += i.served();
        }
        saturated += f.saturated() ? 1 : 0;
        iterationP99.add(
            f.steady().stream()
                .mapToDouble(i -> Math.max(1e-6, i.latency().getValueAtPercentile(99) / 1e6))
                .toArray());
      }
      out.add(
          new LatencySummary(
              g.get(0).benchmark(),
              g.get(0).config(),
              g.get(0).point(),
              g.get(0).rate(),
              g.size(),
              saturated,
              scheduled,
              served,
              all,
              stalls,
              List.copyOf(perFork),
              List.copyOf(iterationP99),
              burst,
              List.copyOf(perForkBurst),
              List.copyOf(perForkCounts)));
    }
    return List.copyOf(out);
  }

  /** True when any fork could not keep up: the latencies describe a growing queue. */
  public boolean saturated() {
    return saturatedForks > 0;
  }

  /**
   * Each fork's value of one of the {@link #COUNTS}, in fork order, or null when a fork's log does
   * not have it.
   */
  public double[] forkCounts(String name) {
    if (forkCounts.isEmpty() || forkCounts.stream().anyMatch(c -> !c.containsKey(name))) {
      return null;
    }
    return forkCounts.stream().mapToDouble(c -> c.get(name)).toArray();
  }

  /** The merged latency at percentile {@code p} (0-100; 100 is the maximum), in milliseconds. */
  public double millis(double p) {
    return (p >= 100 ? latency.getMaxValue() : latency.getValueAtPercentile(p)) / 1e6;
  }

  /** True when the forks had burst windows (BurstLatency). */
  public boolean hasBurst() {
    return burstLatency.getTotalCount() > 0;
  }

  /** The burst windows' merged latency at percentile {@code p}, in milliseconds. */
  public double burstMillis(double p) {
    return (p >= 100 ? burstLatency.getMaxValue() : burstLatency.getValueAtPercentile(p)) / 1e6;
  }

  /** Each fork's burst-window latency at percentile {@code p}, in milliseconds. */
  public double[] forkBurstMillis(double p) {
    return forkBurstLatency.stream()
        .mapToDouble(
            h -> Math.max(1e-6, (p >= 100 ? h.getMaxValue() : h.getValueAtPercentile(p)) / 1e6))
        .toArray();
  }

  /** The stall meter's lateness at percentile {@code p}, in milliseconds. */
  public double stallMillis(double p) {
    return (p >= 100 ? stall.getMaxValue() : stall.getValueAtPercentile(p)) / 1e6;
  }

  /** Each fork's latency at percentile {@code p}, in milliseconds (the fork values). */
  public double[] forkMillis(double p) {
    return forkLatency.stream()
        .mapToDouble(
            h -> Math.max(1e-6, (p >= 100 ? h.getMaxValue() : h.getValueAtPercentile(p)) / 1e6))
        .toArray();
  }

  /**
   * The interval of the forks' geometric mean at percentile {@code p}, in milliseconds: Student's t
   * on the logarithms of the fork values at {@code confidence}; infinite bounds with one fork.
   */
  public double[] forkInterval(double p, double confidence) {
    double[] logs = Arrays.stream(forkMillis(p)).map(Math::log).toArray();
    double[] ci = ForkRatio.withConfidence(confidence).meanInterval(logs);
    return new double[] {Math.exp(ci[0]), Math.exp(ci[1])};
  }

  /**
   * Compares another configuration's forks with this one's at percentile {@code p}: the ratio
   * other/this of the forks' geometric means, Welch's t on logarithms ({@link ForkRatio}).
   */
  public ForkRatio.Result compare(LatencySummary other, double p, double confidence) {
    return ForkRatio.withConfidence(confidence).compare(forkMillis(p), other.forkMillis(p));
  }
}
