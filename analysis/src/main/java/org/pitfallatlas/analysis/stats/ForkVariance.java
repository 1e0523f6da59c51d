package org.pitfallatlas.analysis.stats;

import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A ForkVariance splits a sample's variance into a between-fork and a within-fork component
 * (one-way random-effects ANOVA), to tell whether more forks or more iterations would sharpen the
 * estimate (Kalibera and Jones 2013).
 *
 * @param forks number of forks
 * @param iterationsPerFork mean number of iterations per fork
 * @param mean the grand mean
 * @param between the between-fork variance component (0 when not estimable)
 * @param within the within-fork (iteration) variance
 * @param p the p-value of the F test for "no fork effect" (NaN with one fork)
 */
public record ForkVariance(
    int forks, double iterationsPerFork, double mean, double between, double within, double p) {

  /**
   * Estimates the components for {@code sample}.
   *
   * @param sample the sample
   * @return the components
   */
  public static ForkVariance of(Sample sample) {
    double[][] forks = sample.forksView();
    int k = forks.length;
    int n = sample.size();
    double grand = 0;
    for (double[] fork : forks) {
      for (double v : fork) {
        grand += v;
      }
    }
    grand /= n;
    double ssw = 0;
    double ssb = 0;
    for (double[] fork : forks) {
      double m = 0;
      for (double v : fork) {
        m += v;
      }
      m /= fork.length;
      for (double v : fork) {
        ssw += (v - m) * (v - m);
      }
      ssb += fork.length * (m - grand) * (m - grand);
    }
    double n0 = (double) n / k;
    if (k < 2 || n == k) {
      return new ForkVariance(k, n0, grand, 0, n > k ? ssw / (n - k) : 0, Double.NaN);
    }
    double msw = ssw / (n - k);
    double msb = ssb / (k - 1);
    double p;
    if (msw == 0) {
      p = msb > 0 ? 0 : 1;
    } else {
      p = FDistribution.of(k - 1, n - k).survivalProbability(msb / msw);
    }
    return new ForkVariance(k, n0, grand, Math.max(0, (msb - msw) / n0), msw, p);
  }

  /**
   * Returns whether forks, not iterations, dominate the uncertainty of a fork's mean: the fork
   * effect is significant at {@code alpha} and its variance exceeds that of the mean of a fork's
   * iterations.
   *
   * @param alpha the level of the F test
   * @return whether fork variance dominates
   */
  public boolean dominates(double alpha) {
    return forks >= 2
        && p <= alpha
        && between > within / iterationsPerFork
        && Math.sqrt(between) > NEGLIGIBLE * Math.abs(mean);
  }

  /**
   * Fork-to-fork standard deviations below this share of the mean (0.1%) are not worth a warning,
   * however significant: B/op of a deterministic allocation differs between forks by a few bytes of
   * amortised JIT and GC bookkeeping.
   */
  public static final double NEGLIGIBLE = 0.001;

  /**
   * Estimates how many forks per side a two-sample comparison needs to detect a relative difference
   * {@code effect} with the given power: {@code k = 2 (z_{1-alpha/2} + z_power)^2 (between +
   * within/n) / (effect * mean)^2}, with {@code n} iterations per fork as now.
   *
   * @param effect the relative difference to resolve, e.g. 0.02 for 2%
   * @param alpha the significance level
   * @param power the power, e.g. 0.8
   * @return the number of forks per side (at least 2), or {@code Integer.MAX_VALUE} if {@code
   *     effect} is 0
   */
  public int forksNeeded(double effect, double alpha, double power) {
    if (!(effect > 0) || mean == 0) {
      return Integer.MAX_VALUE;
    }
    NormalDistribution z = NormalDistribution.of(0, 1);
    double zz =
        z.inverseCumulativeProbability(1 - alpha / 2) + z.inverseCumulativeProbability(power);
    double perFork = between + within / iterationsPerFork;
    double d = effect * mean;
    double k = 2 * zz * zz * perFork / (d * d);
    return (int) Math.max(2, Math.ceil(k));
  }
}
