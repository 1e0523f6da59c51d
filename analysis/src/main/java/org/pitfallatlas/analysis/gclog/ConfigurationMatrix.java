package org.pitfallatlas.analysis.gclog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.pitfallatlas.analysis.compare.Units;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhReader;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;
import org.pitfallatlas.analysis.latency.LatencyLogs;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.latency.OpenLoopResults;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * A ConfigurationMatrix is the trade-off table of a family run under several JVM configurations:
 * per configuration and parameter point, throughput, latency percentiles, GC pauses from the GC log
 * (never JMH's {@code gc.count}), ZGC allocation stalls, GC CPU share, allocation rate and peak RSS
 * — or "does not fit" when the configuration produced no result.
 */
public final class ConfigurationMatrix {

  /**
   * A Cell is one configuration at one parameter point.
   *
   * @param config configuration id
   * @param params the parameter point
   * @param throughput median ops/s of the Throughput method, NaN when absent
   * @param throughputUnit its unit
   * @param p50 median over iterations of each iteration's p50 latency (latency unit)
   * @param p99 the same for p99
   * @param p999 the same for p99.9
   * @param max the largest latency sample
   * @param latencyUnit unit of the latency figures: {@code ms} (a SampleTime score in another time
   *     unit is converted), else the score's own unit
   * @param allocRateMiBps median allocation rate (JMH {@code gc.alloc.rate}: JMH labels it MB/sec
   *     but divides bytes by 1024², so MiB/s)
   * @param peakRssMiB peak resident set of the benchmark JVM (MiB: PeakRssProfiler's {@code
   *     rss.peak}, VmHWM's KiB / 1024, labelled MB), NaN when not recorded
   * @param gc the merged GC-log summary of the point's forks, or null when there is no log
   */
  public record Cell(
      String config,
      Map<String, String> params,
      double throughput,
      String throughputUnit,
      double p50,
      double p99,
      double p999,
      double max,
      String latencyUnit,
      double allocRateMiBps,
      double peakRssMiB,
      GcLogSummary gc) {

    /** True when no benchmark result exists for this configuration and point. */
    public boolean missing() {
      return Double.isNaN(throughput) && Double.isNaN(p50);
    }
  }

  private final List<Cell> cells;

  private ConfigurationMatrix(List<Cell> cells) {
    this.cells = List.copyOf(cells);
  }

  public List<Cell> cells() {
    return cells;
  }

  /**
   * Builds the matrix of a run folder: its {@code results.json} and {@code gc/<config>/} logs.
   *
   * @param runDir the run folder
   * @param configs configuration ids in display order (a configuration without results shows as not
   *     fitting)
   */
  public static ConfigurationMatrix of(Path runDir, List<String> configs) {
    return of(runDir, configs, benchmark -> true);
  }

  /**
   * Builds the matrix of the benchmarks {@code included} accepts (full names): those that run in
   * every configuration, where a family has classes that run in some only.
   */
  public static ConfigurationMatrix of(
      Path runDir, List<String> configs, java.util.function.Predicate<String> included) {
    JmhRun full = JmhReader.read(runDir);
    JmhRun run =
        new JmhRun(
            full.source(),
            full.label(),
            full.results().stream().filter(r -> included.test(r.benchmark())).toList());
    Map<String, Map<String, GcLogSummary>> logs = GcLogs.summarizeRun(runDir.resolve("gc"));
    List<LatencySummary> openLoop;
    try {
      openLoop =
          LatencySummary.of(
              LatencyLogs.read(runDir).stream().filter(f -> included.test(f.benchmark())).toList());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Set<Map<String, String>> points = new LinkedHashSet<>();
    for (JmhResult r : run.results()) {
      points.add(r.params());
    }
    List<Cell> cells = new ArrayList<>();
    for (String config : configs) {
      for (Map<String, String> params : points) {
        cells.add(cell(run, logs.getOrDefault(config, Map.of()), openLoop, config, params));
      }
    }
    return new ConfigurationMatrix(cells);
  }

  private static Cell cell(
      JmhRun run,
      Map<String, GcLogSummary> logs,
      List<LatencySummary> openLoop,
      String config,
      Map<String, String> params) {
    double thr = Double.NaN;
    String thrUnit = "";
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    double p999 = Double.NaN;
    double max = Double.NaN;
    String latUnit = "";
    double alloc = Double.NaN;
    double rss = Double.NaN;
    List<GcLogSummary> gcs = new ArrayList<>();
    for (JmhResult r : run.results()) {
      if (!r.config().equals(config) || !r.params().equals(params)) {
        continue;
      }
      JmhMetric m = r.primary();
      if (OpenLoopResults.MODE.equals(r.mode())) {
        // Open loop: the merged histogram of every measured request of every fork.
        for (LatencySummary l : openLoop) {
          if (l.benchmark().equals(r.benchmark())
              && l.config().equals(config)
              && l.point().equals(params)) {
            p50 = l.millis(50);
            p99 = l.millis(99);
            p999 = l.millis(99.9);
            max = l.millis(100);
            latUnit = "ms";
          }
        }
        // Beside it, the configuration's capacity: its closed-loop throughput at the same point.
        for (JmhResult t : run.results()) {
          if ("thrpt".equals(t.mode())
              && t.config().equals(config)
              && params.entrySet().containsAll(t.params().entrySet())) {
            thr = median(t.primary().perIteration());
            thrUnit = t.primary().unit();
            JmhMetric a = t.secondary().get("gc.alloc.rate");
            if (a != null) {
              alloc = median(a.perIteration());
            }
          }
        }
      } else if ("thrpt".equals(r.mode())) {
        thr = median(m.perIteration());
        thrUnit = m.unit();
        JmhMetric a = r.secondary().get("gc.alloc.rate");
        if (a != null) {
          alloc = median(a.perIteration());
        }
      } else if (m.hasHistograms()) {
        // SampleTime: in ms, as the open loop's, so that every table and chart reads one unit.
        OptionalDouble toMs = Units.factor(m.unit(), "ms/op");
        double k = toMs.orElse(1);
        p50 = k * median(m.percentilePerIteration(0.50));
        p99 = k * median(m.percentilePerIteration(0.99));
        p999 = k * median(m.percentilePerIteration(0.999));
        max = k * maxOf(m.percentilePerIteration(1.0));
        latUnit = toMs.isPresent() ? "ms" : m.unit();
      }
      JmhMetric peak = r.secondary().get("rss.peak");
      if (peak != null) {
        rss =
            Double.isNaN(rss)
                ? maxOf(peak.perIteration())
                : Math.max(rss, maxOf(peak.perIteration()));
      }
      GcLogSummary s = logs.get(GcLogs.stem(r.benchmark(), r.params()));
      if (s != null) {
        gcs.add(s);
      }
    }
    GcLogSummary gc = gcs.isEmpty() ? null : GcLogSummary.merge(gcs);
    return new Cell(config, params, thr, thrUnit, p50, p99, p999, max, latUnit, alloc, rss, gc);
  }

  /** The matrix as Markdown, one table per parameter point. */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    Map<Map<String, String>, List<Cell>> byPoint = new LinkedHashMap<>();
    for (Cell c : cells) {
      byPoint.computeIfAbsent(c.params(), k -> new ArrayList<>()).add(c);
    }
    for (Map.Entry<Map<String, String>, List<Cell>> e : byPoint.entrySet()) {
      md.append("**").append(e.getKey()).append("**\n\n");
      md.append(
          "| configuration | collector | heap max | throughput | p50 | p99 | p99.9 | max |"
              + " GC pauses | pause p99 | pause max | ZGC stalls | GC CPU | alloc rate | peak RSS |\n");
      md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Cell c : e.getValue()) {
        if (c.missing()) {
          md.append("| ")
              .append(c.config())
              .append(" | does not fit: no result (see run.json) |")
              .append(" | | | | | | | | | | | | |\n");
          continue;
        }
        GcLogSummary g = c.gc();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                c.config(),
                g == null ? "?" : g.collector(),
                g == null || g.heapMaxMiB() <= 0 ? "?" : g.heapMaxMiB() + " MiB",
                num(c.throughput(), c.throughputUnit()),
                latency(c.p50(), c.latencyUnit()),
                latency(c.p99(), c.latencyUnit()),
                latency(c.p999(), c.latencyUnit()),
                latency(c.max(), c.latencyUnit()),
                g == null ? "?" : Integer.toString(g.pauseCount()),
                g == null ? "?" : latency(g.pauseP99(), "ms"),
                g == null ? "?" : latency(g.pauseMax(), "ms"),
                g == null ? "?" : Integer.toString(g.allocationStallCount()),
                g == null ? "?" : String.format(Locale.ROOT, "%.1f%%", 100 * g.gcCpuShare()),
                num(c.allocRateMiBps(), "MiB/s"),
                num(c.peakRssMiB(), "MiB")));
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** A latency or pause: milliseconds to three significant digits ({@link Numbers#millis}). */
  private static String latency(double v, String unit) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return (unit.equals("ms") ? Numbers.millis(v) : Numbers.value(v)) + " " + unit;
  }

  private static String num(double v, String unit) {
    if (Double.isNaN(v)) {
      return "–";
    }
    String n =
        Math.abs(v) >= 100
            ? String.format(Locale.ROOT, "%,.0f", v)
            : String.format(Locale.ROOT, "%.3g", v);
    return n + " " + unit;
  }

  private static double median(double[][] values) {
    double[] all = Arrays.stream(values).flatMapToDouble(Arrays::stream).sorted().toArray();
    if (all.length == 0) {
      return Double.NaN;
    }
    int n = all.length;
    return n % 2 == 1 ? all[n / 2] : (all[n / 2 - 1] + all[n / 2]) / 2;
  }

  private static double maxOf(double[][] values) {
    return Arrays.stream(values).flatMapToDouble(Arrays::stream).max().orElse(Double.NaN);
  }
}
