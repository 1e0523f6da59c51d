package org.pitfallatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous open loop's accounting, on a fake clock and with dispatchers that run requests
 * when the test says: dispatch times, latencies from the due time, rejections, requests left
 * unfinished, and the in-flight counts.
 */
class AsyncOpenLoopTest {

  private static final long MS = 1_000_000;

  /** 1000 requests/s for 1 s (due every 1 ms), 50 ms of grace, on {@code clock}. */
  private static AsyncOpenLoop load(OpenLoopTest.FakeClock clock) {
    return AsyncOpenLoop.of(1000, Duration.ofSeconds(1), Duration.ofMillis(50)).withClock(clock);
  }

  /** Runs {@link #load} with requests that answer 1 and take no time of their own. */
  private static AsyncOpenLoop.Result ones(
      OpenLoopTest.FakeClock clock, AsyncOpenLoop.Dispatcher dispatcher, Histogram h) {
    return load(clock).run(i -> 1, dispatcher, h);
  }

  @Test
  void dispatchesEachRequestWhenItIsDueAndTimesItFromThen() {
    OpenLoopTest.FakeClock clock = new OpenLoopTest.FakeClock();
    long start = clock.now;
    List<Long> dispatchedAt = new ArrayList<>();
    Histogram h = new Histogram(3);
    // Each request takes 0.1 ms of (fake) time and runs at once on the generator's thread.
    AsyncOpenLoop.Result r =
        load(clock)
            .run(
                i -> {
                  clock.now += MS / 10;
                  return i;
                },
                request -> {
                  dispatchedAt.add(clock.now - start);
                  request.run();
                  return true;
                },
                h);
    assertThat(dispatchedAt).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(dispatchedAt.get(i)).isEqualTo(i * MS);
    }
    assertThat(r.served()).isEqualTo(1000);
    assertThat(r.rejected()).isZero();
    assertThat(r.unfinished()).isZero();
    assertThat(r.saturated()).isFalse();
    assertThat(r.checksum()).isEqualTo(999L * 1000 / 2);
    assertThat(h.getTotalCount()).isEqualTo(1000);
    assertThat((double) h.getMaxValue()).isCloseTo(MS / 10.0, within(MS / 10.0 * 0.001));
    // Each returned before its dispatch did: none was ever seen in flight.
    assertThat(r.peakInFlight()).isZero();
    assertThat(r.meanInFlight()).isZero();
  }

  @Test
  void timeSpentQueuedInTheDispatcherCountsInTheLatency() {
    // The dispatcher holds requests and runs them ten at a time, when the tenth arrives: request
    // 10k + j waited 9 - j ms. The latency is measured from the due time, so it shows.
    OpenLoopTest.FakeClock clock = new OpenLoopTest.FakeClock();
    List<Runnable> held = new ArrayList<>();
    Histogram h = new Histogram(3);
    AsyncOpenLoop.Result r =
        ones(
            clock,
            request -> {
              held.add(request);
              if (held.size() == 10) {
                held.forEach(Runnable::run);
                held.clear();
              }
              return true;
            },
            h);
    assertThat(r.served()).isEqualTo(1000);
    assertThat(r.saturated()).isFalse();
    assertThat(h.getMinValue()).isZero();
    assertThat((double) h.getMaxValue()).isCloseTo(9.0 * MS, within(9.0 * MS * 0.001));
    assertThat(r.meanLatencyNanos()).isCloseTo(4.5 * MS, within(4.5 * MS * 0.001));
    // Arrival 10k + j finds j held: a mean of 4.5; the peak, 9 held after a dispatch (the tenth
    // dispatch runs them all).
    assertThat(r.peakInFlight()).isEqualTo(9);
    assertThat(r.meanInFlight()).isCloseTo(4.5, within(1e-9));
    // Little's law: 1000 served in 1 s x 4.5 ms = 4.5 in flight, what the arrivals saw.
    assertThat(r.littlesLaw()).isCloseTo(r.meanInFlight(), within(0.01));
  }

  @Test
  void rejectedRequestsAreCountedNotTimedAndDoNotSaturate() {
    OpenLoopTest.FakeClock clock = new OpenLoopTest.FakeClock();
    Histogram h = new Histogram(3);
    long[] index = {0};
    AsyncOpenLoop.Result r =
        load(clock)
            .run(
                i -> i,
                request -> {
                  if (index[0]++ % 2 == 1) {
                    return false;
                  }
                  request.run();
                  return true;
                },
                h);
    assertThat(r.rejected()).isEqualTo(500);
    assertThat(r.served()).isEqualTo(500);
    assertThat(r.rejectedShare()).isEqualTo(0.5);
    assertThat(r.unfinished()).isZero();
    assertThat(r.saturated()).isFalse();
    assertThat(h.getTotalCount()).isEqualTo(500);
    // The even requests: 0 + 2 + ... + 998.
    assertThat(r.checksum()).isEqualTo(2L * (499L * 500 / 2));
  }

  @Test
  void requestsKeptApartRecordTheirLatenciesApartAndCountAsServed() {
    OpenLoopTest.FakeClock clock = new OpenLoopTest.FakeClock();
    Histogram others = new Histogram(3);
    Histogram apart = new Histogram(3);
    // Every tenth request takes 5 ms, the others 0.1 ms; each runs at once.
    AsyncOpenLoop.Result r =
        load(clock)
            .run(
                i -> {
                  clock.now += i % 10 == 0 ? 5 * MS : MS / 10;
                  return 1;
                },
                request -> {
                  request.run();
                  return true;
                },
                others,
                i -> i % 10 == 0,
                apart);
    assertThat(r.served()).isEqualTo(1000);
    assertThat(apart.getTotalCount()).isEqualTo(100);
    assertThat(others.getTotalCount()).isEqualTo(900);
    assertThat(apart.getMinValue()).isGreaterThanOrEqualTo(apart.lowestEquivalentValue(5 * MS));
    assertThat(r.checksum()).isEqualTo(1000);
    // The mean is over both kinds.
    assertThat(r.meanLatencyNanos()).isGreaterThan(others.getMean());
  }

  @Test
  void requestsStillInFlightAfterTheGracePeriodAreUnfinishedAndReturnIntoNothing() {
    // From request 900 on the dispatcher accepts but never runs: a service that fell behind.
    OpenLoopTest.FakeClock clock = new OpenLoopTest.FakeClock();
    long start = clock.now;
    ArrayDeque<Runnable> stuck = new ArrayDeque<>();
    Histogram h = new Histogram(3);
    long[] index = {0};
    AsyncOpenLoop.Result r =
        ones(
            clock,
            request -> {
              if (index[0]++ >= 900) {
                stuck.add(request);
              } else {
                request.run();
              }
              return true;
            },
            h);
    assertThat(r.served()).isEqualTo(900);
    assertThat(r.unfinished()).isEqualTo(100);
    assertThat(r.saturated()).isTrue();
    assertThat(r.peakInFlight()).isEqualTo(100);
    // The run waited for them until the end of the grace period: 1 s of window + 50 ms.
    assertThat(clock.now - start).isEqualTo(1050 * MS);
    assertThat(r.elapsedNanos()).isEqualTo(1050 * MS);
    // They return later: the result and the caller's histogram do not change.
    stuck.forEach(Runnable::run);
    assertThat(h.getTotalCount()).isEqualTo(900);
    assertThat(r.checksum()).isEqualTo(900);
  }

  @Test
  void aSlowDispatcherLeavesRequestsWaitingInFrontOfItAndTheyCountInFlight() {
    // Dispatching takes 2 ms (a slow thread start) and arrivals are 1 ms apart: request i is due
    // at i ms, dispatched at 2i ms and returns at 2i + 2 ms. At its dispatch the generator is i
    // requests behind; it gives up at the end of the grace period, 1050 ms, after 525 dispatches.
    OpenLoopTest.FakeClock clock = new OpenLoopTest.FakeClock();
    Histogram h = new Histogram(3);
    AsyncOpenLoop.Result r =
        ones(
            clock,
            request -> {
              clock.now += 2 * MS;
              request.run();
              return true;
            },
            h);
    assertThat(r.served()).isEqualTo(525);
    assertThat(r.unfinished()).isEqualTo(475);
    assertThat(r.saturated()).isTrue();
    assertThat(r.maxLateNanos()).isEqualTo(524 * MS);
    assertThat((double) h.getMaxValue()).isCloseTo(526.0 * MS, within(526.0 * MS * 0.001));
    // Dispatch i found i requests waiting in front of the generator until the arrivals ended (the
    // 1000th was due at 999 ms); from i = 500 on, only the 999 - i still to dispatch.
    double waiting = 0;
    for (int i = 0; i < 525; i++) {
      waiting += i < 500 ? i : 999 - i;
    }
    assertThat(r.meanInFlight()).isCloseTo(waiting / 525, within(1e-9));
    // Nothing was ever in flight after a dispatch: the requests returned during it.
    assertThat(r.peakInFlight()).isZero();
  }

  @Test
  void servesRequestsOnOtherThreadsAndWaitsForThem() throws InterruptedException {
    // Real time, tiny rate: 100 requests/s for 100 ms, each on its own thread for 2 ms.
    List<Thread> threads = new ArrayList<>();
    Histogram h = new Histogram(3);
    AsyncOpenLoop.Result r =
        AsyncOpenLoop.of(100, Duration.ofMillis(100), Duration.ofSeconds(5))
            .run(
                i -> {
                  try {
                    Thread.sleep(2);
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  return i + 1;
                },
                request -> {
                  threads.add(Thread.ofPlatform().start(request));
                  return true;
                },
                h);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(r.scheduled()).isEqualTo(10);
    assertThat(r.served()).isEqualTo(10);
    assertThat(r.checksum()).isEqualTo(55);
    assertThat(h.getMinValue()).isGreaterThanOrEqualTo(2 * MS);
    assertThat(threads).hasSize(10).allMatch(t -> t != Thread.currentThread());
  }

  @Test
  void rejectsANegativeGracePeriod() {
    assertThatThrownBy(() -> AsyncOpenLoop.of(10, Duration.ofSeconds(1), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grace");
  }
}
