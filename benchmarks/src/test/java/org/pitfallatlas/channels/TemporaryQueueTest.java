package org.pitfallatlas.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

@Timeout(120) // a lost hand-off would hang the build instead of failing it
class TemporaryQueueTest {

  @ParameterizedTest
  @ParamValues(of = TemporaryQueue.class, field = "requests")
  void everyVariantGetsEveryReply(int requests) throws Exception {
    TemporaryQueue b = new TemporaryQueue();
    b.requests = requests;
    b.setup();
    try {
      long expected = b.expected();
      for (int r = 0; r < 50; r++) {
        assertThat(b.pitfallQueuePerRequest()).isEqualTo(expected);
        assertThat(b.fixReusedQueue()).isEqualTo(expected);
        assertThat(b.fixReusedSlot()).isEqualTo(expected);
      }
      assertThat(b.reusedReplies).as("no reply left behind").isEmpty();
      assertThat(b.requestQueue).isEmpty();
    } finally {
      b.tearDown();
    }
    assertThat(b.worker.isAlive()).as("the worker stopped").isFalse();
  }
}
