package org.pitfallatlas.fanin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pitfallatlas.fanin.FanInResults.ExecutorKind;
import org.pitfallatlas.suite.ParamValues;

class FanInResultsTest {

  /** Every (workMicros, executor) point the benchmark declares, read from its @Param. */
  static Stream<Arguments> points() {
    String[] work = ParamValues.Provider.values(FanInResults.class, "workMicros");
    String[] kinds = ParamValues.Provider.values(FanInResults.class, "executor");
    return Arrays.stream(work)
        .flatMap(
            w ->
                Arrays.stream(kinds)
                    .map(k -> Arguments.of(Integer.parseInt(w), ExecutorKind.valueOf(k))));
  }

  private static FanInResults bench(int workMicros, ExecutorKind kind) {
    FanInResults b = new FanInResults();
    b.workMicros = workMicros;
    b.tasks = 1000;
    b.executor = kind;
    b.setup();
    return b;
  }

  @ParameterizedTest
  @MethodSource("points")
  void everyVariantComputesTheSameAggregate(int workMicros, ExecutorKind kind) throws Exception {
    FanInResults b = bench(workMicros, kind);
    try {
      long serial = b.baselineSerial();
      int repetitions = Math.max(2, 20 / workMicros);
      for (int r = 0; r < repetitions; r++) {
        assertThat(b.pitfallResultQueue()).isEqualTo(serial);
        assertThat(b.pitfallResultArrayQueue()).isEqualTo(serial);
        assertThat(b.pitfallResultChannel()).isEqualTo(serial);
        assertThat(b.fixIndexedArray()).isEqualTo(serial);
      }
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest
  @MethodSource("points")
  void indexedArrayFillsEverySlotWithItsOwnTasksResult(int workMicros, ExecutorKind kind)
      throws Exception {
    FanInResults b = bench(workMicros, kind);
    try {
      long[] expected = new long[b.tasks];
      for (int i = 0; i < b.tasks; i++) {
        expected[i] = FanInResults.work(b.seeds[i], b.iterations);
      }
      // No two tasks share a result: a value in the wrong slot would not go unnoticed.
      assertThat(Arrays.stream(expected).distinct().count()).isEqualTo(b.tasks);
      int repetitions = Math.max(3, 200 / workMicros);
      for (int r = 0; r < repetitions; r++) {
        long[] results = b.collectIndexed();
        for (int i = 0; i < b.tasks; i++) {
          if (results[i] != expected[i]) {
            // assert per slot only on failure: 200 x 1000 AssertJ calls would dominate the test
            assertThat(results[i]).as("slot %d, repetition %d", i, r).isEqualTo(expected[i]);
          }
        }
      }
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest
  @MethodSource("points")
  void tearDownLeavesNoWorkerThreads(int workMicros, ExecutorKind kind) throws Exception {
    FanInResults b = bench(workMicros, kind);
    b.fixIndexedArray();
    b.tearDown();
    assertThat(b.pool.isTerminated()).isTrue();
  }

  /**
   * The work's result depends on its seed and on every step, so the JIT cannot drop steps without
   * changing the answer. That it is not folded away in compiled code is not something a unit test
   * can show (this runs interpreted); the evidence is the measured sweep: time per task grows with
   * workMicros in the fanin reference run (notebooks/fanin.ipynb).
   */
  @Test
  void workDependsOnItsSeedAndOnEveryStep() {
    long seed = 0x9E3779B97F4A7C15L;
    assertThat(FanInResults.work(seed, 550)).isNotEqualTo(FanInResults.work(seed, 551));
    assertThat(FanInResults.work(seed + 1, 550)).isNotEqualTo(FanInResults.work(seed, 550));
    assertThat(FanInResults.work(seed, 0)).isEqualTo(seed);
  }
}
