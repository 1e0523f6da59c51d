package org.pitfallatlas.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;

class CoreToCoreProfilerTest {

  @Test
  void measuresAPositiveRoundTripAndStopsItsThread() {
    double rtt = CoreToCoreProfiler.roundTripNanos(1_000, 3);
    // A cache line cannot cross and come back in less than a nanosecond; on a loaded machine the
    // echo thread may wait for a CPU, so there is no useful upper bound. The echo thread has ended
    // (ThreadLeakExtension checks this test like every other).
    assertThat(rtt).isFinite().isGreaterThan(1.0);
  }

  @Test
  void reportsTheRoundTripOfTheIterationItMeasuredBefore() {
    CoreToCoreProfiler p = new CoreToCoreProfiler();
    assertThat(p.afterIteration(null, null, null)).as("nothing measured yet").isEmpty();
    p.beforeIteration(null, null);
    Collection<? extends Result> results = p.afterIteration(null, null, null);
    assertThat(results).hasSize(1);
    Result r = results.iterator().next();
    assertThat(r.getLabel()).isEqualTo("c2c.rtt");
    assertThat(r.getScoreUnit()).isEqualTo("ns");
    assertThat(r.getScore()).isGreaterThan(1.0);
  }
}
