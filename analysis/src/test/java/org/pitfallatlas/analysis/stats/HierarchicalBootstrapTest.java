package org.pitfallatlas.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HierarchicalBootstrapTest {
  private final HierarchicalBootstrap boot = HierarchicalBootstrap.withDefaults();

  /** {@code forks} forks of {@code iters} iterations around {@code center}. */
  static Sample sample(
      Random rnd, int forks, int iters, double center, double iterSd, double forkSd) {
    double[][] v = new double[forks][iters];
    for (int f = 0; f < forks; f++) {
      double fc = center * (1 + forkSd * rnd.nextGaussian());
      for (int i = 0; i < iters; i++) {
        v[f][i] = fc * (1 + iterSd * rnd.nextGaussian());
      }
    }
    return Sample.ofForks(v);
  }

  @Test
  void sameSeedSameStreamGivesTheSameResult() {
    Random rnd = new Random(1);
    Sample a = sample(rnd, 5, 10, 100, 0.01, 0.01);
    Sample b = sample(rnd, 5, 10, 105, 0.01, 0.01);
    assertThat(boot.ratioOfMedians(a, b, 7)).isEqualTo(boot.ratioOfMedians(a, b, 7));
    assertThat(boot.ratioOfMedians(a, b, 7)).isNotEqualTo(boot.ratioOfMedians(a, b, 8));
  }

  @Test
  void aTenPercentShiftWithSmallNoiseIsDetectedAndItsIntervalContainsTenPercent() {
    Random rnd = new Random(42);
    for (int trial = 0; trial < 20; trial++) {
      Sample a = sample(rnd, 5, 10, 100, 0.01, 0.005);
      Sample b = sample(rnd, 5, 10, 110, 0.01, 0.005);
      HierarchicalBootstrap.Result r = boot.ratioOfMedians(a, b, trial);
      assertThat(r.lo()).isLessThan(1.10);
      assertThat(r.hi()).isGreaterThan(1.10);
      assertThat(r.p()).isLessThan(0.001);
      assertThat(
              Verdict.decide(
                  r.ratio(), r.lo(), r.hi(), r.p(), 0.05, 0.02, Direction.LOWER_IS_BETTER))
          .isEqualTo(Verdict.SLOWER);
    }
  }

  @Test
  void identicalInputsAreNeverFasterOrSlower() {
    Random rnd = new Random(5);
    for (int trial = 0; trial < 50; trial++) {
      Sample a = sample(rnd, 3 + trial % 4, 5 + trial % 7, 100, 0.03, 0.02);
      HierarchicalBootstrap.Result r = boot.ratioOfMedians(a, a, trial);
      assertThat(r.ratio()).isEqualTo(1);
      Verdict v =
          Verdict.decide(r.ratio(), r.lo(), r.hi(), r.p(), 0.05, 0.02, Direction.LOWER_IS_BETTER);
      assertThat(v).isIn(Verdict.NO_DIFFERENCE, Verdict.EQUIVALENT);
    }
  }

  @Test
  void tightIterationsButDisagreeingForksAreNotSignificant() {
    // Three forks each, 0.1% noise within a fork, forks 4% apart; the new side is 2% slower.
    Sample base = Sample.ofForks(forks(new double[] {100, 104, 108}, 10, 0.001, 11));
    Sample next = Sample.ofForks(forks(new double[] {102, 106, 110}, 10, 0.001, 12));
    HierarchicalBootstrap.Result r = boot.ratioOfMedians(base, next, 1);
    assertThat(r.p()).isGreaterThan(0.05);
    assertThat(r.lo()).isLessThan(1);
    // Pooling iterations, as benchstat does, calls it significant.
    MannWhitney.Result pooled =
        MannWhitney.withDefaults().test(base.sortedValues(), next.sortedValues());
    assertThat(pooled.p()).isLessThan(0.05);
  }

  static double[][] forks(double[] centers, int iters, double sd, long seed) {
    Random rnd = new Random(seed);
    double[][] v = new double[centers.length][iters];
    for (int f = 0; f < centers.length; f++) {
      for (int i = 0; i < iters; i++) {
        v[f][i] = centers[f] * (1 + sd * rnd.nextGaussian());
      }
    }
    return v;
  }

  @Test
  void medianIntervalCoversTheMedian() {
    Sample a = sample(new Random(3), 5, 10, 100, 0.02, 0.01);
    HierarchicalBootstrap.MedianResult m = boot.median(a, 1);
    assertThat(m.lo()).isLessThanOrEqualTo(m.center());
    assertThat(m.hi()).isGreaterThanOrEqualTo(m.center());
    assertThat(m.center()).isCloseTo(100, within(3.0));
  }

  @Test
  void quantileSelectionAgreesWithSorting() {
    Random rnd = new Random(9);
    for (int n : new int[] {1, 2, 3, 10, 101, 1000}) {
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = Math.floor(rnd.nextGaussian() * 10);
      }
      double[] sorted = a.clone();
      java.util.Arrays.sort(sorted);
      for (double p : new double[] {0, 0.025, 0.5, 0.975, 1}) {
        assertThat(Quantiles.ofUnsortedInPlace(a.clone(), p))
            .isEqualTo(Quantiles.ofSorted(sorted, p));
      }
      assertThat(Quantiles.medianInPlace(a.clone(), n)).isEqualTo(Quantiles.medianOfSorted(sorted));
    }
  }
}
