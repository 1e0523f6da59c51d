package org.pitfallatlas.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

/**
 * Both get the same answers; with the JDK client's idle pool limited to 2 (a JVM of its own, as the
 * benchmark's forks), every burst of 16 opens ~14 new connections (Go's churn), without the limit
 * only the first burst does. The property is read once per JVM, hence the child JVMs.
 */
class IdlePoolTest {

  private static final int BURSTS = 6;
  private static final Pattern OUT = Pattern.compile("connections=(\\d+) bytes=(\\d+)");

  /** Runs IdlePool.main in a new JVM; returns {connections, bytes}. */
  private static long[] child(int callers, boolean limited)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (limited) {
      cmd.add("-D" + IdlePool.POOL_SIZE_PROPERTY + "=2");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(IdlePool.class.getName());
    cmd.add(Integer.toString(callers));
    cmd.add(Integer.toString(BURSTS));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Matcher m = OUT.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  @ParameterizedTest
  @ParamValues(of = IdlePool.class, field = "callers")
  void anIdleLimitOfTwoReopensTheExcessOnEveryBurst(String callersValue) throws Exception {
    int callers = Integer.parseInt(callersValue);
    long[] limited = child(callers, true);
    long[] unlimited = child(callers, false);
    long expectedBytes = 64L * callers * BURSTS;
    assertThat(limited[1]).isEqualTo(expectedBytes);
    assertThat(unlimited[1]).isEqualTo(expectedBytes);
    // Without a limit, connections are opened once (at most one per caller) and reused.
    assertThat(unlimited[0]).isBetween(1L, (long) callers);
    if (callers > 2) {
      // With the limit, each burst after the first reopens what the pool closed: well over the
      // unlimited pool's count (~(callers - 2) per burst; a burst's calls overlap only partly).
      assertThat(limited[0]).isGreaterThan(unlimited[0] + (BURSTS - 1L) * (callers - 2) / 2);
    } else {
      assertThat(limited[0]).isBetween(1L, 2L);
    }
  }
}
