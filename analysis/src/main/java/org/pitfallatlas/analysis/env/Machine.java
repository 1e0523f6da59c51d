package org.pitfallatlas.analysis.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Machine is the hardware and OS fingerprint of the host a run happens on, read from {@code
 * /proc}, {@code /sys} and {@code /etc/os-release}. Its {@link #slug()} names the folder results
 * are filed under, so runs from different machines sit side by side.
 *
 * @param cpuModel CPU model name as the kernel reports it
 * @param logicalCpus CPUs online
 * @param memoryBytes total physical memory
 * @param os distribution name and version
 * @param kernel kernel release
 * @param arch CPU architecture
 * @param virtualized true when the CPU reports a hypervisor
 * @param containerCpuLimit CPU quota of this process's cgroup (e.g. 1.5), or null when unlimited
 * @param containerMemoryLimitBytes memory limit of this process's cgroup, or null when unlimited
 */
public record Machine(
    String cpuModel,
    int logicalCpus,
    long memoryBytes,
    String os,
    String kernel,
    String arch,
    boolean virtualized,
    Double containerCpuLimit,
    Long containerMemoryLimitBytes) {

  /** Environment variable that overrides the machine slug. */
  public static final String SLUG_VARIABLE = "ATLAS_MACHINE";

  /** Reads the fingerprint of the machine this JVM runs on. */
  public static Machine current() {
    String cpuinfo = read(Path.of("/proc/cpuinfo")).orElse("");
    String model =
        cpuinfo
            .lines()
            .filter(l -> l.startsWith("model name") || l.startsWith("Model"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst()
            .orElse(System.getProperty("os.arch"));
    boolean hypervisor =
        cpuinfo.lines().anyMatch(l -> l.startsWith("flags") && l.contains(" hypervisor"));
    long mem =
        read(Path.of("/proc/meminfo"))
            .flatMap(
                s ->
                    s.lines()
                        .filter(l -> l.startsWith("MemTotal:"))
                        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                        .findFirst())
            .orElse(Runtime.getRuntime().maxMemory());
    String os =
        read(Path.of("/etc/os-release"))
            .flatMap(
                s ->
                    s.lines()
                        .filter(l -> l.startsWith("PRETTY_NAME="))
                        .map(l -> l.substring(12).replace("\"", ""))
                        .findFirst())
            .orElse(System.getProperty("os.name"));
    return new Machine(
        model,
        Runtime.getRuntime().availableProcessors(),
        mem,
        os,
        System.getProperty("os.version"),
        System.getProperty("os.arch"),
        hypervisor,
        cgroupCpuLimit(),
        cgroupMemoryLimit());
  }

  /**
   * The folder name for this machine's results: {@code $ATLAS_MACHINE} when set, else a readable
   * slug of CPU model, CPU count and memory, e.g. {@code intel-xeon-2cpu-24gib}.
   */
  public String slug() {
    String override = System.getenv(SLUG_VARIABLE);
    if (override != null && !override.isBlank()) {
      return sanitize(override);
    }
    return slugOf(cpuModel, logicalCpus, memoryBytes);
  }

  static String slugOf(String cpuModel, int cpus, long memoryBytes) {
    String model =
        cpuModel
            .toLowerCase(Locale.ROOT)
            .replaceAll("\\((r|tm|c)\\)", " ")
            .replaceAll("\\b(cpu|processor|core|@.*|\\d+-core)\\b", " ")
            .replaceAll("\\s[\\d.]+ghz", " ");
    long gib = Math.round(memoryBytes / (1024.0 * 1024 * 1024));
    return sanitize(model + "-" + cpus + "cpu-" + gib + "gib");
  }

  static String sanitize(String s) {
    String out =
        s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-+|-+$)", "");
    return out.isEmpty() ? "unknown-machine" : out;
  }

  /** This fingerprint as ordered fields for {@code env.json}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("slug", slug());
    m.put("cpuModel", cpuModel);
    m.put("logicalCpus", logicalCpus);
    m.put("memoryBytes", memoryBytes);
    m.put("os", os);
    m.put("kernel", kernel);
    m.put("arch", arch);
    m.put("virtualized", virtualized);
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("cpuLimit", containerCpuLimit);
    container.put("memoryLimitBytes", containerMemoryLimitBytes);
    m.put("containerLimits", container);
    return m;
  }

  /**
   * The 1-, 5- and 15-minute load averages now ({@code /proc/loadavg}), or an empty list where the
   * OS does not say: other work on the machine during a run shows here, and in the spread of the
   * results.
   */
  public static java.util.List<Double> loadAverage() {
    return read(Path.of("/proc/loadavg"))
        .map(
            s -> {
              String[] f = s.trim().split("\\s+");
              return java.util.List.of(
                  Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
            })
        .orElse(java.util.List.of());
  }

  private static Double cgroupCpuLimit() {
    // cgroup v2: "max 100000" or "150000 100000"; v1: cfs_quota_us / cfs_period_us.
    Optional<String> v2 = read(Path.of("/sys/fs/cgroup/cpu.max"));
    if (v2.isPresent()) {
      String[] parts = v2.get().trim().split("\\s+");
      if (parts.length == 2 && !parts[0].equals("max")) {
        return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
      }
      return null;
    }
    Optional<String> quota = read(Path.of("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"));
    Optional<String> period = read(Path.of("/sys/fs/cgroup/cpu/cpu.cfs_period_us"));
    if (quota.isPresent() && period.isPresent()) {
      long q = Long.parseLong(quota.get().trim());
      return q <= 0 ? null : q / Double.parseDouble(period.get().trim());
    }
    return null;
  }

  private static Long cgroupMemoryLimit() {
    for (Path p :
        List.of(
            Path.of("/sys/fs/cgroup/memory.max"),
            Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"))) {
      Optional<String> v = read(p);
      if (v.isPresent()) {
        String s = v.get().trim();
        if (s.equals("max")) {
          return null;
        }
        long bytes = Long.parseLong(s);
        // cgroup v1 reports "unlimited" as a huge page-aligned number.
        return bytes >= Long.MAX_VALUE / 2 ? null : bytes;
      }
    }
    return null;
  }

  private static Optional<String> read(Path p) {
    try {
      return Optional.of(Files.readString(p));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
