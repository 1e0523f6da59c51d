package org.pitfallatlas.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

@Timeout(120) // a lost hand-off would hang the build instead of failing it
class StalledConsumerTest {

  @ParameterizedTest
  @ParamValues(of = StalledConsumer.class, field = "itemBytes")
  void theProducerFeelsBackpressureExactlyWhenTheBufferIsFull(int itemBytes) throws Exception {
    StalledConsumer b = new StalledConsumer();
    b.itemBytes = itemBytes;
    b.setup();
    try {
      for (int r = 0; r < 5; r++) {
        assertThat(b.pitfallHugeBuffer()).isEqualTo(StalledConsumer.HUGE);
        assertThat(b.crew.huge).as("the consumer drained what was queued").isEmpty();
        assertThat(b.fixSmallBuffer()).isEqualTo(StalledConsumer.SMALL);
        assertThat(b.crew.small).isEmpty();
      }
    } finally {
      b.tearDown();
    }
  }
}
