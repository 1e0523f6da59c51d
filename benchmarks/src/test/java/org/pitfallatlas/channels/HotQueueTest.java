package org.pitfallatlas.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

@Timeout(120) // a lost hand-off would hang the build instead of failing it
class HotQueueTest {

  @ParameterizedTest
  @ParamValues(of = HotQueue.class, field = "producers")
  void everyVariantConsumesEveryProducersItems(int producers) throws Exception {
    HotQueue b = new HotQueue();
    b.producers = producers;
    b.setup();
    try {
      long expected = b.expected();
      assertThat(expected).isGreaterThan(0);
      for (int r = 0; r < 10; r++) {
        assertThat(b.pitfallSharedQueue()).isEqualTo(expected);
        assertThat(b.fixQueuePerProducer()).isEqualTo(expected);
        assertThat(b.fixMpscQueue()).isEqualTo(expected);
      }
      assertThat(b.shared).isEmpty();
      assertThat(b.mpsc).isEmpty();
      for (var ring : b.perProducer) {
        assertThat(ring).isEmpty();
      }
    } finally {
      b.tearDown();
    }
  }
}
