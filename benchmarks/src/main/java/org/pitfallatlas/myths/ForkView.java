package org.pitfallatlas.myths;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * A ForkView is what one JVM sized itself by: the processors it believes it has, and the thread
 * counts that follow from them (the common pool's parallelism, G1's parallel and concurrent GC
 * workers, the JIT's compiler threads), next to the CPU quota of the cgroup it runs in and how many
 * of those threads exist so far. {@link ProcessorCount} prints one per fork into the run log; its
 * test starts JVMs with {@code -XX:ActiveProcessorCount} and checks the numbers.
 *
 * @param availableProcessors {@code Runtime.availableProcessors()}: what libraries size pools by
 * @param activeProcessorCount the {@code -XX:ActiveProcessorCount} flag (-1: not set, the JVM reads
 *     the cgroup quota and the CPU affinity)
 * @param commonPoolParallelism {@code ForkJoinPool.getCommonPoolParallelism()}
 * @param parallelGcThreads the {@code ParallelGCThreads} flag (its ergonomic value if not set)
 * @param concGcThreads the {@code ConcGCThreads} flag
 * @param ciCompilerCount the {@code CICompilerCount} flag (C1 and C2 compiler threads, at most)
 * @param collectors the garbage collector MXBeans' names
 * @param cpuQuota the cgroup's CPU limit as CPUs (quota / period), or "none", or "?" when
 *     unreadable
 * @param gcThreadsStarted threads named {@code GC Thread#…} that exist now (G1 starts them lazily)
 * @param commonPoolThreads the common pool's worker threads that exist now
 */
public record ForkView(
    int availableProcessors,
    int activeProcessorCount,
    int commonPoolParallelism,
    int parallelGcThreads,
    int concGcThreads,
    int ciCompilerCount,
    List<String> collectors,
    String cpuQuota,
    long gcThreadsStarted,
    int commonPoolThreads) {

  /** The view of the running JVM. */
  public static ForkView current() {
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return new ForkView(
        Runtime.getRuntime().availableProcessors(),
        intFlag(hotspot, "ActiveProcessorCount"),
        ForkJoinPool.getCommonPoolParallelism(),
        intFlag(hotspot, "ParallelGCThreads"),
        intFlag(hotspot, "ConcGCThreads"),
        intFlag(hotspot, "CICompilerCount"),
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList(),
        readCpuQuota(),
        threadsNamed("GC Thread#"),
        ForkJoinPool.commonPool().getPoolSize());
  }

  /** One line for the run log. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "availableProcessors=%d ActiveProcessorCount=%d commonPool.parallelism=%d"
            + " ParallelGCThreads=%d ConcGCThreads=%d CICompilerCount=%d collectors=%s"
            + " cgroupCpuQuota=%s gcThreadsStarted=%d commonPoolThreads=%d",
        availableProcessors,
        activeProcessorCount,
        commonPoolParallelism,
        parallelGcThreads,
        concGcThreads,
        ciCompilerCount,
        collectors,
        cpuQuota,
        gcThreadsStarted,
        commonPoolThreads);
  }

  /**
   * Prints the running JVM's view: {@code java -cp benchmarks.jar org.pitfallatlas.myths.ForkView}
   */
  public static void main(String[] args) {
    System.out.println(current());
  }

  private static int intFlag(HotSpotDiagnosticMXBean hotspot, String name) {
    return Integer.parseInt(hotspot.getVMOption(name).getValue());
  }

  /**
   * The CPU limit of this process's cgroup: cgroup v2 {@code cpu.max} or v1 {@code cpu.cfs_quota_us
   * / cpu.cfs_period_us}, as a number of CPUs; "none" without a quota.
   */
  static String readCpuQuota() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
        String[] parts = line.split(":", 3);
        if (parts.length != 3) {
          continue;
        }
        String rel = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
        if (parts[0].equals("0") && parts[1].isEmpty()) {
          Path max = Path.of("/sys/fs/cgroup").resolve(rel).resolve("cpu.max");
          if (Files.isReadable(max)) {
            String[] v = Files.readString(max).trim().split(" ");
            return v[0].equals("max") ? "none" : cpus(Long.parseLong(v[0]), Long.parseLong(v[1]));
          }
        } else if (List.of(parts[1].split(",")).contains("cpu")) {
          Path dir = Path.of("/sys/fs/cgroup/cpu").resolve(rel);
          Path quota = dir.resolve("cpu.cfs_quota_us");
          if (Files.isReadable(quota)) {
            long q = Long.parseLong(Files.readString(quota).trim());
            long p = Long.parseLong(Files.readString(dir.resolve("cpu.cfs_period_us")).trim());
            return q < 0 ? "none" : cpus(q, p);
          }
        }
      }
      return "none";
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static String cpus(long quota, long period) {
    return String.format(Locale.ROOT, "%.2f", (double) quota / period);
  }

  /** Threads of this process whose kernel name starts with {@code prefix} (Linux), else -1. */
  static long threadsNamed(String prefix) {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return -1;
    }
    try (Stream<Path> all = Files.list(tasks)) {
      return all.filter(
              t -> {
                try {
                  return Files.readString(t.resolve("comm")).startsWith(prefix);
                } catch (IOException e) {
                  return false; // the thread ended while we looked
                }
              })
          .count();
    } catch (IOException e) {
      return -1;
    }
  }
}
