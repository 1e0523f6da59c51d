package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.analysis.run.SystemCheck.Finding;
import org.pitfallatlas.analysis.run.SystemCheck.Result;
import org.pitfallatlas.analysis.run.SystemCheck.Severity;

/** The machine check on fake /proc and /sys trees, and once on the real machine. */
class SystemCheckTest {

  @TempDir Path root;

  /** 200 ticks passed on 2 CPUs; others used {@code foreign}, the hypervisor {@code steal}. */
  static LoadMonitor.Interval sample(long foreign, long steal) {
    return new LoadMonitor.Interval(Instant.now(), 1.0, 2, 200, foreign + 10, 10, steal, null);
  }

  static final LoadMonitor.Interval QUIET = sample(2, 0);

  @BeforeEach
  void quietVm() throws IOException {
    write("proc/stat", "cpu  1000 0 500 90000 10 0 0 300 0 0\ncpu0 1 0 0 0\ncpu1 1 0 0 0\n");
    write("proc/loadavg", "0.10 0.20 0.30 1/123 4567\n");
    write("proc/cpuinfo", "model name\t: Intel Xeon\nflags\t\t: fpu vme hypervisor lahf_lm\n");
    write("proc/self/cgroup", "4:memory:/\n1:cpu:/\n0::/\n");
    write("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n");
    write("sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");
    write("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
    Files.createDirectories(root.resolve("sys/devices/system/cpu/cpu0"));
    Files.createDirectories(root.resolve("sys/devices/system/cpu/cpu1"));
    Files.createDirectories(root.resolve("sys/devices/system/cpu/cpufreq")); // empty, as in a VM
  }

  private void write(String relative, String content) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private Result check(LoadMonitor.Interval sample) {
    return new SystemCheck(root, false).inspect(sample);
  }

  private static Finding finding(Result r, String check) {
    return r.findings().stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
  }

  @Test
  void aQuietVmIsOkAndSaysFrequencyIsNotVisible() {
    Result r = check(QUIET);
    assertThat(r.findings())
        .extracting(Finding::check)
        .containsExactly("load", "cpu", "steal", "quota", "memory", "frequency", "turbo", "jmh");
    assertThat(r.findings()).allMatch(f -> f.severity() == Severity.OK, "all ok");
    assertThat(r.worst()).isEqualTo(Severity.OK);
    assertThat(r.cpus()).isEqualTo(2);
    assertThat(r.virtualized()).isTrue();
    assertThat(r.loadAverage()).containsExactly(0.10, 0.20, 0.30);
    assertThat(r.stealSinceBoot())
        .isCloseTo(300.0 / 91810, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.frequency().visible()).isFalse();
    assertThat(finding(r, "frequency").message())
        .startsWith("CPU frequency scaling not visible (VM");
    assertThat(finding(r, "turbo").message()).isEqualTo("turbo boost not visible.");
    assertThat(finding(r, "quota").message()).isEqualTo("no CPU quota (cgroup v1: unlimited).");
    assertThat(finding(r, "memory").message()).isEqualTo("no memory limit (cgroup v1: unlimited).");
    assertThat(finding(r, "steal").message()).contains("steal 0.0%", "(0.3% since boot)");
    r.requireAllowed(); // nothing to refuse
  }

  @Test
  void withoutAHypervisorFlagFrequencyIsNotVisibleForWantOfADriver() throws IOException {
    write("proc/cpuinfo", "flags\t\t: fpu vme lahf_lm\n");
    assertThat(finding(check(QUIET), "frequency").message())
        .contains("not visible (no cpufreq driver)");
  }

  @Test
  void aLoadedMachineWarnsWithTheFigures() throws IOException {
    write("proc/loadavg", "2.15 0.95 0.38 3/130 6433\n");
    Result r = check(sample(70, 0));
    Finding load = finding(r, "load");
    assertThat(load.severity()).isEqualTo(Severity.WARN);
    assertThat(load.message())
        .startsWith("load average 2.15 over the last minute on 2 CPUs (0.95 over 5 min")
        .contains("Wait until the machine is idle");
    Finding cpu = finding(r, "cpu");
    assertThat(cpu.severity()).isEqualTo(Severity.WARN);
    assertThat(cpu.message())
        .startsWith("other processes used 35% of the machine's CPU (0.70 of 2 CPUs) over a 1.0 s");
    assertThat(r.worst()).isEqualTo(Severity.WARN);
    assertThat(r.problems()).extracting(Finding::check).containsExactly("load", "cpu");
    r.requireAllowed(); // the default policy warns, never refuses
  }

  @Test
  void aHighLoadOnANowQuietMachineIsWorkThatEnded() throws IOException {
    // E.g. right after the run's own build: the 1-minute average still reads 1.2 (and is higher
    // than the 5-minute one), but nothing else uses the CPU now.
    write("proc/loadavg", "1.20 0.60 0.30 1/130 6433\n");
    Finding quietNow = finding(check(QUIET), "load");
    assertThat(quietNow.severity()).isEqualTo(Severity.OK);
    assertThat(quietNow.message()).contains("(0.60 over 5 min), but the machine is quiet now");
    // Others busy in the sample: a warning, whatever the trend.
    assertThat(finding(check(sample(40, 0)), "load").severity()).isEqualTo(Severity.WARN);
    write("proc/loadavg", "1.20 1.60 0.80 1/130 6433\n");
    assertThat(finding(check(sample(40, 0)), "load").severity()).isEqualTo(Severity.WARN);
  }

  @Test
  void stealWarns() {
    Finding steal = finding(check(sample(0, 16)), "steal");
    assertThat(steal.severity()).isEqualTo(Severity.WARN);
    assertThat(steal.message())
        .startsWith("the hypervisor took 8% of this VM's CPU time (steal) over a 1.0 s sample")
        .contains("dedicated CPUs");
    assertThat(finding(check(sample(0, 4)), "steal").severity()).isEqualTo(Severity.OK);
  }

  @Test
  void cgroupV2QuotaWarnsAndTheTightestAncestorWins() throws IOException {
    write("sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
    write("proc/self/cgroup", "0::/atlas.slice/run\n");
    write("sys/fs/cgroup/atlas.slice/cpu.max", "max 100000\n");
    write("sys/fs/cgroup/atlas.slice/memory.max", "max\n");
    write("sys/fs/cgroup/atlas.slice/run/cpu.max", "150000 100000\n");
    write("sys/fs/cgroup/atlas.slice/run/memory.max", "1073741824\n");
    Result r = check(QUIET);
    assertThat(r.limits().cpuQuota()).isEqualTo(1.5);
    Finding quota = finding(r, "quota");
    assertThat(quota.severity()).isEqualTo(Severity.WARN);
    assertThat(quota.message())
        .startsWith(
            "a CPU quota of 1.50 CPUs applies to this process (cgroup v2"
                + " /sys/fs/cgroup/atlas.slice/run/cpu.max = 150000 100000) on a 2-CPU machine")
        .contains("raise it to at least 2 CPUs");
    assertThat(finding(r, "memory").message())
        .isEqualTo("memory limit 1.0 GiB (cgroup v2 /sys/fs/cgroup/atlas.slice/run/memory.max).");
    assertThat(finding(r, "memory").severity()).isEqualTo(Severity.OK);

    write("sys/fs/cgroup/atlas.slice/cpu.max", "50000 100000\n");
    assertThat(check(QUIET).limits().cpuQuota()).isEqualTo(0.5);
  }

  @Test
  void cgroupV1QuotaBelowTheCpusWarnsAndAboveIsOk() throws IOException {
    Files.delete(root.resolve("sys/fs/cgroup/cpu/cpu.cfs_quota_us"));
    Files.delete(root.resolve("sys/fs/cgroup/cpu/cpu.cfs_period_us"));
    write("proc/self/cgroup", "4:memory:/docker/abc\n2:cpu,cpuacct:/docker/abc\n");
    write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "100000\n");
    write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
    write("sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "536870912\n");
    Result r = check(QUIET);
    assertThat(finding(r, "quota").severity()).isEqualTo(Severity.WARN);
    assertThat(finding(r, "quota").message())
        .contains(
            "1.00 CPUs",
            "cgroup v1 /sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us = 100000 per"
                + " 100000 us");
    assertThat(r.limits().memoryLimitBytes()).isEqualTo(536870912L);

    write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "400000\n");
    Finding ok = finding(check(QUIET), "quota");
    assertThat(ok.severity()).isEqualTo(Severity.OK);
    assertThat(ok.message()).contains("4.00 CPUs", "never throttles");
  }

  private void cpufreq(int cpu, String governor, long min, long max, long cur) throws IOException {
    String d = "sys/devices/system/cpu/cpu" + cpu + "/cpufreq/";
    write(d + "scaling_governor", governor + "\n");
    write(d + "scaling_min_freq", min + "\n");
    write(d + "scaling_max_freq", max + "\n");
    write(d + "scaling_cur_freq", cur + "\n");
    write(d + "scaling_driver", "intel_pstate\n");
  }

  @Test
  void powersaveGovernorWarnsAndPerformanceIsOk() throws IOException {
    cpufreq(0, "powersave", 800_000, 3_900_000, 1_200_000);
    cpufreq(1, "powersave", 800_000, 3_900_000, 3_100_000);
    Result r = check(QUIET);
    assertThat(r.frequency().visible()).isTrue();
    assertThat(r.frequency().note()).isEqualTo("visible (intel_pstate)");
    assertThat(r.frequency().curKHz()).containsEntry(0, 1_200_000L).containsEntry(1, 3_100_000L);
    Finding f = finding(r, "frequency");
    assertThat(f.severity()).isEqualTo(Severity.WARN);
    assertThat(f.message())
        .startsWith(
            "CPU frequency governor is powersave on cpus 0,1, 800-3900 MHz (not performance)")
        .contains("cpupower frequency-set -g performance");

    cpufreq(0, "performance", 800_000, 3_900_000, 3_900_000);
    assertThat(finding(check(QUIET), "frequency").message())
        .startsWith("CPU frequency governor is powersave on cpu1");
    cpufreq(1, "performance", 800_000, 3_900_000, 3_900_000);
    Finding ok = finding(check(QUIET), "frequency");
    assertThat(ok.severity()).isEqualTo(Severity.OK);
    assertThat(ok.message())
        .isEqualTo("CPU frequency governor is performance on cpus 0,1, 800-3900 MHz.");
  }

  @Test
  void turboOnWarnsWhereVisible() throws IOException {
    write("sys/devices/system/cpu/intel_pstate/no_turbo", "0\n");
    Finding on = finding(check(QUIET), "turbo");
    assertThat(on.severity()).isEqualTo(Severity.WARN);
    assertThat(on.message())
        .startsWith("turbo boost is on (/sys/devices/system/cpu/intel_pstate/no_turbo = 0)")
        .contains("echo 1 | sudo tee /sys/devices/system/cpu/intel_pstate/no_turbo");
    write("sys/devices/system/cpu/intel_pstate/no_turbo", "1\n");
    assertThat(finding(check(QUIET), "turbo").severity()).isEqualTo(Severity.OK);
    Files.delete(root.resolve("sys/devices/system/cpu/intel_pstate/no_turbo"));
    write("sys/devices/system/cpu/cpufreq/boost", "1\n");
    assertThat(finding(check(QUIET), "turbo").message()).contains("cpufreq/boost = 1");
  }

  @Test
  void otherJmhForksWarnButOursAreNotOthers() throws IOException {
    String fork = "java\0-cp\0benchmarks.jar\0" + SystemCheck.FORKED_MAIN + "\0127.0.0.1\041234\0";
    write("proc/777/cmdline", fork);
    write("proc/778/cmdline", "java\0-jar\0benchmarks.jar\0");
    write("proc/" + ProcessHandle.current().pid() + "/cmdline", fork);
    Result r = check(QUIET);
    assertThat(r.otherJmhForks()).containsExactly(777L);
    Finding jmh = finding(r, "jmh");
    assertThat(jmh.severity()).isEqualTo(Severity.WARN);
    assertThat(jmh.message())
        .startsWith(
            "another JMH benchmark is running on this machine (fork pid 777, not started by");
  }

  @Test
  void strictRefusesOnWhatWouldWarn() throws IOException {
    write("proc/loadavg", "3.00 2.00 1.00 3/130 6433\n");
    Result r = new SystemCheck(root, true).inspect(QUIET);
    assertThat(r.strict()).isTrue();
    assertThat(finding(r, "load").severity()).isEqualTo(Severity.REFUSE);
    assertThat(finding(r, "cpu").severity()).isEqualTo(Severity.OK);
    assertThat(r.refused()).isTrue();
    assertThatThrownBy(r::requireAllowed)
        .isInstanceOf(RunException.class)
        .hasMessageStartingWith("the machine is not quiet enough to measure (strict):\n  - load:")
        .hasMessageContaining("Nothing was measured")
        .satisfies(e -> assertThat(((RunException) e).exitCode()).isEqualTo(3));

    write("proc/loadavg", "0.10 0.20 0.30 1/123 4567\n");
    Result quiet = new SystemCheck(root, true).inspect(QUIET);
    assertThat(quiet.refused()).isFalse();
    quiet.requireAllowed();
  }

  @Test
  void duringAMeasurementOnlyProblemsAreReported() {
    assertThat(SystemCheck.during(QUIET, false)).isEmpty();
    List<Finding> busy = SystemCheck.during(sample(70, 12), false);
    assertThat(busy).extracting(Finding::check).containsExactly("cpu", "steal");
    assertThat(busy).allMatch(f -> f.severity() == Severity.WARN);
    assertThat(busy.get(0).message())
        .startsWith(
            "other processes used 35% of the machine's CPU (0.70 of 2 CPUs) while this was"
                + " measured (1 s)");
    assertThat(busy.get(1).message()).startsWith("the hypervisor took 6% of the CPU time (steal)");
    assertThat(SystemCheck.during(sample(70, 0), true))
        .extracting(Finding::severity)
        .containsExactly(Severity.REFUSE);
    assertThat(SystemCheck.during(LoadMonitor.Interval.unavailable(Instant.now(), 1, "x"), true))
        .isEmpty();
  }

  @Test
  void withoutProcEverythingIsNotVisibleAndNothingFails(@TempDir Path empty) {
    Result r = new SystemCheck(empty, true).inspect(Duration.ofMillis(10));
    assertThat(r.worst()).isEqualTo(Severity.OK);
    assertThat(finding(r, "cpu").message()).contains("not available: no /proc/stat (not Linux)");
    assertThat(finding(r, "load").message()).contains("not visible");
    assertThat(r.toMap()).containsEntry("worst", "ok");
  }

  @Test
  void toMapIsPlainJson() throws Exception {
    write("proc/loadavg", "2.15 0.95 0.38 3/130 6433\n");
    Map<String, Object> m = check(sample(70, 0)).toMap();
    assertThat(m)
        .containsKeys(
            "checked",
            "strict",
            "worst",
            "cpus",
            "loadAverage",
            "sample",
            "stealSinceBoot",
            "cgroup",
            "cpuFrequency",
            "otherJmhForks",
            "findings");
    assertThat(m.get("worst")).isEqualTo("warn");
    String json = new ObjectMapper().writeValueAsString(m);
    assertThat(json)
        .contains("\"severity\":\"warn\"", "\"check\":\"load\"", "\"foreignCpuShare\":0.35");
  }

  // ---- the real machine ----

  @Test
  void onThisMachine() throws Exception {
    Assumptions.assumeTrue(new LoadMonitor().available(), "no /proc here");
    Result r = new SystemCheck(false).inspect(Duration.ofMillis(500));
    System.out.println("SystemCheck on this machine:");
    r.findings().forEach(f -> System.out.println("  " + f.line()));
    System.out.println("  " + new ObjectMapper().writeValueAsString(r.toMap()));
    assertThat(r.findings()).hasSize(8).noneMatch(f -> f.severity() == Severity.REFUSE);
    assertThat(r.cpus()).isPositive();
    assertThat(r.loadAverage()).hasSize(3);
    assertThat(r.sample().available()).isTrue();
    assertThat(r.sample().wallSeconds()).isGreaterThanOrEqualTo(0.45);
  }

  @Test
  void aJmhForkThatIsNotOursIsSeenAndOneThatIsOursIsNot() throws Exception {
    Assumptions.assumeTrue(new LoadMonitor().available(), "no /proc here");
    // Ours: a child whose command line names ForkedMain ("; true" keeps sh from exec'ing sleep).
    Process mine =
        new ProcessBuilder("sh", "-c", "sleep 20; true", SystemCheck.FORKED_MAIN).start();
    // Not ours: the same, started in the background by a shell that then exits, so it is
    // re-parented away from this JVM.
    Process launcher =
        new ProcessBuilder(
                "sh",
                "-c",
                "sh -c 'sleep 20; true' " + SystemCheck.FORKED_MAIN + " >/dev/null 2>&1 & echo $!")
            .start();
    long orphan =
        Long.parseLong(
            new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    try {
      assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();
      ProcessHandle o = ProcessHandle.of(orphan).orElseThrow();
      assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
          .doesNotContain(orphan)
          .contains(mine.pid());
      Result r = new SystemCheck(false).inspect(Duration.ZERO);
      assertThat(r.otherJmhForks()).contains(orphan).doesNotContain(mine.pid());
      assertThat(r.findings()).contains(SystemCheck.jmhFinding(r.otherJmhForks()));
      assertThat(SystemCheck.jmhFinding(r.otherJmhForks()).message()).contains(" " + orphan);
      o.descendants().forEach(ProcessHandle::destroy);
      o.destroy();
    } finally {
      ProcessHandle.of(orphan)
          .ifPresent(
              h -> {
                h.descendants().forEach(ProcessHandle::destroy);
                h.destroy();
              });
      mine.descendants().forEach(ProcessHandle::destroy);
      mine.destroy();
      mine.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
