package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadMonitorTest {

  @TempDir Path root;

  /** A /proc/self/stat line with the given utime, stime, cutime, cstime. */
  static String selfStat(long utime, long stime, long cutime, long cstime) {
    return "4242 (java (main)) S 1 4242 4242 0 -1 4194560 100 0 0 0 "
        + utime
        + " "
        + stime
        + " "
        + cutime
        + " "
        + cstime
        + " 20 0 30 0 1234 5678 910 18446744073709551615\n";
  }

  static void writeProc(Path root, String cpuLine, String self) throws IOException {
    Files.createDirectories(root.resolve("proc/self"));
    Files.writeString(
        root.resolve("proc/stat"),
        cpuLine + "\ncpu0 1 2 3 4 5 6 7 8 0 0\ncpu1 1 2 3 4 5 6 7 8 0 0\nintr 12345\nctxt 999\n");
    Files.writeString(root.resolve("proc/self/stat"), self);
  }

  @Test
  void othersShareIsBusyTimeMinusOursOverAllTime() throws IOException {
    //        user nice system idle iowait irq softirq steal guest guest_nice
    writeProc(root, "cpu  1000 10 500 5000 50 5 5 20 100 0", selfStat(100, 20, 30, 0));
    LoadMonitor monitor = new LoadMonitor(root, false);
    assertThat(monitor.available()).isTrue();
    LoadMonitor.Mark start = monitor.mark();
    // +80 user (+40 of it guest, which the kernel counts in user too), +30 system, +5 irq,
    // +5 softirq = 120 busy; +60 idle, +10 iowait, +10 steal: 200 ticks passed in all.
    // Our tree: +30 utime, +10 stime, +10 cutime (a child we reaped) = 50.
    writeProc(root, "cpu  1080 10 530 5060 60 10 10 30 140 0", selfStat(130, 30, 40, 0));
    LoadMonitor.Interval i = monitor.since(start);

    assertThat(i.available()).isTrue();
    assertThat(i.cpus()).isEqualTo(2);
    assertThat(i.totalJiffies()).isEqualTo(200);
    assertThat(i.busyJiffies()).isEqualTo(120);
    assertThat(i.ownJiffies()).isEqualTo(50);
    assertThat(i.foreignJiffies()).isEqualTo(70);
    assertThat(i.foreignCpuShare()).isCloseTo(0.35, within(1e-12));
    assertThat(i.foreignCpus()).isCloseTo(0.70, within(1e-12));
    assertThat(i.stealShare()).isCloseTo(0.05, within(1e-12));
    assertThat(i.ownCpuShare()).isCloseTo(0.25, within(1e-12));
    assertThat(i.busyShare()).isCloseTo(0.60, within(1e-12));
    assertThat(i.wallSeconds()).isGreaterThanOrEqualTo(0);
    assertThat(i.toMap())
        .containsEntry("available", true)
        .containsEntry("foreignCpuShare", 0.35)
        .containsEntry("stealShare", 0.05)
        .containsEntry("foreignCpuSeconds", 0.7)
        .containsEntry("ownCpuSeconds", 0.5);
  }

  @Test
  void othersShareIsNeverNegative() throws IOException {
    writeProc(root, "cpu  100 0 100 1000 0 0 0 0 0 0", selfStat(0, 0, 0, 0));
    LoadMonitor monitor = new LoadMonitor(root, false);
    LoadMonitor.Mark start = monitor.mark();
    // Tick sampling can charge our tree a little more than the machine-wide count.
    writeProc(root, "cpu  110 0 100 1090 0 0 0 0 0 0", selfStat(12, 0, 0, 0));
    LoadMonitor.Interval i = monitor.since(start);
    assertThat(i.foreignJiffies()).isZero();
    assertThat(i.foreignCpuShare()).isZero();
    assertThat(i.ownCpuShare()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void noTimePassedIsNotAvailableRatherThanZero() throws IOException {
    writeProc(root, "cpu  100 0 100 1000 0 0 0 0 0 0", selfStat(0, 0, 0, 0));
    LoadMonitor monitor = new LoadMonitor(root, false);
    LoadMonitor.Interval i = monitor.since(monitor.mark());
    assertThat(i.available()).isFalse();
    assertThat(i.foreignCpuShare()).isNaN();
    assertThat(i.toMap()).containsEntry("available", false).containsKey("reason");
  }

  @Test
  void withoutProcItSaysNotAvailable() {
    LoadMonitor monitor = new LoadMonitor(root, true); // an empty folder: like macOS
    assertThat(monitor.available()).isFalse();
    LoadMonitor.Interval i = monitor.since(monitor.mark());
    assertThat(i.available()).isFalse();
    assertThat(i.foreignCpuShare()).isNaN();
    assertThat(i.stealShare()).isNaN();
    assertThat(i.unavailable()).isEqualTo("not available: no /proc/stat (not Linux)");
    assertThat(i.toMap())
        .containsEntry("available", false)
        .containsEntry("reason", "not available: no /proc/stat (not Linux)")
        .doesNotContainKey("foreignCpuShare");
  }

  @Test
  void processStatWithParenthesesInTheName() {
    assertThat(LoadMonitor.processJiffies(selfStat(7, 11, 13, 17))).isEqualTo(48);
    assertThat(LoadMonitor.processJiffies("9 (a) b) (c) R 1 2 3 4 5 6 7 8 9 10 1 2 3 4 5"))
        .isEqualTo(10);
  }

  // ---- the real /proc ----

  private static void assumeLinux() {
    Assumptions.assumeTrue(new LoadMonitor().available(), "no /proc/stat here");
  }

  @Test
  void aBusyThreadOfOursIsOursNotForeign() throws Exception {
    assumeLinux();
    LoadMonitor monitor = new LoadMonitor();
    LoadMonitor.Mark start = monitor.mark();
    AtomicLong threadCpuNanos = new AtomicLong();
    Thread spinner =
        new Thread(
            () -> {
              var bean = ManagementFactory.getThreadMXBean();
              long t0 = bean.getCurrentThreadCpuTime();
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
              long x = 0;
              while (bean.getCurrentThreadCpuTime() - t0 < 600_000_000L
                  && System.nanoTime() < deadline) {
                for (int k = 0; k < 100_000; k++) {
                  x += k * 31L ^ x;
                }
              }
              threadCpuNanos.set(bean.getCurrentThreadCpuTime() - t0 + (x == 42 ? 1 : 0));
            });
    spinner.start();
    spinner.join();
    LoadMonitor.Interval i = monitor.since(start);

    long threadTicks = threadCpuNanos.get() * LoadMonitor.CLOCK_TICKS_PER_SECOND / 1_000_000_000L;
    assertThat(threadTicks).as("the spinner got CPU").isGreaterThanOrEqualTo(30);
    // Our own count holds the spinner (and the JVM's other threads), so it is not "foreign".
    assertThat(i.ownJiffies()).isGreaterThanOrEqualTo(threadTicks * 8 / 10);
    assertThat(i.foreignJiffies()).isEqualTo(Math.max(0, i.busyJiffies() - i.ownJiffies()));
    assertThat(i.ownJiffies()).isLessThanOrEqualTo(i.busyJiffies() + 10);
  }

  @Test
  void aRunningChildIsOursNotForeign() throws Exception {
    assumeLinux();
    LoadMonitor monitor = new LoadMonitor();
    LoadMonitor selfOnly = new LoadMonitor(Path.of("/"), false); // ignores running children
    Process yes = new ProcessBuilder("yes").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      Thread.sleep(100);
      Duration c0 = yes.info().totalCpuDuration().orElseThrow();
      LoadMonitor.Mark start = monitor.mark();
      LoadMonitor.Mark naiveStart = selfOnly.mark();
      Thread.sleep(1500);
      LoadMonitor.Interval i = monitor.since(start);
      LoadMonitor.Interval naive = selfOnly.since(naiveStart);
      Duration c1 = yes.info().totalCpuDuration().orElseThrow();
      assertThat(yes.isAlive()).as("not waited for: not in our cutime").isTrue();

      long childTicks = c1.minus(c0).toMillis() * LoadMonitor.CLOCK_TICKS_PER_SECOND / 1000;
      assertThat(childTicks).as("yes got CPU").isGreaterThanOrEqualTo(20);
      // Counted as ours by the monitor, as someone else's by a monitor that ignores children.
      assertThat(i.ownJiffies() - naive.ownJiffies()).isGreaterThanOrEqualTo(childTicks * 7 / 10);
      assertThat(naive.foreignJiffies() - i.foreignJiffies())
          .isGreaterThanOrEqualTo(childTicks / 2);
      assertThat(i.foreignCpuShare()).isLessThan(naive.foreignCpuShare());
    } finally {
      yes.destroy();
      yes.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aChildWeWaitedForIsOursThroughCutime() throws Exception {
    assumeLinux();
    LoadMonitor selfOnly = new LoadMonitor(Path.of("/"), false); // only /proc/self/stat
    LoadMonitor.Mark start = selfOnly.mark();
    Process sh =
        new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done; times")
            .redirectErrorStream(true)
            .start();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor(60, TimeUnit.SECONDS)).isTrue(); // reaped: now in our cutime
    LoadMonitor.Interval i = selfOnly.since(start);

    // "times" prints the shell's own user and system time first: "0m0.780000s 0m0.004000s".
    Matcher m = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    double childSeconds =
        Integer.parseInt(m.group(1)) * 60
            + Double.parseDouble(m.group(2))
            + Integer.parseInt(m.group(3)) * 60
            + Double.parseDouble(m.group(4));
    long childTicks = Math.round(childSeconds * LoadMonitor.CLOCK_TICKS_PER_SECOND);
    assertThat(childTicks).as("the shell loop got CPU").isGreaterThanOrEqualTo(20);
    assertThat(i.ownJiffies()).isGreaterThanOrEqualTo(childTicks * 8 / 10);
  }

  @Test
  void clockTickIsWhatGetconfSays() throws Exception {
    assumeLinux();
    Process p;
    try {
      p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("no getconf: " + e.getMessage());
      return;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(10, TimeUnit.SECONDS);
    assertThat(Integer.parseInt(out)).isEqualTo(LoadMonitor.CLOCK_TICKS_PER_SECOND);
  }
}
