package org.pitfallatlas.analysis.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pitfallatlas.analysis.gclog.GcLogParser;
import org.pitfallatlas.analysis.gclog.GcLogSummary;

/**
 * ContainerLimits puts a benchmark run inside a CPU and memory limit, the way a container would, so
 * the JVM's container ergonomics (1 CPU and under 1792 MB: Serial GC, a heap of a quarter of the
 * memory) can be measured.
 *
 * <p>Where the machine allows it the limit is real: a child cgroup is created, below the cgroup
 * this JVM runs in, with a CFS quota of {@code cpus} CPUs and a memory limit, and {@link
 * #commandPrefix()} is a small {@code sh} wrapper that moves itself into that cgroup and then
 * {@code exec}s the command appended to it, so the JMH host and every fork it starts are inside.
 * Both cgroup v2 ({@code cpu.max}, {@code memory.max}) and v1 ({@code cpu.cfs_quota_us}, {@code
 * memory.limit_in_bytes}) are handled. Where neither works (no write access, controllers not
 * delegated, not Linux) the limit is emulated with JVM flags for the forks ({@link #forkJvmArgs()}:
 * {@code -XX:ActiveProcessorCount} and {@code -XX:MaxRAM}): the JVM then makes the same ergonomic
 * choices, but nothing enforces the limit. {@link #mode()} says which, so a run can record
 * "emulated" in its {@code env.json}.
 *
 * <p>Usage by the runner:
 *
 * <pre>{@code
 * try (ContainerLimits limits = ContainerLimits.apply("container-ergonomics", 1, 1024)) {
 *   List<String> cmd = new ArrayList<>(limits.commandPrefix());
 *   cmd.addAll(List.of(java, "-jar", "benchmarks.jar", ...,
 *       "-jvmArgsAppend", String.join(" ", limits.forkJvmArgs()) + " " + configurationArgs));
 *   JvmView seen = limits.verify(Path.of(java), configurationJvmArgs); // record in env.json
 *   ... run cmd ...
 * } // removes the cgroups
 * }</pre>
 */
public final class ContainerLimits implements AutoCloseable {

  /** How the limit is applied. */
  public enum Mode {
    /** A real cgroup v2 limit (unified hierarchy). */
    CGROUP_V2,
    /** A real cgroup v1 limit (cpu and memory hierarchies). */
    CGROUP_V1,
    /** JVM flags only: the JVM believes the limit, nothing enforces it. */
    EMULATED
  }

  private static final long CFS_PERIOD_US = 100_000;
  private static final Path PROC_CGROUP = Path.of("/proc/self/cgroup");
  private static final Path PROC_MOUNTINFO = Path.of("/proc/self/mountinfo");
  private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

  private final int cpus;
  private final long memoryMiB;
  private final Mode mode;
  private final List<Path> cgroups;
  private final String fallbackReason;

  private ContainerLimits(
      int cpus, long memoryMiB, Mode mode, List<Path> cgroups, String fallbackReason) {
    this.cpus = cpus;
    this.memoryMiB = memoryMiB;
    this.mode = mode;
    this.cgroups = List.copyOf(cgroups);
    this.fallbackReason = fallbackReason;
  }

  /**
   * Creates a real cgroup limit of {@code cpus} CPUs and {@code memoryMiB} MiB named after {@code
   * id} if this machine allows it, and falls back to {@link #emulated} otherwise.
   *
   * @param id a name for the limit, e.g. the configuration id (letters, digits, '-', '_', '.')
   * @throws IllegalArgumentException if {@code cpus} or {@code memoryMiB} is not positive or the id
   *     has other characters
   */
  public static ContainerLimits apply(String id, int cpus, long memoryMiB) {
    checkArguments(cpus, memoryMiB);
    if (!id.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("not a usable cgroup name: " + id);
    }
    String name = "pitfall-atlas-" + id + "-" + ProcessHandle.current().pid();
    List<String> reasons = new ArrayList<>();
    try {
      if (Files.isRegularFile(CGROUP_ROOT.resolve("cgroup.controllers"))) {
        return createV2(name, cpus, memoryMiB);
      }
      return createV1(name, cpus, memoryMiB);
    } catch (IOException | RuntimeException e) {
      reasons.add(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return new ContainerLimits(
        cpus,
        memoryMiB,
        Mode.EMULATED,
        List.of(),
        "no writable cgroup for cpu and memory limits: " + String.join("; ", reasons));
  }

  /**
   * A limit emulated with JVM flags only, whatever the machine allows.
   *
   * @param reason why emulation is used, recorded with the run
   * @throws IllegalArgumentException if {@code cpus} or {@code memoryMiB} is not positive
   */
  public static ContainerLimits emulated(int cpus, long memoryMiB, String reason) {
    checkArguments(cpus, memoryMiB);
    return new ContainerLimits(cpus, memoryMiB, Mode.EMULATED, List.of(), reason);
  }

  /** How the limit is applied. */
  public Mode mode() {
    return mode;
  }

  /** The CPUs allowed. */
  public int cpus() {
    return cpus;
  }

  /** The memory allowed, in MiB. */
  public long memoryMiB() {
    return memoryMiB;
  }

  /** Why the limit is emulated, or empty for a real one. */
  public Optional<String> fallbackReason() {
    return mode == Mode.EMULATED ? Optional.of(fallbackReason) : Optional.empty();
  }

  /** The cgroup folders created (one for v2, one per controller for v1), empty when emulated. */
  public List<Path> cgroups() {
    return cgroups;
  }

  /**
   * The words to put before the command ({@code java -jar benchmarks.jar ...}) so it starts inside
   * the cgroup; children (JMH's forks) inherit it. Empty when emulated.
   */
  public List<String> commandPrefix() {
    if (cgroups.isEmpty()) {
      return List.of();
    }
    StringBuilder script = new StringBuilder();
    for (Path cg : cgroups) {
      script.append("echo $$ > ").append(shellQuote(cg.resolve("cgroup.procs").toString()));
      script.append(" && ");
    }
    script.append("exec \"$@\"");
    return List.of("sh", "-c", script.toString(), "atlas-container");
  }

  /**
   * The JVM flags the benchmark forks need: {@code -XX:ActiveProcessorCount=<cpus>} and {@code
   * -XX:MaxRAM=<memory>m} when emulated, nothing for a real cgroup (the JVM reads the cgroup). Put
   * them before the configuration's own flags, so those win where they overlap.
   */
  public List<String> forkJvmArgs() {
    if (mode != Mode.EMULATED) {
      return List.of();
    }
    return List.of("-XX:ActiveProcessorCount=" + cpus, "-XX:MaxRAM=" + memoryMiB + "m");
  }

  /** A description for {@code env.json}: mode, cpus, memoryMiB, cgroups, fallbackReason. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mode", mode == Mode.EMULATED ? "emulated" : mode.name().toLowerCase().replace('_', '-'));
    d.put("cpus", cpus);
    d.put("memoryMiB", memoryMiB);
    d.put("cgroups", cgroups.stream().map(Path::toString).toList());
    d.put("fallbackReason", fallbackReason().orElse(null));
    return d;
  }

  /**
   * What a JVM started under this limit sees: the CPUs and memory its ergonomics used, the
   * collector and maximum heap they picked, and the container metrics it read.
   *
   * @param collector the collector in use ("Serial", "G1", "Parallel", "ZGC")
   * @param cpusAvailable the CPUs the JVM considers available
   * @param memoryMiB the physical memory the JVM sees (the cgroup limit when real; the host's when
   *     emulated, where only MaxRAM steers the heap)
   * @param heapMaxMiB the maximum heap ergonomics (or the flags) chose
   * @param containerProvider the {@code -XshowSettings:system} provider ("cgroupv1", "cgroupv2") or
   *     ""
   * @param containerMemoryLimitMiB the cgroup memory limit the JVM read, 0 if none
   * @param containerized whether the JVM reports a container limit at all
   */
  public record JvmView(
      String collector,
      int cpusAvailable,
      long memoryMiB,
      long heapMaxMiB,
      String containerProvider,
      long containerMemoryLimitMiB,
      boolean containerized) {}

  /**
   * Starts {@code java [forkJvmArgs] [jvmArgs] -Xlog:gc,gc+init -XshowSettings:system -version}
   * under this limit and reports what the JVM saw and chose. For a real cgroup this is the proof
   * the limit took effect; see {@link #tookEffect(JvmView)}.
   *
   * @throws IOException if the JVM cannot be started or does not finish within 60 s
   */
  public JvmView verify(Path java, List<String> jvmArgs) throws IOException {
    List<String> cmd = new ArrayList<>(commandPrefix());
    cmd.add(java.toString());
    cmd.addAll(forkJvmArgs());
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-Xlog:gc,gc+init=info:stdout", "-XshowSettings:system", "-version"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("java -version did not finish: " + cmd);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException("java failed (" + p.exitValue() + "): " + cmd + "\n" + out);
    }
    return parseView(out.lines().toList());
  }

  /**
   * Whether a JVM that reported {@code view} was held to this limit: it saw {@code cpus} CPUs and,
   * for a real cgroup, a memory limit of {@code memoryMiB}; when emulated, a heap no larger than
   * the memory.
   */
  public boolean tookEffect(JvmView view) {
    if (view.cpusAvailable() != cpus) {
      return false;
    }
    if (mode == Mode.EMULATED) {
      return view.heapMaxMiB() > 0 && view.heapMaxMiB() <= memoryMiB;
    }
    return view.containerMemoryLimitMiB() == memoryMiB && view.memoryMiB() == memoryMiB;
  }

  static JvmView parseView(List<String> lines) {
    GcLogSummary init = GcLogParser.parse(lines);
    String provider = "";
    long limitMiB = 0;
    boolean containerized = true;
    Pattern providerLine = Pattern.compile("^\\s*Provider: (\\S+)");
    Pattern limitLine = Pattern.compile("^\\s*Memory Limit: (\\d+(?:\\.\\d+)?)([KMG])");
    for (String line : lines) {
      Matcher m;
      if ((m = providerLine.matcher(line)).find()) {
        provider = m.group(1);
      } else if ((m = limitLine.matcher(line)).find()) {
        double v = Double.parseDouble(m.group(1));
        limitMiB =
            Math.round(
                switch (m.group(2)) {
                  case "K" -> v / 1024;
                  case "G" -> v * 1024;
                  default -> v;
                });
      } else if (line.contains("System not containerized")) {
        containerized = false;
      }
    }
    return new JvmView(
        init.collector(),
        init.cpusAvailable(),
        init.memoryMiB(),
        init.heapMaxMiB(),
        provider,
        limitMiB,
        containerized && limitMiB > 0);
  }

  /** Removes the cgroups; call it after every process started in them has ended. */
  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (Path cg : cgroups) {
      try {
        Files.deleteIfExists(cg); // rmdir: a cgroup folder is removed empty of tasks
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static ContainerLimits createV2(String name, int cpus, long memoryMiB)
      throws IOException {
    Path own = CGROUP_ROOT.resolve(relative(ownCgroupPaths().getOrDefault("", "/")));
    Path cg = Files.createDirectory(own.resolve(name));
    try {
      if (!Files.exists(cg.resolve("cpu.max")) || !Files.exists(cg.resolve("memory.max"))) {
        throw new IOException(
            "cgroup v2: cpu and memory controllers are not enabled in "
                + own.resolve("cgroup.subtree_control"));
      }
      write(cg.resolve("cpu.max"), cpus * CFS_PERIOD_US + " " + CFS_PERIOD_US);
      write(cg.resolve("memory.max"), Long.toString(memoryMiB * 1024 * 1024));
      if (Files.exists(cg.resolve("memory.swap.max"))) {
        write(cg.resolve("memory.swap.max"), "0");
      }
      return new ContainerLimits(cpus, memoryMiB, Mode.CGROUP_V2, List.of(cg), "");
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(cg);
      throw e;
    }
  }

  private static ContainerLimits createV1(String name, int cpus, long memoryMiB)
      throws IOException {
    Map<String, String> own = ownCgroupPaths();
    Path cpuMount = v1Mount("cpu");
    Path memMount = v1Mount("memory");
    Path cpuCg = cpuMount.resolve(relative(own.getOrDefault("cpu", "/"))).resolve(name);
    Path memCg = memMount.resolve(relative(own.getOrDefault("memory", "/"))).resolve(name);
    List<Path> created = new ArrayList<>();
    try {
      created.add(Files.createDirectory(cpuCg));
      write(cpuCg.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
      write(cpuCg.resolve("cpu.cfs_quota_us"), Long.toString(cpus * CFS_PERIOD_US));
      created.add(Files.createDirectory(memCg));
      long bytes = memoryMiB * 1024 * 1024;
      write(memCg.resolve("memory.limit_in_bytes"), Long.toString(bytes));
      if (Files.exists(memCg.resolve("memory.memsw.limit_in_bytes"))) {
        write(memCg.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes)); // no swap
      }
      return new ContainerLimits(cpus, memoryMiB, Mode.CGROUP_V1, created, "");
    } catch (IOException | RuntimeException e) {
      for (Path p : created.reversed()) {
        Files.deleteIfExists(p);
      }
      throw e;
    }
  }

  /** Controller ("cpu", "memory"; "" for v2) -> this process's cgroup path, from /proc. */
  private static Map<String, String> ownCgroupPaths() throws IOException {
    Map<String, String> paths = new LinkedHashMap<>();
    for (String line : Files.readAllLines(PROC_CGROUP)) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3) {
        for (String controller : parts[1].split(",")) {
          paths.put(controller, parts[2]);
        }
      }
    }
    return paths;
  }

  /**
   * The mount point of the cgroup v1 hierarchy that has {@code controller}, mounted at its root.
   */
  private static Path v1Mount(String controller) throws IOException {
    for (String line : Files.readAllLines(PROC_MOUNTINFO)) {
      // id parent major:minor root mount-point options ... - fstype source super-options
      String[] halves = line.split(" - ", 2);
      if (halves.length != 2) {
        continue;
      }
      String[] left = halves[0].split(" ");
      String[] right = halves[1].split(" ");
      if (left.length < 5 || right.length < 3 || !right[0].equals("cgroup")) {
        continue;
      }
      for (String option : right[2].split(",")) {
        if (option.equals(controller)) {
          if (!left[3].equals("/")) {
            throw new IOException(
                "cgroup v1 " + controller + " is mounted from " + left[3] + ", not its root");
          }
          return Path.of(left[4]);
        }
      }
    }
    throw new IOException("no cgroup v1 hierarchy with the " + controller + " controller");
  }

  private static String relative(String cgroupPath) {
    return cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value);
  }

  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static void checkArguments(int cpus, long memoryMiB) {
    if (cpus <= 0 || memoryMiB <= 0) {
      throw new IllegalArgumentException(
          "cpus and memoryMiB must be positive: " + cpus + ", " + memoryMiB);
    }
  }
}
