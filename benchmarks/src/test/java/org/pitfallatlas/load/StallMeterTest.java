package org.pitfallatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StallMeterTest {

  @Test
  void recordsOneLatenessPerSleepAndStopsWhenClosed() throws InterruptedException {
    StallMeter m = StallMeter.start(Duration.ofMillis(1));
    try {
      Thread.sleep(300);
      Histogram h = m.interval();
      // About 300 sleeps of 1 ms; a loaded machine wakes the thread later, so fewer.
      assertThat(h.getTotalCount()).isBetween(10L, 300L);
      assertThat(h.getMinValue()).isGreaterThanOrEqualTo(0);
      // The interval restarts: what was handed out is not counted again.
      Histogram next = m.interval();
      assertThat(next.getTotalCount()).isLessThan(h.getTotalCount());
    } finally {
      m.close();
    }
    assertThat(m.running()).isFalse();
  }

  @Test
  void aResolutionMustBePositive() {
    assertThatThrownBy(() -> StallMeter.start(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resolution must be positive");
  }
}
