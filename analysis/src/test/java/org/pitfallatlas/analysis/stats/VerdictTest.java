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

  @Test
  void fromTheIntervalAlone() {
    Direction lower = Direction.LOWER_IS_BETTER;
    assertThat(Verdict.fromInterval(0.80, 0.90, 0.02, lower)).isEqualTo(Verdict.FASTER);
    assertThat(Verdict.fromInterval(1.10, 1.20, 0.02, lower)).isEqualTo(Verdict.SLOWER);
    assertThat(Verdict.fromInterval(1.10, 1.20, 0.02, Direction.HIGHER_IS_BETTER))
        .isEqualTo(Verdict.FASTER);
    assertThat(Verdict.fromInterval(0.90, 1.05, 0.02, lower)).isEqualTo(Verdict.NO_DIFFERENCE);
    // Touching 1 is not excluding it.
    assertThat(Verdict.fromInterval(0.90, 1.00, 0.02, lower)).isEqualTo(Verdict.NO_DIFFERENCE);
    // Inside the margin: equivalent, even when it excludes 1 (a real difference too small to
    // matter), as Verdict.decide does.
    assertThat(Verdict.fromInterval(0.985, 0.995, 0.02, lower)).isEqualTo(Verdict.EQUIVALENT);
    assertThat(Verdict.fromInterval(0.985, 0.995, 0, lower)).isEqualTo(Verdict.FASTER);
    assertThat(Verdict.fromInterval(Double.NaN, Double.NaN, 0.02, lower))
        .isEqualTo(Verdict.NO_DIFFERENCE);
  }
}
