package org.pitfallatlas.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.leaks.AllowThreads;
import org.pitfallatlas.suite.ParamValues;

/**
 * Both pools get the same responses; HC5's limit of 2 per route caps the connections at 2 (callers
 * queue for them, nothing churns), the sized pool opens up to the concurrency and then reuses them.
 */
@AllowThreads(
    names = {"MasterPoller", "SubPoller-\\d+"},
    frames = {"sun.nio.ch.Poller"},
    reason =
        "the JDK's I/O pollers for virtual threads: the first blocking socket read on a virtual"
            + " thread (HC5's calls on the callers' virtual threads) starts them, and they stay for"
            + " the JVM's lifetime")
class PoolLimitsTest {

  private static final int BURSTS = 5;

  @ParameterizedTest
  @ParamValues(of = PoolLimits.class, field = "callers")
  void bothGetTheSameAnswersOverDifferentNumbersOfConnections(String callers) throws Exception {
    PoolLimits b = new PoolLimits();
    b.callers = Integer.parseInt(callers);
    b.setUp();
    try {
      long c0 = b.server.connections();
      for (int i = 0; i < BURSTS; i++) {
        assertThat(b.pitfallTwoPerRoute()).isEqualTo(64L * b.callers);
      }
      long limited = b.server.connections() - c0;
      long c1 = b.server.connections();
      for (int i = 0; i < BURSTS; i++) {
        assertThat(b.fixSizedPool()).isEqualTo(64L * b.callers);
      }
      long sized = b.server.connections() - c1;
      assertThat(b.server.requests()).isEqualTo(2L * BURSTS * b.callers);
      // The limited pool never opens more than 2, and it does not churn: 2 for all bursts.
      assertThat(limited).isBetween(1L, (long) PoolLimits.GO_DEFAULT);
      // The sized pool opens at most one per caller, once, and reuses them afterwards.
      assertThat(sized).isBetween(1L, (long) b.callers);
      if (b.callers > PoolLimits.GO_DEFAULT) {
        assertThat(sized).isGreaterThan(PoolLimits.GO_DEFAULT);
      }
    } finally {
      b.tearDown();
    }
  }

  @Test
  void moreCallersThanTheFixsPoolAreRefusedWithTheReason() {
    PoolLimits b = new PoolLimits();
    b.callers = 64;
    assertThatThrownBy(b::setUp).hasMessageContaining("callers must be between 1 and 16");
  }
}
