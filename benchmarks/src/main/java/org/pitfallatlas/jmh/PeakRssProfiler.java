package org.pitfallatlas.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the peak resident set size of the benchmark's fork: the kernel's
 * high-water mark {@code VmHWM} from {@code /proc/self/status}, in MB (MiB), as the secondary
 * result {@code rss.peak} aggregated by maximum.
 *
 * <p>Use it as {@code -prof org.pitfallatlas.jmh.PeakRssProfiler}. It runs inside the forked JVM,
 * so the figure is the benchmark JVM's own footprint (heap, metaspace, code cache, GC structures,
 * thread stacks), not the JMH host's. The high-water mark covers the whole fork up to the end of
 * each iteration, set-up included, which is what a container's memory limit sees. Where {@code
 * /proc/self/status} is absent or has no {@code VmHWM} (macOS, Windows) it reports nothing and
 * prints one note to the fork's output.
 *
 * @see <a
 *     href="https://man7.org/linux/man-pages/man5/proc_pid_status.5.html">proc_pid_status(5)</a>
 */
public final class PeakRssProfiler implements InternalProfiler {

  /** The secondary result's label. */
  public static final String LABEL = "rss.peak";

  private static final Path STATUS = Path.of("/proc/self/status");

  private final Path status;
  private boolean noted;

  /** The profiler JMH instantiates, reading {@code /proc/self/status}. */
  public PeakRssProfiler() {
    this(STATUS);
  }

  PeakRssProfiler(Path status) {
    this.status = status;
  }

  @Override
  public String getDescription() {
    return "Peak resident set size of the fork (VmHWM from /proc/self/status), in MB";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    // VmHWM is a running maximum kept by the kernel: nothing to reset.
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    OptionalLong kib = peakKib();
    if (kib.isEmpty()) {
      if (!noted) {
        noted = true;
        System.out.println(
            "# PeakRssProfiler: no VmHWM in " + status + "; rss.peak is not reported here.");
      }
      return List.of();
    }
    return List.of(new ScalarResult(LABEL, kib.getAsLong() / 1024.0, "MB", AggregationPolicy.MAX));
  }

  /** The peak resident set size in KiB, or empty where the status file or its line is missing. */
  OptionalLong peakKib() {
    try {
      return parseVmHwmKib(Files.readAllLines(status));
    } catch (IOException | SecurityException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Reads the {@code VmHWM:} line of a {@code /proc/<pid>/status} text ("VmHWM: 123456 kB").
   *
   * @return the value in KiB, or empty if no well-formed line is present
   */
  public static OptionalLong parseVmHwmKib(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("VmHWM:")) {
        String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
        if (parts.length == 2 && parts[1].equals("kB")) {
          try {
            return OptionalLong.of(Long.parseLong(parts[0]));
          } catch (NumberFormatException e) {
            return OptionalLong.empty();
          }
        }
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }
}
