package org.pitfallatlas.myths;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class RecursionTest {

  @ParameterizedTest
  @ParamValues(of = Recursion.class, field = "depth")
  void bothSumsAgreeOnADefaultStackAtEveryDepthOfTheSweep(int depth) throws Exception {
    Recursion bench = new Recursion();
    bench.depth = depth;
    bench.setup();
    long expected = (long) depth * (depth + 1) / 2;
    // On a new thread with the default stack size (-Xss, as JMH's worker threads have), where
    // the recursion runs mostly interpreted: the sweep's deepest point must not overflow there.
    Object recursive = onDefaultStack(bench::pitfallRecursive);
    assertThat(recursive).isEqualTo(expected);
    assertThat(bench.fixIterative()).isEqualTo(expected);
  }

  @Test
  void aFixedStackOverflowsWhereTheLoopDoesNot() throws Exception {
    // A million frames cannot fit a default stack of ~1 MiB (a frame is far more than one byte):
    // the JVM does not grow a thread's stack as Go grows a goroutine's.
    Recursion.Node head = Recursion.list(1_000_000);
    assertThat(onDefaultStack(() -> Recursion.sumRecursive(head)))
        .isInstanceOf(StackOverflowError.class);
    assertThat(Recursion.sumIterative(head)).isEqualTo(1_000_000L * 1_000_001 / 2);
  }

  /** Runs {@code work} on a new platform thread of the default stack size; its result or error. */
  private static Object onDefaultStack(java.util.function.LongSupplier work) throws Exception {
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                out.set(work.getAsLong());
              } catch (StackOverflowError e) {
                out.set(e);
              }
            },
            "recursion-test");
    t.start();
    t.join();
    return out.get();
  }
}
