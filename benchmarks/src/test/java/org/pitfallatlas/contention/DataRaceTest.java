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
   * round; the test stops at the first lost update and gives up after a bounded number of rounds.
   */
  @Test
  void theRacyIncrementLosesUpdatesWhenTwoThreadsRunAtOnce() {
    assumeTrue(
        Runtime.getRuntime().availableProcessors() >= 2,
        "on one CPU the race shows only when a thread is preempted between load and store");
    DataRace b = bench(2, 100_000);
    try {
      long expected = 2L * b.increments;
      long lowest = expected;
      for (int round = 0; round < 200 && lowest == expected; round++) {
        lowest = Math.min(lowest, b.pitfallVolatileIncrement());
      }
      assertThat(lowest).as("the racy count after up to 200 rounds").isLessThan(expected);
    } finally {
      b.tearDown();
    }
  }
}
