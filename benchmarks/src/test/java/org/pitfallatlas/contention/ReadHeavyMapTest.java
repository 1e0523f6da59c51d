package org.pitfallatlas.contention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pitfallatlas.suite.ParamValues;

class ReadHeavyMapTest {

  /** Every (threads, writePercent) point the benchmark declares, read from its @Param. */
  static Stream<Arguments> points() {
    String[] threads = ParamValues.Provider.values(ReadHeavyMap.class, "threads");
    String[] writes = ParamValues.Provider.values(ReadHeavyMap.class, "writePercent");
    return Arrays.stream(threads)
        .flatMap(
            t ->
                Arrays.stream(writes)
                    .map(w -> Arguments.of(Integer.parseInt(t), Integer.parseInt(w))));
  }

  private static ReadHeavyMap bench(int threads, int writePercent) {
    ReadHeavyMap b = new ReadHeavyMap();
    b.threads = threads;
    b.writePercent = writePercent;
    b.setup();
    return b;
  }

  @ParameterizedTest
  @MethodSource("points")
  void everyVariantReturnsTheSameSumAndLeavesTheMapAsItWas(int threads, int writePercent) {
    ReadHeavyMap b = bench(threads, writePercent);
    try {
      Map<Integer, Long> initial = new HashMap<>(b.concurrentMap);
      assertThat(initial).hasSize(ReadHeavyMap.KEYS);
      long expected = b.expectedSum();
      for (int r = 0; r < 3; r++) {
        assertThat(b.pitfallSynchronizedMap()).isEqualTo(expected);
        assertThat(b.fixReadWriteLock()).isEqualTo(expected);
        assertThat(b.fixConcurrentHashMap()).isEqualTo(expected);
      }
      synchronized (b.synchronizedMap) {
        assertThat(new HashMap<>(b.synchronizedMap)).isEqualTo(initial);
      }
      assertThat(b.readWriteLockMap.snapshot()).isEqualTo(initial);
      assertThat(new HashMap<>(b.concurrentMap)).isEqualTo(initial);
      // the baseline runs the same rounds with an empty batch: each worker returns its index
      assertThat(b.baselineCoordination()).isEqualTo((long) threads * (threads - 1) / 2);
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest
  @MethodSource("points")
  void theSchedulesWriteTheDeclaredShareOfOperations(int threads, int writePercent) {
    ReadHeavyMap b = bench(threads, writePercent);
    try {
      assertThat(b.schedules).hasNumberOfRows(threads);
      long writes =
          Arrays.stream(b.schedules).flatMapToInt(Arrays::stream).filter(op -> op < 0).count();
      double share = 100.0 * writes / ((long) threads * ReadHeavyMap.OPS_PER_WORKER);
      assertThat(share).isCloseTo(writePercent, org.assertj.core.data.Offset.offset(0.5));
      // the workers do not all run the same schedule
      if (threads > 1) {
        assertThat(b.schedules[0]).isNotEqualTo(b.schedules[1]);
      }
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest
  @MethodSource("points")
  void tearDownLeavesNoWorkerThreads(int threads, int writePercent) {
    ReadHeavyMap b = bench(threads, writePercent);
    Thread[] workers = b.gang.threads();
    assertThat(workers).hasSize(threads);
    b.fixConcurrentHashMap();
    b.tearDown();
    for (Thread t : workers) {
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
  }
}
