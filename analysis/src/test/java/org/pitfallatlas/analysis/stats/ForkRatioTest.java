package org.pitfallatlas.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values from R 4.2 (Debian's r-base-core), Welch's t test on the logarithms of the fork
 * values, {@code t.test(log(other), log(base))} (R's default is Welch). The script, run with {@code
 * Rscript}:
 *
 * <pre>
 * show &lt;- function(name, r) cat(name, sprintf("%.15g", c(exp(r$estimate[1] - r$estimate[2]),
 *     exp(r$conf.int), r$p.value, r$parameter)), "\n")
 * b &lt;- c(100.0, 102.0, 101.0); o &lt;- c(95.0, 97.5, 96.1)
 * show("A95", t.test(log(o), log(b)))
 * show("A12", t.test(log(o), log(b), conf.level = 1 - 0.05/12))
 * b2 &lt;- c(50.1, 49.7); o2 &lt;- c(30.2, 29.1, 31.5, 30.0)
 * show("B95", t.test(log(o2), log(b2)))
 * show("B36", t.test(log(o2), log(b2), conf.level = 1 - 0.05/(12*3)))
 * b3 &lt;- c(10.0, 10.4, 9.8); o3 &lt;- c(10.1, 9.9, 10.3)
 * show("C95", t.test(log(o3), log(b3)))
 * rb &lt;- c(1640.2, 1639.8, 1640.0); ro &lt;- c(0, 0.01, 0.0)
 * r &lt;- t.test(ro, rb); cat("D95", sprintf("%.15g", c(r$estimate[1] - r$estimate[2], r$conf.int,
 *     r$p.value, r$parameter)), "\n")
 * show("E95", t.test(log(c(55.0, 55.5, 54.8)), log(c(56, 56, 56))))
 * r &lt;- t.test(c(100.0, 102.0, 101.0)); cat("F95", sprintf("%.15g", r$conf.int), "\n")
 * </pre>
 *
 * <p>prints (ratio, lo, hi, p, df; D: difference, lo, hi, p, df; F: lo, hi):
 *
 * <pre>
 * A95 0.952452562049262 0.927110430052411 0.978487409426426 0.00805966815305052 3.73407935107772
 * A12 0.952452562049262 0.897786110709012 1.01044766914225 0.00805966815305052 3.73407935107772
 * B95 0.604972840264544 0.575146418925372 0.636346024968016 3.59198363817498e-05 3.33635707231058
 * B36 0.604972840264544 0.512431823628309 0.714226011308815 3.59198363817498e-05 3.33635707231058
 * C95 1.00348632695163 0.943410995530921 1.06738718665471 0.876793179366033 3.45077360497359
 * D95 -1639.99666666667 -1640.49290949947 -1639.50042383387 4.81637884069519e-09 2.00333333101852
 * E95 0.983914551025895 0.968069520333641 1.00001892775928 0.0501081565404525 2
 * F95 98.5158622882497 103.48413771175
 * </pre>
 */
class ForkRatioTest {
  private static final double TOL = 1e-9;

  private static void assertResult(
      ForkRatio.Result r, double ratio, double lo, double hi, double p, double df) {
    assertThat(r.ratio()).isCloseTo(ratio, within(TOL));
    assertThat(r.lo()).isCloseTo(lo, within(TOL));
    assertThat(r.hi()).isCloseTo(hi, within(TOL));
    assertThat(r.p()).isCloseTo(p, within(p * 1e-6));
    assertThat(r.df()).isCloseTo(df, within(TOL));
  }

  @Test
  void threeAgainstThreeMatchesR() {
    double[] base = {100.0, 102.0, 101.0};
    double[] other = {95.0, 97.5, 96.1};
    ForkRatio.Result r = ForkRatio.withDefaults().compare(base, other);
    assertResult(
        r,
        0.952452562049262,
        0.927110430052411,
        0.978487409426426,
        0.00805966815305052,
        3.73407935107772);
    assertThat(r.baseForks()).isEqualTo(3);
    assertThat(r.otherForks()).isEqualTo(3);
    assertThat(r.confidence()).isEqualTo(0.95);
    assertThat(r.excludesOne()).isTrue();
  }

  @Test
  void simultaneousIntervalOverTwelveRowsMatchesRAndAgreesWithBonferroniP() {
    double[] base = {100.0, 102.0, 101.0};
    double[] other = {95.0, 97.5, 96.1};
    ForkRatio.Result r = ForkRatio.withConfidence(1 - 0.05 / 12).compare(base, other);
    assertResult(
        r,
        0.952452562049262,
        0.897786110709012,
        1.01044766914225,
        0.00805966815305052,
        3.73407935107772);
    // Significant alone, not among 12: the interval includes 1 exactly when 12 p > 0.05.
    assertThat(r.excludesOne()).isFalse();
    assertThat(12 * r.p()).isGreaterThan(0.05);
  }

  @Test
  void unequalForksAndLooksMatchR() {
    double[] base = {50.1, 49.7};
    double[] other = {30.2, 29.1, 31.5, 30.0};
    assertResult(
        ForkRatio.withDefaults().compare(base, other),
        0.604972840264544,
        0.575146418925372,
        0.636346024968016,
        3.59198363817498e-05,
        3.33635707231058);
    // 12 rows, 3 looks: 1 - 0.05 / 36.
    assertResult(
        ForkRatio.withConfidence(1 - 0.05 / 36).compare(base, other),
        0.604972840264544,
        0.512431823628309,
        0.714226011308815,
        3.59198363817498e-05,
        3.33635707231058);
  }

  @Test
  void noDifferenceMatchesR() {
    ForkRatio.Result r =
        ForkRatio.withDefaults()
            .compare(new double[] {10.0, 10.4, 9.8}, new double[] {10.1, 9.9, 10.3});
    assertResult(
        r,
        1.00348632695163,
        0.943410995530921,
        1.06738718665471,
        0.876793179366033,
        3.45077360497359);
    assertThat(r.excludesOne()).isFalse();
  }

  @Test
  void oneSideWithoutVarianceMatchesR() {
    ForkRatio.Result r =
        ForkRatio.withDefaults()
            .compare(new double[] {56, 56, 56}, new double[] {55.0, 55.5, 54.8});
    assertResult(r, 0.983914551025895, 0.968069520333641, 1.00001892775928, 0.0501081565404525, 2);
  }

  @Test
  void rawScaleWithZerosMatchesR() {
    ForkRatio.Difference d =
        ForkRatio.withDefaults()
            .compareMeans(new double[] {1640.2, 1639.8, 1640.0}, new double[] {0, 0.01, 0.0});
    assertThat(d.difference()).isCloseTo(-1639.99666666667, within(1e-9));
    assertThat(d.lo()).isCloseTo(-1640.49290949947, within(1e-9));
    assertThat(d.hi()).isCloseTo(-1639.50042383387, within(1e-9));
    assertThat(d.p()).isCloseTo(4.81637884069519e-09, within(1e-15));
    assertThat(d.df()).isCloseTo(2.00333333101852, within(1e-9));
    assertThat(d.excludesZero()).isTrue();
    assertThat(d.baseMean()).isCloseTo(1640.0, within(1e-9));
  }

  @Test
  void meanIntervalMatchesR() {
    double[] ci = ForkRatio.withDefaults().meanInterval(new double[] {100.0, 102.0, 101.0});
    assertThat(ci[0]).isCloseTo(98.5158622882497, within(1e-9));
    assertThat(ci[1]).isCloseTo(103.48413771175, within(1e-9));
    assertThat(ForkRatio.withDefaults().meanInterval(new double[] {5}))
        .containsExactly(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  @Test
  void aSingleForkOnASideHasNoTest() {
    ForkRatio.Result r =
        ForkRatio.withDefaults().compare(new double[] {2478.0}, new double[] {73.0, 74.0, 72.0});
    assertThat(r.tested()).isFalse();
    assertThat(r.ratio())
        .isCloseTo(ForkValues.geometricMean(new double[] {73, 74, 72}) / 2478.0, within(1e-12));
    assertThat(r.lo()).isNaN();
    assertThat(r.hi()).isNaN();
    assertThat(r.p()).isNaN();
    assertThat(r.excludesOne()).isFalse();
  }

  @Test
  void identicalConstantSidesAreExactlyEqual() {
    // Deterministic B/op: 1640 bytes in every fork, 3 forks against 2.
    ForkRatio.Result r =
        ForkRatio.withConfidence(1 - 0.05 / 12)
            .compare(new double[] {1640, 1640, 1640}, new double[] {1640, 1640});
    assertThat(r.ratio()).isEqualTo(1.0);
    assertThat(r.lo()).isEqualTo(1.0);
    assertThat(r.hi()).isEqualTo(1.0);
    assertThat(r.p()).isEqualTo(1.0);
    assertThat(r.within(0.02)).isTrue();
  }

  @Test
  void differentConstantSidesDifferExactly() {
    ForkRatio.Result r =
        ForkRatio.withDefaults().compare(new double[] {200, 200, 200}, new double[] {40, 40, 40});
    assertThat(r.ratio()).isCloseTo(0.2, within(1e-15));
    assertThat(r.lo()).isEqualTo(r.ratio());
    assertThat(r.hi()).isEqualTo(r.ratio());
    assertThat(r.p()).isEqualTo(0.0);
    assertThat(r.excludesOne()).isTrue();
  }

  @Test
  void rejectsWhatHasNoLogarithm() {
    assertThatThrownBy(
            () -> ForkRatio.withDefaults().compare(new double[] {1, 0}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ForkRatio.withDefaults().compare(new double[] {1, Double.NaN}, new double[] {1}))
        .hasMessageContaining("never reached a steady state");
    assertThatThrownBy(() -> ForkRatio.withConfidence(1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
