package org.pitfallatlas.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Work's xorshift64 chain: Marsaglia's 13, 7, 17 step, iterated, and nothing left out. */
class WorkTest {

  @Test
  void oneStepIsMarsagliasXorshift64() {
    // x = 1: 1 ^ 1 << 13 = 8193; ^ 8193 >>> 7 = 8257; ^ 8257 << 17 = 1082269761.
    assertThat(Work.step(1)).isEqualTo(1_082_269_761L);
  }

  @Test
  void stepsChainTheStepAndZeroStepsReturnTheSeed() {
    // From Python: x = 1; 550 times x ^= x << 13 & M; x ^= x >> 7; x ^= x << 17 & M (M = 2^64 - 1),
    // read as a signed 64-bit value.
    assertThat(Work.steps(1, Work.STEPS_PER_MICRO)).isEqualTo(4_136_164_428_093_104_539L);
    long x = 42;
    for (int k = 0; k < 10; k++) {
      x = Work.step(x);
    }
    assertThat(Work.steps(42, 10)).isEqualTo(x);
    assertThat(Work.steps(42, 0)).isEqualTo(42);
  }
}
