package org.pitfallatlas.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

/**
 * Without a timeout every call gets its answer, the stalled ones after the stall; with one the
 * healthy calls get the same answers and the stalled ones fail at the deadline, giving their worker
 * back. Real servers, real time, short windows.
 */
class TimeoutsTest {

  private static final Duration WINDOW = Duration.ofMillis(500);

  /** One window of {@code variant}; returns the benchmark (torn down) with its last result. */
  private static Timeouts window(String variant, double stallShare) throws InterruptedException {
    ToLongFunction<Timeouts> run =
        Map.<String, ToLongFunction<Timeouts>>of(
                "pitfallNoTimeout", Timeouts::pitfallNoTimeout,
                "fixRequestTimeout", Timeouts::fixRequestTimeout)
            .get(variant);
    Timeouts b = new Timeouts();
    b.stallShare = stallShare;
    b.setUp(Timeouts.class.getName() + "." + variant, Map.of(), WINDOW);
    try {
      b.startIteration();
      long checksum = run.applyAsLong(b);
      assertThat(checksum).isEqualTo(b.last.checksum());
      assertThat(b.iterationLine()).contains("stalledPeak=").contains("healthyTimeouts=");
      b.endIteration(false);
    } finally {
      b.tearDown();
    }
    assertThat(b.outstanding.get()).isZero();
    assertThat(b.workers.isTerminated()).isTrue();
    return b;
  }

  private static int stalledCalls(Timeouts b) {
    int n = 0;
    for (boolean s : b.stalledCall) {
      n += s ? 1 : 0;
    }
    return n;
  }

  @ParameterizedTest
  @ParamValues(of = Timeouts.class, field = "stallShare")
  void healthyCallsGetTheSameAnswersAndStalledOnesFailAtTheDeadline(String stallShare)
      throws InterruptedException {
    double share = Double.parseDouble(stallShare);
    Timeouts pitfall = window("pitfallNoTimeout", share);
    Timeouts fix = window("fixRequestTimeout", share);
    int scheduled = pitfall.stalledCall.length;
    int stalled = stalledCalls(pitfall);
    assertThat(stalledCalls(fix)).isEqualTo(stalled);
    if (share > 0) {
      assertThat(stalled).isPositive();
    }
    // Without a timeout every call is answered 200, the stalled ones after the stall.
    assertThat(pitfall.last.served()).isEqualTo(scheduled);
    assertThat(pitfall.last.checksum()).isEqualTo(scheduled);
    assertThat(pitfall.timeouts.sum()).isZero();
    assertThat(pitfall.stalledLatencies.getTotalCount()).isEqualTo(stalled);
    if (stalled > 0) {
      assertThat(pitfall.stalledLatencies.getMinValue())
          .isGreaterThanOrEqualTo(Timeouts.STALL.toNanos() * 99 / 100);
      assertThat(pitfall.stalledPeak.get()).isPositive();
    }
    // With one, the stalled calls time out; a healthy call timing out (a loaded machine) is rare.
    long healthyTimeouts = fix.healthyTimeouts.sum();
    assertThat(healthyTimeouts).isLessThanOrEqualTo(Math.max(1, scheduled / 50));
    assertThat(fix.timeouts.sum()).isEqualTo(stalled + healthyTimeouts);
    assertThat(fix.last.checksum()).isEqualTo(scheduled - stalled - healthyTimeouts);
    if (stalled > 0) {
      assertThat(fix.stalledLatencies.getMaxValue())
          .isLessThan(Timeouts.STALL.toNanos() / 2)
          .isGreaterThanOrEqualTo(Timeouts.TIMEOUT.toNanos());
    }
    // The healthy calls reached the healthy server in both.
    assertThat(pitfall.latencies.getTotalCount()).isEqualTo(scheduled - stalled);
    assertThat(fix.latencies.getTotalCount()).isEqualTo(scheduled - stalled);
    assertThat(pitfall.healthy.requests()).isEqualTo(scheduled - stalled);
    assertThat(pitfall.stalled.requests()).isEqualTo(stalled);
  }
}
