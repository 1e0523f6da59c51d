package org.pitfallatlas.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

@Timeout(120) // a lost hand-off would hang the build instead of failing it
class BufferSizingTest {

  @ParameterizedTest
  @ParamValues(of = BufferSizing.class, field = "burst")
  void everyBufferDeliversEveryItemOnce(int burst) throws Exception {
    BufferSizing b = new BufferSizing();
    b.burst = burst;
    b.setup();
    try {
      long expected = b.expected();
      for (int r = 0; r < 5; r++) {
        assertThat(b.pitfallUnbuffered()).isEqualTo(expected);
        assertThat(b.pitfallHugeBuffer()).isEqualTo(expected);
        assertThat(b.fixSmallBuffer()).isEqualTo(expected);
      }
      assertThat(b.crew.huge).isEmpty();
      assertThat(b.crew.small).isEmpty();
      assertThat(b.crew.small.remainingCapacity()).isEqualTo(BufferSizing.SMALL);
      assertThat(b.crew.huge.remainingCapacity()).isEqualTo(BufferSizing.HUGE);
    } finally {
      b.tearDown();
    }
  }
}
