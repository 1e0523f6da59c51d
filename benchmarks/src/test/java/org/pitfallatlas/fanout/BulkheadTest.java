package org.pitfallatlas.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pitfallatlas.suite.ParamValues;

class BulkheadTest {

  private static Bulkhead bench(int stallFactor) {
    Bulkhead b = new Bulkhead();
    b.stallFactor = stallFactor;
    b.setUp();
    return b;
  }

  @ParameterizedTest
  @ParamValues(of = Bulkhead.class, field = "stallFactor")
  void sharedPoolAndBulkheadsAnswerTheSameWhileTheStalledTrafficRuns(int stallFactor)
      throws Exception {
    Bulkhead shared = bench(stallFactor);
    Bulkhead bulkheads = bench(stallFactor);
    try {
      shared.startStalledTraffic(true);
      bulkheads.startStalledTraffic(false);
      SplittableRandom mirror = new SplittableRandom(42);
      for (int i = 0; i < 12; i++) {
        long expected = shared.healthy.latencyNanos(mirror);
        assertThat(shared.pitfallSharedPool()).isEqualTo(expected);
        assertThat(bulkheads.fixPoolPerDownstream()).isEqualTo(expected);
      }
    } finally {
      shared.stopStalledTraffic();
      bulkheads.stopStalledTraffic();
      shared.tearDown();
      bulkheads.tearDown();
    }
    assertThat(shared.stalledCalls).isPositive();
    assertThat(bulkheads.stalledCalls).isPositive();
    assertThat(shared.stalledTraffic.isAlive()).isFalse();
    assertThat(bulkheads.stalledTraffic.isAlive()).isFalse();
    assertThat(shared.shared.isTerminated()).isTrue();
    for (ExecutorService pool : bulkheads.perDownstream) {
      assertThat(pool.isTerminated()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theStalledTrafficNeverExceedsItsInFlightBound(boolean sharedPool) throws Exception {
    Bulkhead b = bench(20);
    try {
      b.startStalledTraffic(sharedPool);
      // Wait for the traffic to have made as many calls as it may have in flight (not a fixed
      // sleep: on a loaded machine 100 ms saw only 7), checking the bound all along.
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (b.stalledCalls < Bulkhead.STALLED_IN_FLIGHT && System.nanoTime() < deadline) {
        assertThat(b.inFlight.availablePermits()).isBetween(0, Bulkhead.STALLED_IN_FLIGHT);
        Thread.sleep(5);
      }
      assertThat(b.inFlight.availablePermits()).isBetween(0, Bulkhead.STALLED_IN_FLIGHT);
      assertThat(b.stalledCalls).isGreaterThanOrEqualTo(Bulkhead.STALLED_IN_FLIGHT);
    } finally {
      b.stopStalledTraffic();
      b.tearDown();
    }
    // Drained: every permit is back with the teardown, none in flight.
    assertThat(b.inFlight.availablePermits()).isZero();
  }
}
