package org.pitfallatlas.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {
  @Test
  void directionDecidesFasterOrSlower() {
    assertThat(Verdict.decide(0.8, 0.75, 0.85, 0.001, 0.05, 0.02, Direction.LOWER_IS_BETTER))
        .isEqualTo(Verdict.FASTER);
    assertThat(Verdict.decide(0.8, 0.75, 0.85, 0.001, 0.05, 0.02, Direction.HIGHER_IS_BETTER))
        .isEqualTo(Verdict.SLOWER);
  }

  @Test
  void anIntervalInsideTheMarginIsEquivalentNotTilde() {
    assertThat(Verdict.decide(1.001, 0.99, 1.01, 0.6, 0.05, 0.02, Direction.LOWER_IS_BETTER))
        .isEqualTo(Verdict.EQUIVALENT);
    assertThat(Verdict.decide(1.001, 0.95, 1.06, 0.6, 0.05, 0.02, Direction.LOWER_IS_BETTER))
        .isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(Verdict.decide(1.001, 0.99, 1.01, 0.6, 0.05, 0, Direction.LOWER_IS_BETTER))
        .isEqualTo(Verdict.NO_DIFFERENCE);
  }
}
