package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoppingRuleTest {
  private final StoppingRule rule = StoppingRule.standard();

  /** Forks of 8 flat iterations around the given values (±0.1%). */
  private static double[][] forks(double... values) {
    double[][] out = new double[values.length][8];
    for (int f = 0; f < values.length; f++) {
      for (int i = 0; i < 8; i++) {
        out[f][i] = values[f] * (1 + 0.001 * ((i % 3) - 1));
      }
    }
    return out;
  }

  @Test
  void aLargeClearEffectIsDecided() {
    assertThat(rule.assess(forks(100, 101, 99), forks(10, 10.2, 9.9), "ns/op", 15, 3, 8))
        .isEqualTo(StoppingRule.Outcome.DECIDED);
  }

  @Test
  void noEffectUnderLargeForkNoiseIsFutileFromSixForks() {
    // Ratio ~1 with 20% fork-to-fork noise: even 8 forks a side leave [~0.7, ~1.4].
    assertThat(
            rule.assess(
                forks(100, 80, 120, 95, 115, 85),
                forks(110, 90, 100, 120, 85, 105),
                "ns/op",
                15,
                3,
                8))
        .isEqualTo(StoppingRule.Outcome.FUTILE);
    // From three forks a side the spread is too unsure to call anything futile.
    assertThat(rule.assess(forks(100, 80, 120), forks(110, 90, 100), "ns/op", 15, 3, 8))
        .isEqualTo(StoppingRule.Outcome.CONTINUE);
  }

  @Test
  void anEffectThatTheCapCouldResolveContinues() {
    // 15% with 3-4% fork noise: undecided at 3 forks (t at 99.9% with ~4 df is ~8), decidable
    // at 8 (standard error x sqrt(3/8), t ~4 with ~14 df).
    double[][] pitfall = forks(100, 104, 96);
    double[][] fix = forks(85, 88, 83);
    assertThat(rule.decided(pitfall, fix, "ns/op", 15, 3)).isFalse();
    assertThat(rule.assess(pitfall, fix, "ns/op", 15, 3, 8))
        .isEqualTo(StoppingRule.Outcome.CONTINUE);
  }

  @Test
  void atTheCapNothingIsFutile() {
    assertThat(rule.assess(forks(100, 80, 120), forks(110, 90, 100), "ns/op", 15, 3, 3))
        .isEqualTo(StoppingRule.Outcome.CONTINUE);
  }
}
