package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.pitfallatlas.analysis.gclog.GcLogParser;
import org.pitfallatlas.analysis.gclog.GcLogSummary;
import org.pitfallatlas.analysis.latency.LatencyLogs;
import org.pitfallatlas.analysis.suite.Suite;

/**
 * GcForkLogs are a gc run's open-loop fork logs ({@code latency/…/*.hlog}) and the GC log beside
 * each ({@code gc/<config>/<fork>.log[.gz]}), each read on first use and kept: several sections
 * read them.
 */
final class GcForkLogs {

  private final FamilyReport base;
  private final Path run;
  private List<LatencyLogs.Fork> forks;
  private final Map<Path, List<String>> gcLines = new HashMap<>();

  GcForkLogs(FamilyReport base) {
    this.base = base;
    this.run = base.run();
  }

  /** The latency logs of the classes that run in every configuration. */
  List<LatencyLogs.Fork> everywhere() throws IOException {
    return all().stream().filter(f -> GcRun.everywhere(base, f.benchmark())).toList();
  }

  /** The latency logs of one class (simple name). */
  List<LatencyLogs.Fork> ofClass(String className) throws IOException {
    return all().stream().filter(f -> Suite.classOf(f.benchmark()).equals(className)).toList();
  }

  private List<LatencyLogs.Fork> all() throws IOException {
    if (forks == null) {
      forks = LatencyLogs.read(run);
    }
    return forks;
  }

  /** A fork's name: its latency log's file name without {@code .hlog}. */
  static String name(LatencyLogs.Fork fork) {
    return fork.file().getFileName().toString().replaceAll("\\.hlog$", "");
  }

  /**
   * A fork's GC log lines (the log beside its latency log, gzipped or not), or empty if it has none
   * or it cannot be read; read once per fork.
   */
  List<String> gcLines(LatencyLogs.Fork fork) {
    return gcLines.computeIfAbsent(fork.file(), k -> readGcLines(fork));
  }

  private List<String> readGcLines(LatencyLogs.Fork fork) {
    Path dir = run.resolve("gc").resolve(fork.config());
    Path log = dir.resolve(name(fork) + ".log.gz");
    if (!Files.isRegularFile(log)) {
      log = dir.resolve(name(fork) + ".log");
    }
    try {
      return Files.isRegularFile(log) ? readMaybeGzipped(log) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<String> readMaybeGzipped(Path file) throws IOException {
    if (!file.toString().endsWith(".gz")) {
      return Files.readAllLines(file);
    }
    try (var in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /**
   * GC pauses inside some windows of some forks: {count, total ms, longest ms, window seconds}, all
   * NaN when a fork has no GC log.
   */
  double[] pausesIn(
      List<LatencyLogs.Fork> forks,
      Function<LatencyLogs.Fork, List<LatencyLogs.Iteration>> windows) {
    double count = 0;
    double total = 0;
    double longest = 0;
    double seconds = 0;
    for (LatencyLogs.Fork f : forks) {
      List<String> lines = gcLines(f);
      if (lines.isEmpty()) {
        return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
      }
      for (LatencyLogs.Iteration i : windows.apply(f)) {
        GcLogSummary g = GcLogParser.parse(lines, i.startSeconds(), i.endSeconds());
        count += g.pauseCount();
        total += g.totalPauseMillis();
        longest = Math.max(longest, g.pauseCount() == 0 ? 0 : g.pauseMax());
        seconds += i.endSeconds() - i.startSeconds();
      }
    }
    return new double[] {count, total, longest, seconds};
  }
}
