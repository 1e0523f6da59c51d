package org.pitfallatlas.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class FanOutTailTest {

  private static FanOutTail bench(int fanOut) {
    FanOutTail b = new FanOutTail();
    b.fanOut = fanOut;
    b.setUp();
    return b;
  }

  @ParameterizedTest
  @ParamValues(of = FanOutTail.class, field = "fanOut")
  void sequentialAndParallelCallsSeeTheSameLatenciesAndAnswerTheSame(int fanOut) throws Exception {
    FanOutTail sequential = bench(fanOut);
    FanOutTail parallel = bench(fanOut);
    try {
      SplittableRandom mirror = new SplittableRandom(42);
      for (int request = 0; request < 5; request++) {
        long expected = 0;
        for (int i = 0; i < fanOut; i++) {
          expected += sequential.downstream.latencyNanos(mirror);
        }
        assertThat(sequential.pitfallSequentialCalls()).isEqualTo(expected);
        assertThat(parallel.fixParallelCalls()).isEqualTo(expected);
      }
    } finally {
      sequential.tearDown();
      parallel.tearDown();
    }
    assertThat(parallel.virtualThreads.isTerminated()).isTrue();
  }

  @Test
  void latenciesAreLogNormalAroundTheMedian() {
    Downstream d = new Downstream(FanOutTail.MEDIAN_MILLIS, FanOutTail.SIGMA);
    SplittableRandom random = new SplittableRandom(1);
    int n = 200_000;
    double[] logs = new double[n];
    int belowMedian = 0;
    for (int i = 0; i < n; i++) {
      long ns = d.latencyNanos(random);
      logs[i] = Math.log(ns / 1e6);
      if (ns < 1_000_000) {
        belowMedian++;
      }
    }
    double mean = java.util.Arrays.stream(logs).average().orElseThrow();
    double var = java.util.Arrays.stream(logs).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
    assertThat(mean).isCloseTo(Math.log(FanOutTail.MEDIAN_MILLIS), within(0.01));
    assertThat(Math.sqrt(var)).isCloseTo(FanOutTail.SIGMA, within(0.01));
    assertThat(belowMedian / (double) n).isCloseTo(0.5, within(0.01));
    // The header's table: p99 of one call and of the max of 6.
    assertThat(d.quantileMillis(2.326)).isCloseTo(3.20, within(0.01));
    assertThat(d.quantileMillis(2.935)).isCloseTo(4.34, within(0.01));
  }
}
