package org.pitfallatlas.analysis.gclog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A GcLogSummary is what one JVM's {@code -Xlog:gc*} log (or several forks' logs merged) says about
 * its collector: the stop-the-world pauses, ZGC's allocation stalls, the concurrent cycles, and the
 * share of CPU spent collecting.
 *
 * <p>Percentiles are nearest-rank over the pause durations (the value at rank {@code ceil(p * n)}
 * of the sorted list), so with fewer than 1000 pauses p99.9 is the maximum. All durations are in
 * milliseconds.
 *
 * @param collector the collector the JVM used ({@code "G1"}, {@code "Parallel"}, {@code "Serial"},
 *     {@code "ZGC"}), from the {@code Using ...} line; {@code "unknown"} if absent and {@code
 *     "mixed"} after merging logs of different collectors
 * @param jdkVersion the JVM version from {@code gc,init}, or {@code ""}
 * @param cpusAvailable the CPUs the JVM saw as available ({@code gc,init CPUs: n total, m
 *     available}), 0 if absent
 * @param memoryMiB the physical memory the JVM saw ({@code gc,init Memory:}), 0 if absent
 * @param heapMaxMiB the maximum heap ({@code Heap Max Capacity} or ZGC's {@code Max Capacity}), 0
 *     if absent
 * @param logCount how many JVM logs this summary covers
 * @param measurementOnly whether every log was cut to JMH's measurement window (a {@code .window}
 *     sidecar written by {@code org.pitfallatlas.jmh.GcLogWindowProfiler}); otherwise the summary
 *     covers whole JVMs: set-up, warm-up and measurement
 * @param wallSeconds the measurement window's length, or else the JVM up-time at the last log line,
 *     summed over logs
 * @param pauseMillis every stop-the-world pause, in log order (concatenated over merged logs)
 * @param pausesByKind pause counts by kind ("Pause Young (Normal) (G1 Evacuation Pause)", "y: Pause
 *     Mark Start", ...)
 * @param allocationStallMillis every ZGC {@code Allocation Stall} (an application thread blocked
 *     until the collector freed memory), in log order
 * @param cyclesByKind completed collection cycles by kind: G1's {@code Concurrent Mark Cycle} and
 *     {@code Concurrent Undo Cycle}, ZGC's {@code Minor Collection}, {@code Major Collection} (and
 *     {@code Garbage Collection} for non-generational ZGC)
 * @param gcCpuSeconds the GC CPU time from {@code gc,cpu} lines (User + Sys), summed; 0 if none
 * @param gcPhaseMillis the wall time of ZGC's concurrent phases plus pauses, summed; 0 for others
 * @param cpuShareSource which figure {@link #gcCpuShare()} is computed from
 */
public record GcLogSummary(
    String collector,
    String jdkVersion,
    int cpusAvailable,
    long memoryMiB,
    long heapMaxMiB,
    int logCount,
    boolean measurementOnly,
    double wallSeconds,
    List<Double> pauseMillis,
    Map<String, Integer> pausesByKind,
    List<Double> allocationStallMillis,
    Map<String, Integer> cyclesByKind,
    double gcCpuSeconds,
    double gcPhaseMillis,
    CpuShareSource cpuShareSource) {

  /** Where a GC CPU share comes from: the log's own CPU times when it has them, else wall time. */
  public enum CpuShareSource {
    /**
     * {@code gc,cpu} lines ({@code User=.. Sys=.. Real=..}, printed by G1, Parallel and Serial
     * after every pause): (User + Sys) / (wall time x available CPUs). Covers stop-the-world work
     * only; G1's concurrent marking and refinement threads do not print CPU times.
     */
    CPU_TIMES,
    /**
     * ZGC, which prints no CPU times: (pause time + wall time of the concurrent phases) / (wall
     * time x available CPUs). Each phase counts once, as if done by one worker: on a 2-CPU machine
     * ZGC runs one worker per generation, so this is close; with more workers it is a lower bound.
     */
    PHASE_TIME,
    /**
     * Neither is present: total pause time / wall time, the share of time the application stood.
     */
    PAUSE_TIME
  }

  /**
   * Copies the lists and maps, so a GcLogSummary cannot change after construction.
   *
   * @throws NullPointerException if a string, list, map or the source is null
   * @throws IllegalArgumentException if a count, time or duration is negative or not finite
   */
  public GcLogSummary {
    collector = requireNonNull(collector, "collector");
    jdkVersion = requireNonNull(jdkVersion, "jdkVersion");
    pauseMillis = List.copyOf(pauseMillis);
    allocationStallMillis = List.copyOf(allocationStallMillis);
    pausesByKind = Map.copyOf(pausesByKind);
    cyclesByKind = Map.copyOf(cyclesByKind);
    requireNonNull(cpuShareSource, "cpuShareSource");
    if (cpusAvailable < 0 || memoryMiB < 0 || heapMaxMiB < 0 || logCount < 0) {
      throw new IllegalArgumentException("negative count in a GC log summary");
    }
    for (double d : new double[] {wallSeconds, gcCpuSeconds, gcPhaseMillis}) {
      requireNonNegative(d);
    }
    pauseMillis.forEach(GcLogSummary::requireNonNegative);
    allocationStallMillis.forEach(GcLogSummary::requireNonNegative);
  }

  /** The number of stop-the-world pauses. */
  public int pauseCount() {
    return pauseMillis.size();
  }

  /** The number of {@code Pause Full} pauses (G1, Parallel, Serial): whole-heap, longest pauses. */
  public int fullPauseCount() {
    int n = 0;
    for (Map.Entry<String, Integer> e : pausesByKind.entrySet()) {
      if (e.getKey().startsWith("Pause Full")) {
        n += e.getValue();
      }
    }
    return n;
  }

  /** The sum of all pauses, in ms. */
  public double totalPauseMillis() {
    return sum(pauseMillis);
  }

  /** The median pause in ms (nearest rank), 0 without pauses. */
  public double pauseP50() {
    return percentile(pauseMillis, 0.50);
  }

  /** The 99th-percentile pause in ms (nearest rank), 0 without pauses. */
  public double pauseP99() {
    return percentile(pauseMillis, 0.99);
  }

  /** The 99.9th-percentile pause in ms (nearest rank), 0 without pauses. */
  public double pauseP999() {
    return percentile(pauseMillis, 0.999);
  }

  /** The longest pause in ms, 0 without pauses. */
  public double pauseMax() {
    return percentile(pauseMillis, 1.0);
  }

  /** The number of ZGC allocation stalls. */
  public int allocationStallCount() {
    return allocationStallMillis.size();
  }

  /** The sum of ZGC allocation stalls, in ms. */
  public double allocationStallTotalMillis() {
    return sum(allocationStallMillis);
  }

  /** The longest ZGC allocation stall, in ms, 0 without stalls. */
  public double allocationStallMax() {
    return percentile(allocationStallMillis, 1.0);
  }

  /** The number of completed concurrent collection cycles (all kinds in {@link #cyclesByKind}). */
  public int concurrentCycleCount() {
    return cyclesByKind.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The share of the machine's CPU (or, for {@link CpuShareSource#PAUSE_TIME}, of wall time) spent
   * in GC, between 0 and 1; see {@link #cpuShareSource()} for which figure it is. 0 for an empty
   * log.
   */
  public double gcCpuShare() {
    if (wallSeconds <= 0) {
      return 0;
    }
    int cpus = Math.max(1, cpusAvailable);
    return switch (cpuShareSource) {
      case CPU_TIMES -> gcCpuSeconds / (wallSeconds * cpus);
      case PHASE_TIME -> gcPhaseMillis / 1000.0 / (wallSeconds * cpus);
      case PAUSE_TIME -> totalPauseMillis() / 1000.0 / wallSeconds;
    };
  }

  /** Pauses per second of JVM up-time, 0 for an empty log. */
  public double pausesPerSecond() {
    return wallSeconds <= 0 ? 0 : pauseCount() / wallSeconds;
  }

  /**
   * Merges the logs of several forks of one benchmark into one summary: pauses and stalls are
   * concatenated, counts and times summed; the environment fields come from the first summary, and
   * the collector becomes {@code "mixed"} if they differ.
   *
   * @throws IllegalArgumentException if {@code summaries} is empty
   */
  public static GcLogSummary merge(Collection<GcLogSummary> summaries) {
    if (summaries.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    GcLogSummary first = summaries.iterator().next();
    String collector = first.collector;
    int logs = 0;
    boolean measurementOnly = true;
    double wall = 0;
    double cpu = 0;
    double phases = 0;
    List<Double> pauses = new ArrayList<>();
    List<Double> stalls = new ArrayList<>();
    Map<String, Integer> pauseKinds = new TreeMap<>();
    Map<String, Integer> cycles = new TreeMap<>();
    CpuShareSource source = first.cpuShareSource;
    for (GcLogSummary s : summaries) {
      if (!s.collector.equals(collector)) {
        collector = "mixed";
      }
      if (s.cpuShareSource != source) {
        source = CpuShareSource.PAUSE_TIME;
      }
      logs += s.logCount;
      measurementOnly &= s.measurementOnly;
      wall += s.wallSeconds;
      cpu += s.gcCpuSeconds;
      phases += s.gcPhaseMillis;
      pauses.addAll(s.pauseMillis);
      stalls.addAll(s.allocationStallMillis);
      s.pausesByKind.forEach((k, v) -> pauseKinds.merge(k, v, Integer::sum));
      s.cyclesByKind.forEach((k, v) -> cycles.merge(k, v, Integer::sum));
    }
    return new GcLogSummary(
        collector,
        first.jdkVersion,
        first.cpusAvailable,
        first.memoryMiB,
        first.heapMaxMiB,
        logs,
        measurementOnly,
        wall,
        pauses,
        pauseKinds,
        stalls,
        cycles,
        cpu,
        phases,
        source);
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
  }

  private static double sum(List<Double> values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  private static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name);
    }
    return value;
  }

  private static void requireNonNegative(double d) {
    if (!(d >= 0) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not a non-negative finite time: " + d);
    }
  }
}
