package org.pitfallatlas.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class ThreadStacksTest {

  private interface Op {
    int run(ThreadStacks b) throws InterruptedException;
  }

  /** Runs one operation as JMH would (setup, timed part, teardown); returns what it left. */
  private static ThreadStacks operate(int threads, Op op) throws InterruptedException {
    ThreadStacks b = new ThreadStacks();
    b.threads = threads;
    b.setUp();
    int parked;
    List<Thread> started;
    try {
      parked = op.run(b);
      started = new ArrayList<>(b.started);
    } finally {
      b.measureAndJoin();
    }
    assertThat(parked).isEqualTo(threads);
    assertThat(started).hasSize(threads).noneMatch(Thread::isAlive);
    assertThat(b.started).isEmpty();
    return b;
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }

  @ParameterizedTest
  @ParamValues(of = ThreadStacks.class, field = "threads")
  void platformAndVirtualThreadsParkDescendAndReturnTheSameResults(int threads)
      throws InterruptedException {
    ThreadStacks platform = operate(threads, ThreadStacks::pitfallPlatformThreads);
    ThreadStacks virtual = operate(threads, ThreadStacks::fixVirtualThreads);
    assertThat(virtual.results).containsExactly(platform.results);
    // Every thread descended the full depth before parking: its result is the closed form.
    long expected = 0;
    for (int slot = 0; slot < threads; slot++) {
      for (int d = 0; d <= ThreadStacks.DEPTH; d++) {
        expected += slot * 31L + d;
      }
    }
    assertThat(sum(platform.results)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ParamValues(of = ThreadStacks.class, field = "threads")
  void everyOperationRecordsItsMemoryPerThread(int threads) throws InterruptedException {
    ThreadStacks virtual = operate(threads, ThreadStacks::fixVirtualThreads);
    ThreadMemory.PerThread m = virtual.last;
    assertThat(ThreadMemory.takeLast()).isSameAs(m);
    assertThat(ThreadMemory.takeLast()).isNull();
    // A parked virtual thread's frames are a stack chunk in the heap: hundreds of bytes at least
    // (its Thread, Continuation and a chunk of 17+ frames), whatever the collector's noise.
    assertThat(m.heap()).isGreaterThan(256);
    // Surefire's JVM runs without -XX:NativeMemoryTracking: no NMT figures, and none invented.
    assertThat(m.nmt()).isFalse();
    assertThat(ThreadMemoryProfiler.results(m))
        .extracting(r -> r.getLabel())
        .doesNotContain("thread.committed", "thread.reserved")
        .contains("thread.heap");
  }
}
