package org.pitfallatlas.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MedianIntervalTest {
  private final MedianInterval ci = MedianInterval.withDefaults();

  @Test
  void sixValuesGiveMinToMaxAt96point9Percent() {
    // R: 1 - 2*pbinom(0, 6, 0.5)  -> 0.96875
    MedianInterval.Orders o = ci.orders(6);
    assertThat(o.lo()).isEqualTo(1);
    assertThat(o.hi()).isEqualTo(6);
    assertThat(o.confidence()).isCloseTo(0.96875, within(1e-12));
    MedianInterval.Result r = ci.of(new double[] {5, 1, 3, 2, 6, 4});
    assertThat(r.center()).isEqualTo(3.5);
    assertThat(r.lo()).isEqualTo(1);
    assertThat(r.hi()).isEqualTo(6);
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void tenValuesGiveSecondToNinthAt97point9Percent() {
    // R: 1 - 2*pbinom(1, 10, 0.5)  -> 0.978515625
    MedianInterval.Orders o = ci.orders(10);
    assertThat(o.lo()).isEqualTo(2);
    assertThat(o.hi()).isEqualTo(9);
    assertThat(o.confidence()).isCloseTo(0.978515625, within(1e-12));
    MedianInterval.Result r = ci.of(new double[] {10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
    assertThat(r.lo()).isEqualTo(2);
    assertThat(r.hi()).isEqualTo(9);
    assertThat(r.center()).isEqualTo(5.5);
  }

  @Test
  void nineteenValuesBreakTheSymmetricTieToTheLeftExactly() {
    // Binomial(19, 1/2) is symmetric, so the last step compares C(19, 4) with C(19, 15): equal,
    // and benchstat (go-moremath stats/quantileci.go, "if lp >= rp { // Left-bias") takes the
    // left one. Exactly: [x(5), x(14)], coverage 1 - (5036 + 16664) / 2^19.
    MedianInterval.Orders o = ci.orders(19);
    assertThat(o.lo()).isEqualTo(5);
    assertThat(o.hi()).isEqualTo(14);
    assertThat(o.confidence()).isCloseTo(1 - 21700.0 / 524288, within(1e-15));
  }

  @Test
  void everyExactSizeIsLeftBiasedAndCoversTheLevel() {
    for (int n = 6; n <= 30; n++) {
      MedianInterval.Orders o = ci.orders(n);
      assertThat(o.confidence()).as("n=%d", n).isGreaterThanOrEqualTo(0.95);
      // Left bias: the interval is never further right than its mirror image.
      assertThat(o.lo() - 1).as("n=%d", n).isLessThanOrEqualTo(n - o.hi());
    }
  }

  @Test
  void fortyValuesUseTheNormalApproximationWithAtLeastTheRequestedCoverage() {
    // benchstat's normal approximation picks x(14)..x(27) for n = 40; its exact coverage is
    // R: pbinom(26, 40, .5) - pbinom(13, 40, .5)  -> 0.96152269171579974
    MedianInterval.Orders o = ci.orders(40);
    assertThat(o.lo()).isEqualTo(14);
    assertThat(o.hi()).isEqualTo(27);
    assertThat(o.confidence()).isCloseTo(0.96152269171579974, within(0.002));
  }

  @Test
  void fiveValuesAreTooFewAndSaySoLikeBenchstat() {
    MedianInterval.Result r = ci.of(new double[] {1, 2, 3, 4, 5});
    assertThat(r.lo()).isInfinite();
    assertThat(r.hi()).isEqualTo(5);
    assertThat(r.relativeHalfWidth()).isInfinite();
    assertThat(r.warnings())
        .extracting(Warning::message)
        .containsExactly("need >= 6 samples for confidence interval at level 0.95");
  }

  @Test
  void relativeHalfWidthIsBenchstatsPlusMinus() {
    MedianInterval.Result r = ci.of(new double[] {90, 95, 100, 100, 104, 110});
    assertThat(r.relativeHalfWidth()).isCloseTo(0.10, within(1e-12));
  }
}
