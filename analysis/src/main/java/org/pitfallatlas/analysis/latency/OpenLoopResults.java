package org.pitfallatlas.analysis.latency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;

/**
 * Puts a run's open-loop latencies where the statistics engine reads results: each (configuration,
 * point) of an open-loop benchmark becomes one result of mode {@value #MODE} whose metrics are the
 * latency percentiles ({@code p50}, {@code p99}, {@code p99.9}, {@code max}, in ms), one value per
 * fork — that fork's merged measurement histogram at that percentile — and, when the log's
 * iteration lines carry them, the {@link LatencySummary#COUNTS} (rejected share, in-flight counts)
 * per fork, which are shown, not compared. The fork stays the unit of replication, so intervals,
 * corrections and verdicts work as for every other row.
 *
 * <p>JMH's own results of the same benchmark (SingleShotTime: the wall time of each window of
 * arrivals) are dropped: a window's length is set by the schedule, not by the service. A
 * configuration that saturated at a point (a measurement window left requests unserved) gets no
 * result there: its latencies describe a growing queue, and {@link #saturated} names it instead.
 */
public final class OpenLoopResults {

  /** The mode of the results this class makes. */
  public static final String MODE = "openloop";

  /** The percentile metrics, in order, and the percentile each reads (100 = the maximum). */
  public static final Map<String, Double> METRICS =
      Map.of("p50", 50.0, "p99", 99.0, "p99.9", 99.9, "max", 100.0);

  /** The order reports print them in. */
  public static final List<String> ORDER = List.of("p50", "p99", "p99.9", "max");

  private OpenLoopResults() {}

  /**
   * Replaces a run's open-loop JMH results with latency results read from its {@code latency/}
   * folder; returns {@code results} unchanged when the run has no latency logs.
   *
   * @param runFolder the run folder (holding results.json and latency/)
   * @param results the run's JMH results
   * @return the results with open-loop benchmarks as latency results
   * @throws UncheckedIOException if a log cannot be read
   */
  public static List<JmhResult> merge(Path runFolder, List<JmhResult> results) {
    List<LatencySummary> summaries;
    try {
      summaries = LatencySummary.of(LatencyLogs.read(runFolder));
    } catch (IOException e) {
      throw new UncheckedIOException(runFolder + ": cannot read the latency logs: " + e, e);
    }
    if (summaries.isEmpty()) {
      return results;
    }
    Set<String> openLoop =
        summaries.stream().map(LatencySummary::benchmark).collect(Collectors.toSet());
    List<JmhResult> out = new ArrayList<>();
    for (JmhResult r : results) {
      if (!openLoop.contains(r.benchmark())) {
        out.add(r);
      }
    }
    for (LatencySummary s : summaries) {
      if (!s.saturated()) {
        // Keep what JMH's profilers measured of the same forks (peak RSS), beside the latencies.
        Map<String, JmhMetric> kept = new LinkedHashMap<>();
        for (JmhResult r : results) {
          if (r.benchmark().equals(s.benchmark())
              && r.config().equals(s.config())
              && r.params().equals(s.point())
              && r.secondary().containsKey(PEAK_RSS)) {
            kept.put(PEAK_RSS, r.secondary().get(PEAK_RSS));
          }
        }
        out.add(result(s, kept));
      }
    }
    return out;
  }

  /**
   * The benchmarks, configurations and points that saturated, as {@code Class.method point} (with
   * {@code [config]} after it outside the default configuration).
   */
  public static List<String> saturated(Path runFolder) throws IOException {
    return LatencySummary.of(LatencyLogs.read(runFolder)).stream()
        .filter(LatencySummary::saturated)
        .map(
            s ->
                s.benchmark()
                        .substring(
                            s.benchmark().lastIndexOf('.', s.benchmark().lastIndexOf('.') - 1) + 1)
                    + " "
                    + s.point()
                    + (s.config().equals("default") ? "" : " [" + s.config() + "]"))
        .toList();
  }

  /** JMH's name for the peak RSS metric of org.pitfallatlas.jmh.PeakRssProfiler. */
  static final String PEAK_RSS = "rss.peak";

  static JmhResult result(LatencySummary s, Map<String, JmhMetric> kept) {
    Map<String, JmhMetric> secondary = new LinkedHashMap<>(kept);
    for (String name : ORDER) {
      if (!name.equals("p99")) {
        secondary.put(name, metric(s, name));
      }
    }
    // The counts of benchmarks that shed load (rejected share, in-flight counts): carried beside
    // the latencies for the reports, not compared (Metrics reads the percentiles only).
    for (Map.Entry<String, String> c : LatencySummary.COUNTS.entrySet()) {
      double[] forks = s.forkCounts(c.getKey());
      if (forks != null) {
        secondary.put(c.getKey(), perFork(c.getKey(), c.getValue(), forks));
      }
    }
    return new JmhResult(
        s.benchmark(), MODE, s.point(), s.config(), metric(s, "p99"), secondary, 1, 1);
  }

  private static JmhMetric metric(LatencySummary s, String name) {
    return perFork(name, "ms", s.forkMillis(METRICS.get(name)));
  }

  private static JmhMetric perFork(String name, String unit, double[] forks) {
    double[][] raw = new double[forks.length][];
    for (int f = 0; f < forks.length; f++) {
      raw[f] = new double[] {forks[f]};
    }
    return new JmhMetric(name, unit, raw, null);
  }
}
