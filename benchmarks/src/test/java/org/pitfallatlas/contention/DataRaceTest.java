package org.pitfallatlas.contention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pitfallatlas.suite.ParamValues;

class DataRaceTest {

  /** Every (threads, increments) point the benchmark declares, read from its @Param. */
  static Stream<Arguments> points() {
    String[] threads = ParamValues.Provider.values(DataRace.class, "threads");
    String[] increments = ParamValues.Provider.values(DataRace.class, "increments");
    return Arrays.stream(threads)
        .flatMap(
            t ->
                Arrays.stream(increments)
                    .map(n -> Arguments.of(Integer.parseInt(t), Integer.parseInt(n))));
  }

  private static DataRace bench(int threads, int increments) {
    DataRace b = new DataRace();
    b.threads = threads;
    b.increments = increments;
    b.setup();
    return b;
  }

  @ParameterizedTest
  @MethodSource("points")
  void theFixesCountEveryIncrementAndTheRaceNeverCountsMore(int threads, int increments) {
    DataRace b = bench(threads, increments);
    Thread[] workers = b.gang.threads();
    try {
      long expected = (long) threads * increments;
      for (int r = 0; r < 5; r++) {
        assertThat(b.fixAtomicLong()).isEqualTo(expected);
        assertThat(b.fixLongAdder()).isEqualTo(expected);
        long racy = b.pitfallVolatileIncrement();
        assertThat(racy).isPositive().isLessThanOrEqualTo(expected);
        if (threads == 1) {
          assertThat(racy).as("one thread cannot race").isEqualTo(expected);
        }
      }
    } finally {
      b.tearDown();
    }
    for (Thread t : workers) {
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
  }

  /**
   * The point of the pair: the racy ++ loses updates. Two threads on two cores race on almost every
   * round when the machine is idle; on a busy machine the two workers may rarely run at the same
   * moment, so the test keeps trying (a million increments per worker per round) until the first
   * lost update, for at most 30 seconds.
   */
  @Test
  void theRacyIncrementLosesUpdatesWhenTwoThreadsRunAtOnce() {
    assumeTrue(
        Runtime.getRuntime().availableProcessors() >= 2,
        "on one CPU the race shows only when a thread is preempted between load and store");
    DataRace b = bench(2, 1_000_000);
    try {
      long expected = 2L * b.increments;
      long lowest = expected;
      int rounds = 0;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (lowest == expected && System.nanoTime() < deadline) {
        lowest = Math.min(lowest, b.pitfallVolatileIncrement());
        rounds++;
      }
      assertThat(lowest)
          .as("the lowest racy count of %d rounds (30 s at most)", rounds)
          .isLessThan(expected);
    } finally {
      b.tearDown();
    }
  }
}
