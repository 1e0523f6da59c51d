package org.pitfallatlas.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.results.Result;
import org.pitfallatlas.leaks.ParkedThreadLeak.Kind;
import org.pitfallatlas.suite.ParamValues;

/**
 * Pitfall and fix answer every batch alike; after each iteration the pitfall has exactly one more
 * batch of helpers parked (counted by the helpers and seen in the thread dump, virtual ones
 * included) and the fix none; the heap slope is at least the payload per abandoned request and ~0
 * for the fix; tearDown ends every helper; the profiler reports the curve's rows.
 */
class LeakGrowthTest {

  private static final int ITERATIONS = 3;

  private static LeakGrowth bench(Kind kind) throws InterruptedException {
    LeakGrowth b = new LeakGrowth();
    b.kind = kind;
    b.payloadKiB = Integer.parseInt(ParamValues.Provider.values(LeakGrowth.class, "payloadKiB")[0]);
    b.requestsPerIteration =
        Integer.parseInt(ParamValues.Provider.values(LeakGrowth.class, "requestsPerIteration")[0]);
    b.setUp();
    return b;
  }

  /** One JMH iteration: the batch, then the iteration's teardown; returns the recorded state. */
  private static LeakGrowth.Growth iterate(LeakGrowth b, boolean pitfall, long[] answer)
      throws InterruptedException {
    answer[0] = pitfall ? b.pitfallAbandonOnTimeout() : b.fixCancelOnTimeout();
    b.recordGrowth();
    LeakGrowth.Growth g = LeakGrowthProfiler.takeLast();
    assertThat(g).as("the iteration's teardown records the state").isNotNull();
    return g;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void thePitfallLeaksOneBatchPerIterationAndTheFixNone(Kind kind) throws InterruptedException {
    LeakGrowth pitfall = bench(kind);
    int batch = pitfall.requestsPerIteration;
    long payload = pitfall.payloadKiB * 1024L;
    LeakGrowth.Growth leaked = null;
    try {
      long[] answer = new long[1];
      for (int k = 1; k <= ITERATIONS; k++) {
        leaked = iterate(pitfall, true, answer);
        assertThat(answer[0]).isEqualTo(batch * ParkedThreadLeak.FALLBACK);
        assertThat(leaked.now().requests()).isEqualTo((long) k * batch);
        assertThat(leaked.now().helpers()).isEqualTo(k * batch);
        if (kind == Kind.PLATFORM) {
          assertThat(leaked.now().platformThreads())
              .isGreaterThanOrEqualTo(leaked.start().platformThreads() + k * batch);
        }
      }
      assertThat(ParkedThreadLeakTest.parkedHelpers()).isEqualTo((long) ITERATIONS * batch);

      LeakGrowth fix = bench(kind);
      try {
        for (int k = 1; k <= ITERATIONS; k++) {
          long[] fixAnswer = new long[1];
          LeakGrowth.Growth flat = iterate(fix, false, fixAnswer);
          assertThat(fixAnswer[0]).isEqualTo(answer[0]);
          assertThat(flat.now().requests()).isEqualTo((long) k * batch);
          assertThat(flat.now().helpers()).isZero();
          assertThat(flat.now().platformThreads())
              .isLessThan(flat.start().platformThreads() + batch / 10);
          if (k == ITERATIONS) {
            System.out.printf(
                "LeakGrowth %s after %d x %d timed-out requests: heap %.0f B/request (pitfall),"
                    + " %.0f B/request (fix); RSS %.0f B/request (pitfall), %.0f (fix)%n",
                kind,
                ITERATIONS,
                batch,
                leaked.heapPerRequest(),
                flat.heapPerRequest(),
                leaked.rssPerRequest(),
                flat.rssPerRequest());
            assertThat(Math.abs(flat.heapPerRequest())).isLessThan(payload / 4.0);
          }
        }
        assertThat(ParkedThreadLeakTest.parkedHelpers())
            .isEqualTo((long) ITERATIONS * batch); // only the pitfall's
      } finally {
        fix.tearDown();
      }
      if (kind == Kind.VIRTUAL) {
        // The payload alone is retained by every abandoned helper (platform helpers keep part of
        // their share off-heap, so only the virtual side is held to it).
        assertThat(leaked.heapPerRequest()).isGreaterThan((double) payload);
      }
    } finally {
      pitfall.tearDown();
    }
    assertThat(pitfall.service.liveHelpers.get()).isZero();
    assertThat(ParkedThreadLeakTest.parkedHelpers()).isZero();
  }

  @Test
  void theProfilerReportsTheCurveAndNothingForOtherBenchmarks() {
    assertThat(LeakGrowthProfiler.results(null)).isEmpty();
    LeakGrowth.Point start = new LeakGrowth.Point(0, 0, 10, 100 << 20, 200 << 20, 0, 40);
    LeakGrowth.Point now = new LeakGrowth.Point(1000, 1000, 1010, 107 << 20, 230 << 20, 3, 90);
    List<Result> rows = LeakGrowthProfiler.results(new LeakGrowth.Growth(start, now));
    assertThat(rows)
        .extracting(Result::getLabel)
        .containsExactly(
            "growth.requests",
            "growth.helpers",
            "growth.threads",
            "growth.heap",
            "growth.gc.time",
            "growth.gc.full",
            "growth.heap.perRequest",
            "growth.rss",
            "growth.rss.perRequest");
    assertThat(rows.get(6).getScore()).isEqualTo((7 << 20) / 1000.0);
    assertThat(rows.get(8).getScore()).isEqualTo((30 << 20) / 1000.0);
    assertThat(rows.get(3).getScore()).isEqualTo(107.0);
  }
}
