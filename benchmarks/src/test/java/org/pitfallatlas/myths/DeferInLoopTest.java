package org.pitfallatlas.myths;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class DeferInLoopTest {

  @ParameterizedTest
  @ParamValues(of = DeferInLoop.class, field = "size")
  void everyVariantComputesTheSameSumAndReleasesEveryLock(int size) {
    DeferInLoop bench = bench(size);
    long expected = Arrays.stream(bench.values).sum();

    assertThat(bench.fixStraightLine()).isEqualTo(expected);
    assertAllUnlocked(bench);
    assertThat(bench.pitfallTryFinally()).isEqualTo(expected);
    assertAllUnlocked(bench);
    assertThat(bench.pitfallDeferredUnlocks()).isEqualTo(expected);
    assertAllUnlocked(bench);
  }

  @ParameterizedTest
  @ParamValues(of = DeferInLoop.class, field = "size")
  void onlyTheDeferredVariantHoldsEveryLockUntilTheLoopEndsAndReleasesThemLastFirst(int size) {
    DeferInLoop bench = bench(size);
    Recorder straight = record(bench);
    bench.fixStraightLine();
    Recorder tryFinally = record(bench);
    bench.pitfallTryFinally();
    Recorder deferred = record(bench);
    bench.pitfallDeferredUnlocks();

    // The same lock operations on all three sides: one lock() and one unlock() per element.
    for (Recorder r : List.of(straight, tryFinally, deferred)) {
      assertThat(r.locks).as("lock() calls").isEqualTo(size);
      assertThat(r.unlockOrder).as("unlock() calls").hasSize(size);
    }
    // Straight-line and try/finally release each lock before taking the next, in index order.
    assertThat(straight.maxHeld).isEqualTo(1);
    assertThat(tryFinally.maxHeld).isEqualTo(1);
    assertThat(straight.unlockOrder).isSorted();
    assertThat(tryFinally.unlockOrder).isEqualTo(straight.unlockOrder);
    // Go's defer: every lock is held at "function exit", and released last first.
    assertThat(deferred.maxHeld).isEqualTo(size);
    assertThat(deferred.unlockOrder).isEqualTo(straight.unlockOrder.reversed());
  }

  /** Counts what the locks of one call see: replaces bench's locks with recording ones. */
  private static Recorder record(DeferInLoop bench) {
    Recorder r = new Recorder();
    for (int i = 0; i < bench.locks.length; i++) {
      bench.locks[i] = r.new RecordingLock(i);
    }
    return r;
  }

  private static final class Recorder {
    int locks;
    int held;
    int maxHeld;
    final List<Integer> unlockOrder = new ArrayList<>();

    final class RecordingLock extends ReentrantLock {
      private final int index;

      RecordingLock(int index) {
        this.index = index;
      }

      @Override
      public void lock() {
        super.lock();
        locks++;
        held++;
        maxHeld = Math.max(maxHeld, held);
      }

      @Override
      public void unlock() {
        held--;
        unlockOrder.add(index);
        super.unlock();
      }
    }
  }

  private static DeferInLoop bench(int size) {
    DeferInLoop bench = new DeferInLoop();
    bench.size = size;
    bench.setup();
    return bench;
  }

  private static void assertAllUnlocked(DeferInLoop bench) {
    assertThat(bench.locks).hasSize(bench.size).allSatisfy(l -> assertThat(l.isLocked()).isFalse());
  }
}
