package org.pitfallatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.function.LongUnaryOperator;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The open loop's accounting, on a fake clock: service times are exact, so every latency is known
 * in closed form.
 */
class OpenLoopTest {

  /** A clock that moves only when a request takes time or the loop waits. */
  static final class FakeClock implements OpenLoop.Clock {
    long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void waitUntil(long deadline) {
      now = Math.max(now, deadline);
    }
  }

  private static final long MS = 1_000_000;

  /** Runs 1000 requests/s for 1 s; request {@code i} takes {@code serviceNanos(i)}. */
  private static OpenLoop.Result run(
      FakeClock clock, LongUnaryOperator serviceNanos, Histogram h, Duration grace) {
    long[] i = {0};
    return OpenLoop.of(1000, Duration.ofSeconds(1))
        .withClock(clock)
        .withGrace(grace)
        .run(
            () -> {
              clock.now += serviceNanos.applyAsLong(i[0]);
              return i[0]++;
            },
            h);
  }

  @Test
  void aServiceThatKeepsUpShowsItsServiceTime() {
    FakeClock clock = new FakeClock();
    Histogram h = new Histogram(3);
    OpenLoop.Result r = run(clock, i -> MS / 10, h, Duration.ofMillis(500));
    assertThat(r.scheduled()).isEqualTo(1000);
    assertThat(r.served()).isEqualTo(1000);
    assertThat(r.saturated()).isFalse();
    assertThat(r.maxQueuedNanos()).isZero();
    assertThat(r.checksum()).isEqualTo(999L * 1000 / 2);
    assertThat(h.getTotalCount()).isEqualTo(1000);
    assertThat((double) h.getMaxValue()).isCloseTo(MS / 10.0, within(MS / 10.0 * 0.001));
    // Arrivals are 1 ms apart whatever the service does: the last is due at 999 ms.
    assertThat(r.elapsedNanos()).isEqualTo(999 * MS + MS / 10);
  }

  @Test
  void aPauseDelaysEveryRequestThatArrivesDuringIt() {
    // Request 100 takes 50 ms (a GC pause); the others 0.1 ms. Requests 101.. were due during the
    // pause and wait: request 100+j returns at 150 + 0.1 j ms and was due at 100 + j ms, so its
    // latency is 50 - 0.9 j ms, until the queue drains (j = 55). A closed loop would have recorded
    // one slow request; here 55 are above 1 ms and the p99 (HdrHistogram: the 990th smallest of
    // 1000 values, the 11th largest) is the latency of j = 10: 41 ms.
    FakeClock clock = new FakeClock();
    Histogram h = new Histogram(3);
    OpenLoop.Result r = run(clock, i -> i == 100 ? 50 * MS : MS / 10, h, Duration.ofMillis(500));
    assertThat(r.saturated()).isFalse();
    assertThat(r.served()).isEqualTo(1000);
    assertThat(r.maxQueuedNanos()).isEqualTo(49 * MS);
    assertThat((double) h.getMaxValue()).isCloseTo(50 * MS, within(50 * MS * 0.001));
    assertThat((double) h.getValueAtPercentile(99)).isCloseTo(41.0 * MS, within(41.0 * MS * 0.001));
    long above1ms = h.getTotalCount() - h.getCountBetweenValues(0, MS);
    assertThat(above1ms).isEqualTo(55);
  }

  @Test
  void aServiceSlowerThanTheRateIsSaturatedNotSlow() {
    // 2 ms per request at 1 request/ms: the queue grows without bound. After the 1 s window and
    // the 0.5 s grace, 750 of the 1000 requests due were served; the rest are the backlog.
    FakeClock clock = new FakeClock();
    Histogram h = new Histogram(3);
    OpenLoop.Result r = run(clock, i -> 2 * MS, h, Duration.ofMillis(500));
    assertThat(r.saturated()).isTrue();
    assertThat(r.served()).isEqualTo(750);
    assertThat(r.backlog()).isEqualTo(250);
    assertThat(h.getTotalCount()).isEqualTo(750);
  }

  @Test
  void aShortBacklogAtTheEndIsServedInTheGracePeriod() {
    // A 50 ms pause 10 ms before the window closes: the requests due in those 10 ms are served
    // after the window, within the grace period, and counted with their full latency.
    FakeClock clock = new FakeClock();
    Histogram h = new Histogram(3);
    OpenLoop.Result r = run(clock, i -> i == 990 ? 50 * MS : MS / 10, h, Duration.ofMillis(500));
    assertThat(r.saturated()).isFalse();
    assertThat(r.served()).isEqualTo(1000);
    assertThat((double) h.getMaxValue()).isCloseTo(50 * MS, within(50 * MS * 0.001));

    // Without a grace period the same pause leaves them unserved: saturated.
    FakeClock strict = new FakeClock();
    OpenLoop.Result s =
        run(strict, i -> i == 990 ? 50 * MS : MS / 10, new Histogram(3), Duration.ZERO);
    assertThat(s.saturated()).isTrue();
    assertThat(s.served()).isEqualTo(991);
  }

  @Test
  void theSystemClockWaitsUntilTheDeadline() {
    long deadline = System.nanoTime() + 3 * MS;
    OpenLoop.SYSTEM.waitUntil(deadline);
    assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    assertThatThrownBy(() -> OpenLoop.of(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive number of requests per second");
    assertThatThrownBy(() -> OpenLoop.of(Double.NaN, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenLoop.of(100, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window must be positive");
    assertThatThrownBy(() -> OpenLoop.of(10, Duration.ofMillis(50)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no request");
    assertThatThrownBy(
            () -> OpenLoop.of(10, Duration.ofSeconds(1)).withGrace(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grace");
  }
}
