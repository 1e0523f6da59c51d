package org.pitfallatlas.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

/**
 * A JMH profiler that marks the measurement window in the fork's GC log, so the GC statistics cover
 * the iterations JMH measures and not the set-up (filling a 128 MiB live set is itself a long
 * pause) or the warm-up.
 *
 * <p>Use it as {@code -prof org.pitfallatlas.jmh.GcLogWindowProfiler} together with a {@code
 * -Xlog:...:file=<path>} fork flag. After every measurement iteration it writes, next to each GC
 * log file named in the fork's {@code -Xlog} flags ({@code %p} replaced by the fork's pid), a
 * sidecar {@code <log>.window} with the JVM up-times of the first measurement iteration's start and
 * the last one's end, in seconds — the clock the log's {@code uptime} decoration uses. {@code
 * org.pitfallatlas.analysis.gclog.GcLogParser} reads it. It reports no results; without an {@code
 * -Xlog} file it does nothing.
 */
public final class GcLogWindowProfiler implements InternalProfiler {

  /** The sidecar's suffix, appended to the GC log's file name. */
  public static final String SUFFIX = ".window";

  private double start = -1;

  @Override
  public String getDescription() {
    return "Writes the measurement window (JVM up-time) next to the fork's -Xlog GC log file";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    if (iterationParams.getType() == IterationType.MEASUREMENT && start < 0) {
      start = uptimeSeconds();
    }
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    if (iterationParams.getType() == IterationType.MEASUREMENT && start >= 0) {
      double end = uptimeSeconds();
      String text =
          String.format(Locale.ROOT, "measurementStart=%.3f%nmeasurementEnd=%.3f%n", start, end);
      for (Path log : logFiles(ManagementFactory.getRuntimeMXBean().getInputArguments(), pid())) {
        try {
          Files.writeString(log.resolveSibling(log.getFileName() + SUFFIX), text);
        } catch (IOException | RuntimeException e) {
          System.out.println("# GcLogWindowProfiler: cannot write the window of " + log + ": " + e);
        }
      }
    }
    return List.of();
  }

  /**
   * The log files named by {@code -Xlog:<what>:file=<path>[:...]} flags, with {@code %p} replaced
   * by {@code pid}; flags with {@code %t} (a start time we cannot know) are skipped.
   */
  static List<Path> logFiles(List<String> jvmArgs, long pid) {
    List<Path> files = new ArrayList<>();
    for (String arg : jvmArgs) {
      if (!arg.startsWith("-Xlog:")) {
        continue;
      }
      int at = arg.indexOf(":file=");
      if (at < 0) {
        continue;
      }
      String path = arg.substring(at + ":file=".length());
      if (path.startsWith("\"")) {
        int close = path.indexOf('"', 1);
        path = close > 0 ? path.substring(1, close) : path.substring(1);
      } else {
        int colon = path.indexOf(':');
        path = colon >= 0 ? path.substring(0, colon) : path;
      }
      if (path.isEmpty() || path.contains("%t")) {
        continue;
      }
      files.add(Path.of(path.replace("%p", Long.toString(pid))));
    }
    return files;
  }

  private static double uptimeSeconds() {
    return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
  }

  private static long pid() {
    return ProcessHandle.current().pid();
  }
}
