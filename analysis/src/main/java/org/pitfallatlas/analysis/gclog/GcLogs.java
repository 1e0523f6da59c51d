package org.pitfallatlas.analysis.gclog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * GcLogs summarises the GC logs of a run's folder, as the runner writes them: {@code
 * <run>/gc/<configuration>/<benchmark>-<pid>.log}, one file per forked JVM.
 */
public final class GcLogs {

  /** {@code <benchmark>-<pid>.log}: the pid is the part the JVM put in for {@code %p}. */
  private static final Pattern FORK_LOG = Pattern.compile("^(.+)-(\\d+)\\.log$");

  private GcLogs() {}

  /**
   * The file-name stem of one benchmark point's GC logs, as the runner names them: {@code
   * ServiceHeap.baselineLatency_garbageKiB=4_liveSetMiB=128}, followed by {@code -<pid>.log}.
   *
   * @param benchmark fully qualified benchmark method
   * @param params its parameter values (named in key order, so the order given does not matter)
   */
  public static String stem(String benchmark, Map<String, String> params) {
    String[] parts = benchmark.split("\\.");
    StringBuilder sb = new StringBuilder();
    sb.append(
        parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark);
    new java.util.TreeMap<>(params)
        .forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    return sb.toString().replaceAll("[^A-Za-z0-9.=-]+", "_");
  }

  /**
   * Summarises every {@code *.log} file directly in {@code dir}, one summary per file, keyed by
   * file name and sorted by it.
   *
   * @throws UncheckedIOException if the folder cannot be listed or a log read
   */
  public static Map<String, GcLogSummary> summarizeEach(Path dir) {
    Map<String, GcLogSummary> result = new TreeMap<>();
    for (Path log : logsIn(dir)) {
      result.put(log.getFileName().toString(), GcLogParser.parse(log));
    }
    return result;
  }

  /**
   * Summarises the logs directly in {@code dir} per benchmark: the forks of one benchmark ({@code
   * <benchmark>-<pid>.log}) are merged with {@link GcLogSummary#merge}. A file without a pid suffix
   * is its own group, named without {@code .log}.
   *
   * @throws UncheckedIOException if the folder cannot be listed or a log read
   */
  public static Map<String, GcLogSummary> summarizeByBenchmark(Path dir) {
    Map<String, List<GcLogSummary>> groups = new TreeMap<>();
    for (Path log : logsIn(dir)) {
      groups.computeIfAbsent(benchmarkOf(log), k -> new ArrayList<>()).add(GcLogParser.parse(log));
    }
    Map<String, GcLogSummary> result = new TreeMap<>();
    groups.forEach((k, v) -> result.put(k, GcLogSummary.merge(v)));
    return result;
  }

  /**
   * Summarises a run's GC folder ({@code <run>/gc}): configuration (sub-folder name) -> benchmark
   * -> merged summary. An absent folder gives an empty map.
   *
   * @throws UncheckedIOException if a folder cannot be listed or a log read
   */
  public static Map<String, Map<String, GcLogSummary>> summarizeRun(Path gcRoot) {
    Map<String, Map<String, GcLogSummary>> result = new TreeMap<>();
    if (!Files.isDirectory(gcRoot)) {
      return result;
    }
    try (Stream<Path> configs = Files.list(gcRoot)) {
      for (Path config : configs.filter(Files::isDirectory).sorted().toList()) {
        result.put(config.getFileName().toString(), summarizeByBenchmark(config));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + gcRoot, e);
    }
    return result;
  }

  static String benchmarkOf(Path log) {
    String name = log.getFileName().toString();
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    Matcher m = FORK_LOG.matcher(name);
    if (m.matches()) {
      return m.group(1);
    }
    return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
  }

  private static boolean isLog(String name) {
    return name.endsWith(".log") || name.endsWith(".log.gz");
  }

  /**
   * Compresses every finished {@code *.log} directly in {@code dir} to {@code *.log.gz} (GC logs of
   * a busy collector run to megabytes; they compress about tenfold), keeping windows as they are.
   * The parser reads both forms.
   *
   * @throws UncheckedIOException if a log cannot be read or written
   */
  public static void compress(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path log : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
        Path gz = log.resolveSibling(log.getFileName() + ".gz");
        try (var in = Files.newInputStream(log);
            var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
          in.transferTo(out);
        }
        Files.delete(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress the GC logs in " + dir, e);
    }
  }

  private static List<Path> logsIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> Files.isRegularFile(p) && isLog(p.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
