package org.pitfallatlas.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

/**
 * Both policies give the caller the same 503; the failing downstream receives 3^hops requests per
 * caller request when every layer retries and 3 when only the edge does, as its own counter shows.
 */
class RetryAmplificationTest {

  private static final int REQUESTS = 5;

  @ParameterizedTest
  @ParamValues(of = RetryAmplification.class, field = "hops")
  void retriesAtEveryHopMultiplyTheRequestsTheDownstreamSees(String hops) throws Exception {
    RetryAmplification b = new RetryAmplification();
    b.hops = Integer.parseInt(hops);
    b.setUp();
    try {
      long d0 = b.downstream.requests();
      for (int i = 0; i < REQUESTS; i++) {
        assertThat(b.pitfallRetryEveryHop()).isEqualTo(503);
      }
      long everyHop = b.downstream.requests() - d0;
      long d1 = b.downstream.requests();
      for (int i = 0; i < REQUESTS; i++) {
        assertThat(b.fixRetryAtEdge()).isEqualTo(503);
      }
      long atEdge = b.downstream.requests() - d1;
      assertThat(everyHop).isEqualTo(REQUESTS * (long) Math.pow(3, b.hops));
      assertThat(atEdge).isEqualTo(REQUESTS * 3L);
      assertThat(b.layers).hasSize(b.hops - 1);
      // The layer right below the caller sees the caller's 3 attempts under both policies.
      if (!b.layers.isEmpty()) {
        LoopbackServer top = b.layers.get(b.layers.size() - 1);
        assertThat(top.name()).isEqualTo("hop1");
        assertThat(top.requests()).isEqualTo(2L * REQUESTS * 3);
      }
    } finally {
      b.tearDown();
    }
  }

  @Test
  void aDeepChainIsRefusedWithTheReason() {
    RetryAmplification b = new RetryAmplification();
    b.hops = 9;
    assertThatThrownBy(b::setUp).hasMessageContaining("hops must be between 1 and 6");
  }
}
