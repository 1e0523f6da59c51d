package org.pitfallatlas.analysis.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A SystemCheck looks at the machine before a run measures, in the spirit of pyperf's {@code system
 * check}: is anything else using the CPUs, does the hypervisor steal time, is there a CPU quota,
 * does the CPU clock follow the load, is another JMH benchmark running? Each question gives a
 * {@link Finding} with a {@link Severity} and a sentence saying what is wrong and what to do; the
 * facts and findings go into {@code env.json} through {@link Result#toMap()}.
 *
 * <pre>{@code
 * SystemCheck.Result check = new SystemCheck(strict).inspect(Duration.ofSeconds(1));
 * check.findings().forEach(f -> log.line("    " + f.line()));
 * check.requireAllowed();            // RunException (exit 3) if strict and anything warned
 * env.put("systemCheck", check.toMap());
 * }</pre>
 *
 * <p>The default policy warns and never refuses: a warning is recorded with the run, and the
 * numbers are still measured. A strict check turns every warning into a refusal. Thresholds:
 *
 * <ul>
 *   <li>load: 1-minute load average at least {@value #LOAD_PER_CPU} per CPU online, unless it is
 *       clearly falling (at most 0.8 of the 5-minute figure) and the sample shows the machine quiet
 *       now (work that just ended);
 *   <li>cpu: other processes used at least {@value #FOREIGN_CPU_SHARE} of the machine's CPU time
 *       over the sample (measured with a {@link LoadMonitor}: our own process tree excluded);
 *   <li>steal: the hypervisor took at least {@value #STEAL_SHARE} of the CPU time over the sample;
 *   <li>quota: a cgroup CPU quota (v2 {@code cpu.max}, v1 {@code cpu.cfs_quota_us}) below the CPUs
 *       online, on this process's cgroup or an ancestor;
 *   <li>frequency: a scaling governor other than {@code performance} where {@code cpufreq} is
 *       visible (in most VMs it is not: the hypervisor owns the clock);
 *   <li>turbo: turbo/boost on where visible ({@code intel_pstate/no_turbo}, {@code cpufreq/boost});
 *   <li>jmh: JMH forks ({@code org.openjdk.jmh.runner.ForkedMain}) running that this process did
 *       not start.
 * </ul>
 *
 * The memory limit is recorded, never judged.
 */
public final class SystemCheck {

  /** How bad a finding is. */
  public enum Severity {
    /** Nothing wrong, or not visible here. */
    OK,
    /** Measurements will be noisier or biased; the run goes on and records it. */
    WARN,
    /** The run should not measure (strict policy). */
    REFUSE;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One answer of the check.
   *
   * @param check what was checked: load, cpu, steal, quota, memory, frequency, turbo, jmh
   * @param severity how bad
   * @param message what was seen and, when it is not ok, what to do about it
   */
  public record Finding(String check, Severity severity, String message) {
    /** "warn load: load average 2.15 ..." for the console and run.log. */
    public String line() {
      return String.format(Locale.ROOT, "%-6s %s: %s", severity.word(), check, message);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("check", check);
      m.put("severity", severity.word());
      m.put("message", message);
      return m;
    }
  }

  /**
   * The cgroup limits on this process.
   *
   * @param cpuQuota the tightest CPU quota in CPUs (e.g. 1.5), or null for none
   * @param cpuQuotaSource the file and value that set it, or why there is none
   * @param memoryLimitBytes the tightest memory limit, or null for none
   * @param memoryLimitSource the file that set it, or why there is none
   */
  public record Limits(
      Double cpuQuota, String cpuQuotaSource, Long memoryLimitBytes, String memoryLimitSource) {}

  /**
   * CPU frequency scaling as {@code /sys/devices/system/cpu} shows it.
   *
   * @param visible whether any {@code cpu*}/{@code cpufreq} folder exists
   * @param note "not visible (VM)" and the like when not visible, else the driver
   * @param governors CPUs by governor, e.g. {@code {powersave=[0, 1]}}
   * @param minKHz lowest {@code scaling_min_freq} over the CPUs, or null
   * @param maxKHz highest {@code scaling_max_freq}, or null
   * @param curKHz {@code scaling_cur_freq} per CPU, or empty
   * @param turbo whether turbo/boost is on; null when not visible
   * @param turboSource the file that said so, or null
   */
  public record Frequency(
      boolean visible,
      String note,
      Map<String, List<Integer>> governors,
      Long minKHz,
      Long maxKHz,
      Map<Integer, Long> curKHz,
      Boolean turbo,
      String turboSource) {}

  /**
   * What the check saw and concluded.
   *
   * @param checked when
   * @param strict whether warnings were turned into refusals
   * @param cpus CPUs online
   * @param virtualized whether the CPU reports a hypervisor
   * @param loadAverage 1-, 5- and 15-minute load averages, or empty where not visible
   * @param sample CPU use over the sampling window (others, steal)
   * @param stealSinceBoot share of CPU time stolen since boot, or NaN
   * @param limits cgroup limits
   * @param frequency frequency scaling and turbo
   * @param otherJmhForks pids of JMH forks this process did not start
   * @param findings one per check, in a fixed order
   */
  public record Result(
      Instant checked,
      boolean strict,
      int cpus,
      boolean virtualized,
      List<Double> loadAverage,
      LoadMonitor.Interval sample,
      double stealSinceBoot,
      Limits limits,
      Frequency frequency,
      List<Long> otherJmhForks,
      List<Finding> findings) {

    public Result {
      loadAverage = List.copyOf(loadAverage);
      otherJmhForks = List.copyOf(otherJmhForks);
      findings = List.copyOf(findings);
    }

    /** The worst severity found. */
    public Severity worst() {
      return findings.stream()
          .map(Finding::severity)
          .max(Comparator.naturalOrder())
          .orElse(Severity.OK);
    }

    /** The findings that are not ok. */
    public List<Finding> problems() {
      return findings.stream().filter(f -> f.severity() != Severity.OK).toList();
    }

    /** Whether any finding refuses the run. */
    public boolean refused() {
      return worst() == Severity.REFUSE;
    }

    /**
     * Returns normally unless a finding refuses the run.
     *
     * @throws RunException exit code 3, listing every refusal and what to do
     */
    public void requireAllowed() {
      if (!refused()) {
        return;
      }
      StringBuilder sb = new StringBuilder("the machine is not quiet enough to measure (strict):");
      for (Finding f : findings) {
        if (f.severity() == Severity.REFUSE) {
          sb.append("\n  - ").append(f.check()).append(": ").append(f.message());
        }
      }
      sb.append(
          "\n  Nothing was measured. Fix these, or run without the strict check to measure anyway"
              + " (the warnings are then recorded in env.json).");
      throw new RunException(3, sb.toString());
    }

    /** The facts and findings as ordered fields for {@code env.json}. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("checked", checked.toString());
      m.put("strict", strict);
      m.put("worst", worst().word());
      m.put("cpus", cpus);
      m.put("virtualized", virtualized);
      m.put("loadAverage", loadAverage);
      m.put("sample", sample.toMap());
      m.put("stealSinceBoot", Double.isFinite(stealSinceBoot) ? round4(stealSinceBoot) : null);
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("cpuQuota", limits.cpuQuota());
      l.put("cpuQuotaSource", limits.cpuQuotaSource());
      l.put("memoryLimitBytes", limits.memoryLimitBytes());
      l.put("memoryLimitSource", limits.memoryLimitSource());
      m.put("cgroup", l);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("visible", frequency.visible());
      f.put("note", frequency.note());
      f.put("governors", frequency.governors());
      f.put("minKHz", frequency.minKHz());
      f.put("maxKHz", frequency.maxKHz());
      f.put("curKHz", frequency.curKHz());
      f.put("turbo", frequency.turbo());
      f.put("turboSource", frequency.turboSource());
      m.put("cpuFrequency", f);
      m.put("otherJmhForks", otherJmhForks);
      m.put("findings", findings.stream().map(Finding::toMap).toList());
      return m;
    }
  }

  /** 1-minute load average per CPU online from which the load is called high. */
  static final double LOAD_PER_CPU = 0.5;

  /** Share of the machine's CPU time used by others from which the machine is called busy. */
  static final double FOREIGN_CPU_SHARE = 0.10;

  /** Share of CPU time stolen by the hypervisor from which steal is called high. */
  static final double STEAL_SHARE = 0.05;

  static final String FORKED_MAIN = "org.openjdk.jmh.runner.ForkedMain";

  private final Path root;
  private final boolean strict;
  private final boolean real;

  /**
   * A check of this machine.
   *
   * @param strict refuse (instead of warn) on anything that is not ok
   */
  public SystemCheck(boolean strict) {
    this(Path.of("/"), strict, true);
  }

  /** A check reading {@code proc/} and {@code sys/} under {@code root}: a fake tree in tests. */
  SystemCheck(Path root, boolean strict) {
    this(root, strict, false);
  }

  private SystemCheck(Path root, boolean strict, boolean real) {
    this.root = root;
    this.strict = strict;
    this.real = real;
  }

  /**
   * Looks at the machine, sampling CPU use (others' and steal) for {@code sample}, e.g. one second;
   * {@link Duration#ZERO} skips the sample.
   */
  public Result inspect(Duration sample) {
    LoadMonitor monitor = new LoadMonitor(root, real);
    LoadMonitor.Mark start = monitor.mark();
    if (!sample.isZero() && !sample.isNegative() && monitor.available()) {
      try {
        Thread.sleep(sample);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return inspect(monitor.since(start));
  }

  /** Looks at the machine, with the CPU use already sampled. */
  Result inspect(LoadMonitor.Interval sample) {
    Optional<String> stat = read("proc/stat");
    int cpus =
        stat.map(s -> (int) s.lines().filter(l -> l.matches("cpu\\d+\\s.*")).count())
            .filter(n -> n > 0)
            .orElse(Runtime.getRuntime().availableProcessors());
    double stealSinceBoot =
        stat.map(
                s -> {
                  try {
                    LoadMonitor.CpuTimes t = LoadMonitor.CpuTimes.parse(s);
                    return t.total() > 0 ? (double) t.steal() / t.total() : Double.NaN;
                  } catch (RuntimeException e) {
                    return Double.NaN;
                  }
                })
            .orElse(Double.NaN);
    boolean virtualized =
        read("proc/cpuinfo")
            .map(s -> s.lines().anyMatch(l -> l.startsWith("flags") && l.contains(" hypervisor")))
            .orElse(false);
    List<Double> load = loadAverage();
    Limits limits = limits();
    Frequency frequency = frequency(virtualized);
    List<Long> forks = otherJmhForks();

    List<Finding> findings = new ArrayList<>();
    findings.add(loadFinding(load, cpus, sample, strict));
    findings.add(cpuFinding(sample));
    findings.add(stealFinding(sample, stealSinceBoot));
    findings.add(quotaFinding(limits, cpus));
    findings.add(memoryFinding(limits));
    findings.add(frequencyFinding(frequency));
    findings.add(turboFinding(frequency));
    findings.add(jmhFinding(forks));
    return new Result(
        Instant.now(),
        strict,
        cpus,
        virtualized,
        load,
        sample,
        stealSinceBoot,
        limits,
        frequency,
        forks,
        findings.stream().map(f -> apply(f, strict)).toList());
  }

  /**
   * Findings for one measured interval (e.g. one JMH invocation), for the console and {@code
   * run.json}: others' CPU use and steal while it ran, judged like the check before the run. Empty
   * when both were low or the figures are not available.
   */
  public static List<Finding> during(LoadMonitor.Interval measured, boolean strict) {
    List<Finding> out = new ArrayList<>();
    if (!measured.available()) {
      return out;
    }
    if (measured.foreignCpuShare() >= FOREIGN_CPU_SHARE) {
      out.add(
          new Finding(
              "cpu",
              Severity.WARN,
              String.format(
                  Locale.ROOT,
                  "other processes used %.0f%% of the machine's CPU (%.2f of %d CPUs) while this"
                      + " was measured (%.0f s): its numbers may be slower and noisier than on a"
                      + " quiet machine; measure it again when the machine is quiet.",
                  100 * measured.foreignCpuShare(),
                  measured.foreignCpus(),
                  measured.cpus(),
                  measured.wallSeconds())));
    }
    if (measured.stealShare() >= STEAL_SHARE) {
      out.add(
          new Finding(
              "steal",
              Severity.WARN,
              String.format(
                  Locale.ROOT,
                  "the hypervisor took %.0f%% of the CPU time (steal) while this was measured"
                      + " (%.0f s): its numbers may be slower and noisier; measure it again when"
                      + " steal is low.",
                  100 * measured.stealShare(),
                  measured.wallSeconds())));
    }
    return out.stream().map(f -> apply(f, strict)).toList();
  }

  private static Finding apply(Finding f, boolean strict) {
    return strict && f.severity() == Severity.WARN
        ? new Finding(f.check(), Severity.REFUSE, f.message())
        : f;
  }

  // ---- findings ----

  static Finding loadFinding(
      List<Double> load, int cpus, LoadMonitor.Interval sample, boolean strict) {
    if (load.size() < 3) {
      return new Finding("load", Severity.OK, "load average not visible (no /proc/loadavg).");
    }
    double one = load.get(0);
    double five = load.get(1);
    double fifteen = load.get(2);
    if (one < LOAD_PER_CPU * cpus) {
      return new Finding(
          "load",
          Severity.OK,
          String.format(
              Locale.ROOT,
              "load average %.2f over the last minute on %d CPUs: idle enough.",
              one,
              cpus));
    }
    // The sample finds the others idle: the average still carries work that has ended (the
    // run's own build, or the run we waited for); it decays with a one-minute time constant.
    // The strict check also wants the average itself to be falling (a fifth below the 5-minute
    // figure): a short sample can miss bursty work.
    if (sample.available()
        && sample.foreignCpuShare() < FOREIGN_CPU_SHARE
        && (!strict || one <= 0.8 * five)) {
      return new Finding(
          "load",
          Severity.OK,
          String.format(
              Locale.ROOT,
              "load average %.2f over the last minute on %d CPUs (%.2f over 5 min), but the"
                  + " machine is quiet now (CPU sample): the average still carries work that has"
                  + " ended, such as this run's build.",
              one,
              cpus,
              five));
    }
    return new Finding(
        "load",
        Severity.WARN,
        String.format(
            Locale.ROOT,
            "load average %.2f over the last minute on %d CPUs (%.2f over 5 min, %.2f over 15"
                + " min): other processes compete for the CPUs and will slow and scatter the"
                + " measurements. Wait until the machine is idle, or stop them (top shows which).",
            one,
            cpus,
            five,
            fifteen));
  }

  static Finding cpuFinding(LoadMonitor.Interval sample) {
    if (!sample.available()) {
      return new Finding("cpu", Severity.OK, "CPU use not sampled: " + reason(sample) + ".");
    }
    if (sample.foreignCpuShare() >= FOREIGN_CPU_SHARE) {
      return new Finding(
          "cpu",
          Severity.WARN,
          String.format(
              Locale.ROOT,
              "other processes used %.0f%% of the machine's CPU (%.2f of %d CPUs) over a %.1f s"
                  + " sample: they compete with the benchmarks for cores, caches and memory"
                  + " bandwidth. Stop them or wait until they finish (top shows which).",
              100 * sample.foreignCpuShare(),
              sample.foreignCpus(),
              sample.cpus(),
              sample.wallSeconds()));
    }
    return new Finding(
        "cpu",
        Severity.OK,
        String.format(
            Locale.ROOT,
            "other processes used %.0f%% of the CPU over a %.1f s sample: quiet.",
            100 * sample.foreignCpuShare(),
            sample.wallSeconds()));
  }

  static Finding stealFinding(LoadMonitor.Interval sample, double sinceBoot) {
    String boot =
        Double.isFinite(sinceBoot)
            ? String.format(Locale.ROOT, " (%.1f%% since boot)", 100 * sinceBoot)
            : "";
    if (!sample.available()) {
      return new Finding("steal", Severity.OK, "steal not sampled: " + reason(sample) + boot + ".");
    }
    if (sample.stealShare() >= STEAL_SHARE) {
      return new Finding(
          "steal",
          Severity.WARN,
          String.format(
              Locale.ROOT,
              "the hypervisor took %.0f%% of this VM's CPU time (steal) over a %.1f s sample%s:"
                  + " other guests on the same host compete for the physical CPUs, so timings"
                  + " drift and scatter. Prefer a host or instance with dedicated CPUs, and compare"
                  + " only runs made under similar steal.",
              100 * sample.stealShare(),
              sample.wallSeconds(),
              boot));
    }
    return new Finding(
        "steal",
        Severity.OK,
        String.format(
            Locale.ROOT,
            "steal %.1f%% over a %.1f s sample%s.",
            100 * sample.stealShare(),
            sample.wallSeconds(),
            boot));
  }

  static Finding quotaFinding(Limits limits, int cpus) {
    if (limits.cpuQuota() == null) {
      return new Finding("quota", Severity.OK, "no CPU quota (" + limits.cpuQuotaSource() + ").");
    }
    double q = limits.cpuQuota();
    if (q >= cpus) {
      return new Finding(
          "quota",
          Severity.OK,
          String.format(
              Locale.ROOT,
              "CPU quota of %.2f CPUs (%s) is not below the %d CPUs online: it never throttles.",
              q,
              limits.cpuQuotaSource(),
              cpus));
    }
    return new Finding(
        "quota",
        Severity.WARN,
        String.format(
            Locale.ROOT,
            "a CPU quota of %.2f CPUs applies to this process (%s) on a %d-CPU machine: once the"
                + " run's threads have used it up the kernel stops them until the next period"
                + " (usually 100 ms), which shows as outliers and slow GC. Run outside the limit,"
                + " or raise it to at least %d CPUs.",
            q,
            limits.cpuQuotaSource(),
            cpus,
            cpus));
  }

  static Finding memoryFinding(Limits limits) {
    if (limits.memoryLimitBytes() == null) {
      return new Finding(
          "memory", Severity.OK, "no memory limit (" + limits.memoryLimitSource() + ").");
    }
    return new Finding(
        "memory",
        Severity.OK,
        String.format(
            Locale.ROOT,
            "memory limit %.1f GiB (%s).",
            limits.memoryLimitBytes() / (1024.0 * 1024 * 1024),
            limits.memoryLimitSource()));
  }

  static Finding frequencyFinding(Frequency f) {
    if (!f.visible()) {
      return new Finding(
          "frequency", Severity.OK, "CPU frequency scaling " + f.note() + ": nothing to set here.");
    }
    if (f.governors().isEmpty()) {
      return new Finding(
          "frequency",
          Severity.OK,
          "CPU frequency scaling " + f.note() + " shows no governor: nothing to set here.");
    }
    Map<String, List<Integer>> others = new TreeMap<>(f.governors());
    List<Integer> performance = others.remove("performance");
    String range =
        f.minKHz() != null && f.maxKHz() != null
            ? String.format(Locale.ROOT, ", %d-%d MHz", f.minKHz() / 1000, f.maxKHz() / 1000)
            : "";
    if (others.isEmpty()) {
      return new Finding(
          "frequency",
          Severity.OK,
          "CPU frequency governor is performance on "
              + cpuList(performance == null ? List.of() : performance)
              + range
              + ".");
    }
    String which =
        others.entrySet().stream()
            .map(e -> e.getKey() + " on " + cpuList(e.getValue()))
            .collect(Collectors.joining(", "));
    return new Finding(
        "frequency",
        Severity.WARN,
        "CPU frequency governor is "
            + which
            + range
            + " (not performance): the clock follows the load, so early iterations run slower"
            + " and timings shift with other work. For the run set it to performance: sudo"
            + " cpupower frequency-set -g performance.");
  }

  static Finding turboFinding(Frequency f) {
    if (f.turbo() == null) {
      return new Finding("turbo", Severity.OK, "turbo boost not visible.");
    }
    if (!f.turbo()) {
      return new Finding("turbo", Severity.OK, "turbo boost is off (" + f.turboSource() + ").");
    }
    String off =
        f.turboSource().contains("no_turbo")
            ? "echo 1 | sudo tee /sys/devices/system/cpu/intel_pstate/no_turbo"
            : "echo 0 | sudo tee /sys/devices/system/cpu/cpufreq/boost";
    return new Finding(
        "turbo",
        Severity.WARN,
        "turbo boost is on ("
            + f.turboSource()
            + "): the clock depends on temperature and on how many cores are busy, so long runs"
            + " drift. For steadier numbers switch it off for the run: "
            + off
            + ".");
  }

  static Finding jmhFinding(List<Long> forks) {
    if (forks.isEmpty()) {
      return new Finding("jmh", Severity.OK, "no other JMH benchmark running.");
    }
    return new Finding(
        "jmh",
        Severity.WARN,
        "another JMH benchmark is running on this machine (fork pid "
            + forks.stream().map(String::valueOf).collect(Collectors.joining(", "))
            + ", not started by this run): two benchmarks at once spoil each other's numbers."
            + " Wait until it finishes, or stop it.");
  }

  private static String reason(LoadMonitor.Interval i) {
    return i.unavailable() != null
        ? i.unavailable()
        : "not available: less than a clock tick passed";
  }

  private static String cpuList(List<Integer> cpus) {
    if (cpus.isEmpty()) {
      return "no CPU";
    }
    return (cpus.size() == 1 ? "cpu" : "cpus ")
        + cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  // ---- facts ----

  private List<Double> loadAverage() {
    return read("proc/loadavg")
        .map(
            s -> {
              try {
                String[] f = s.trim().split("\\s+");
                return List.of(
                    Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
              } catch (RuntimeException e) {
                return List.<Double>of();
              }
            })
        .orElse(List.of());
  }

  /** The tightest CPU quota and memory limit on this process's cgroup and its ancestors. */
  Limits limits() {
    Map<String, String> own = ownCgroups();
    Path fs = root.resolve("sys/fs/cgroup");
    Double quota = null;
    String quotaSource = null;
    Long memory = null;
    String memorySource = null;
    boolean v2 = Files.isRegularFile(fs.resolve("cgroup.controllers"));
    List<Path> cpuDirs;
    List<Path> memoryDirs;
    if (v2) {
      cpuDirs = chain(fs, own.getOrDefault("", "/"));
      memoryDirs = cpuDirs;
    } else {
      // cpu is mounted alone or together with cpuacct (often with the other name a symlink).
      cpuDirs = new ArrayList<>();
      for (String mount : List.of("cpu", "cpu,cpuacct", "cpuacct,cpu")) {
        if (Files.isDirectory(fs.resolve(mount))) {
          cpuDirs.addAll(chain(fs.resolve(mount), own.getOrDefault("cpu", "/")));
        }
      }
      memoryDirs = chain(fs.resolve("memory"), own.getOrDefault("memory", "/"));
    }
    boolean cpuSeen = false;
    for (Path dir : cpuDirs) {
      try {
        Double q = null;
        String src = null;
        if (v2) {
          Optional<String> max = readAt(dir.resolve("cpu.max"));
          if (max.isPresent()) {
            cpuSeen = true;
            String[] parts = max.get().trim().split("\\s+");
            if (parts.length == 2 && !parts[0].equals("max")) {
              q = Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
              src = "cgroup v2 " + shown(dir.resolve("cpu.max")) + " = " + max.get().trim();
            }
          }
        } else {
          Optional<String> qs = readAt(dir.resolve("cpu.cfs_quota_us"));
          Optional<String> ps = readAt(dir.resolve("cpu.cfs_period_us"));
          if (qs.isPresent() && ps.isPresent()) {
            cpuSeen = true;
            long qu = Long.parseLong(qs.get().trim());
            if (qu > 0) {
              q = qu / Double.parseDouble(ps.get().trim());
              src =
                  "cgroup v1 "
                      + shown(dir.resolve("cpu.cfs_quota_us"))
                      + " = "
                      + qu
                      + " per "
                      + ps.get().trim()
                      + " us";
            }
          }
        }
        if (q != null && (quota == null || q < quota)) {
          quota = q;
          quotaSource = src;
        }
      } catch (NumberFormatException e) {
        // not a cgroup file as we know it: no limit read from this level
      }
    }
    boolean memorySeen = false;
    for (Path dir : memoryDirs) {
      Path file = dir.resolve(v2 ? "memory.max" : "memory.limit_in_bytes");
      Optional<String> v = readAt(file);
      if (v.isEmpty()) {
        continue;
      }
      memorySeen = true;
      String s = v.get().trim();
      if (s.equals("max")) {
        continue;
      }
      long bytes;
      try {
        bytes = Long.parseLong(s);
      } catch (NumberFormatException e) {
        continue;
      }
      if (bytes >= Long.MAX_VALUE / 2) { // v1 says "unlimited" with a huge page-aligned number
        continue;
      }
      if (memory == null || bytes < memory) {
        memory = bytes;
        memorySource = (v2 ? "cgroup v2 " : "cgroup v1 ") + shown(file);
      }
    }
    if (quota == null) {
      quotaSource = cpuSeen ? (v2 ? "cgroup v2" : "cgroup v1") + ": unlimited" : "no cgroup";
    }
    if (memory == null) {
      memorySource = memorySeen ? (v2 ? "cgroup v2" : "cgroup v1") + ": unlimited" : "no cgroup";
    }
    return new Limits(quota, quotaSource, memory, memorySource);
  }

  /** Controller ("cpu", "memory"; "" for v2) -> this process's cgroup path. */
  private Map<String, String> ownCgroups() {
    Map<String, String> paths = new LinkedHashMap<>();
    for (String line : read("proc/self/cgroup").orElse("").lines().toList()) {
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
   * The cgroup folders that limit a process in {@code cgroupPath} under {@code mount}: its own and
   * every ancestor up to the mount. When the path does not exist under the mount (a container that
   * sees only its own cgroup, mounted at the root) the mount itself is the process's cgroup.
   */
  private static List<Path> chain(Path mount, String cgroupPath) {
    String rel = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
    Path dir = rel.isEmpty() ? mount : mount.resolve(rel);
    if (!Files.isDirectory(dir)) {
      return List.of(mount);
    }
    List<Path> dirs = new ArrayList<>();
    for (Path p = dir; p != null && p.startsWith(mount); p = p.getParent()) {
      dirs.add(p);
    }
    return dirs;
  }

  Frequency frequency(boolean virtualized) {
    Path cpuDir = root.resolve("sys/devices/system/cpu");
    Map<String, List<Integer>> governors = new TreeMap<>();
    Map<Integer, Long> cur = new TreeMap<>();
    Long min = null;
    Long max = null;
    String driver = null;
    boolean visible = false;
    for (int cpu : cpuNumbers(cpuDir)) {
      Path freq = cpuDir.resolve("cpu" + cpu).resolve("cpufreq");
      if (!Files.isDirectory(freq)) {
        continue;
      }
      visible = true;
      Optional<String> g = readAt(freq.resolve("scaling_governor")).map(String::trim);
      g.ifPresent(s -> governors.computeIfAbsent(s, k -> new ArrayList<>()).add(cpu));
      Long lo = number(freq.resolve("scaling_min_freq"));
      Long hi = number(freq.resolve("scaling_max_freq"));
      Long now = number(freq.resolve("scaling_cur_freq"));
      if (lo != null) {
        min = min == null ? lo : Math.min(min, lo);
      }
      if (hi != null) {
        max = max == null ? hi : Math.max(max, hi);
      }
      if (now != null) {
        cur.put(cpu, now);
      }
      if (driver == null) {
        driver = readAt(freq.resolve("scaling_driver")).map(String::trim).orElse(null);
      }
    }
    Boolean turbo = null;
    String turboSource = null;
    Path noTurbo = cpuDir.resolve("intel_pstate/no_turbo");
    Path boost = cpuDir.resolve("cpufreq/boost");
    Long nt = number(noTurbo);
    Long b = number(boost);
    if (nt != null) {
      turbo = nt == 0;
      turboSource = shown(noTurbo) + " = " + nt;
    } else if (b != null) {
      turbo = b != 0;
      turboSource = shown(boost) + " = " + b;
    }
    String note;
    if (visible) {
      note = driver == null ? "visible" : "visible (" + driver + ")";
    } else {
      note =
          virtualized
              ? "not visible (VM: the hypervisor controls the clock)"
              : "not visible (no cpufreq driver)";
    }
    return new Frequency(visible, note, governors, min, max, cur, turbo, turboSource);
  }

  private static List<Integer> cpuNumbers(Path cpuDir) {
    List<Integer> cpus = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(cpuDir, "cpu[0-9]*")) {
      for (Path p : ds) {
        String n = p.getFileName().toString().substring(3);
        if (n.chars().allMatch(Character::isDigit)) {
          cpus.add(Integer.parseInt(n));
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    cpus.sort(null);
    return cpus;
  }

  /** Pids of processes running JMH's ForkedMain that are not this process or its descendants. */
  List<Long> otherJmhForks() {
    Set<Long> ours = new HashSet<>();
    ours.add(ProcessHandle.current().pid());
    ProcessHandle.current().descendants().forEach(p -> ours.add(p.pid()));
    List<Long> forks = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve("proc"), "[0-9]*")) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (ours.contains(pid)) {
          continue;
        }
        try {
          String cmdline =
              new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains(FORKED_MAIN)) {
            forks.add(pid);
          }
        } catch (IOException | RuntimeException gone) {
          // ended meanwhile, or not ours to read
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    forks.sort(null);
    return forks;
  }

  // ---- reading ----

  private Optional<String> read(String relative) {
    return readAt(root.resolve(relative));
  }

  private static Optional<String> readAt(Path p) {
    try {
      return Optional.of(Files.readString(p));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Long number(Path p) {
    try {
      return readAt(p).map(s -> Long.parseLong(s.trim())).orElse(null);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A path as it would be on the real machine ("/sys/fs/cgroup/cpu.max"), also in a fake root. */
  private String shown(Path p) {
    return "/" + root.relativize(p).toString().replace('\\', '/');
  }
}
