package org.pitfallatlas.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Diagnostics look at one sample and say, as {@link Warning}s, what would make it more trustworthy:
 * too few forks, a trend across iterations (steady state not reached), fork-to-fork variance
 * dominating (add forks, not iterations, with an estimate of how many), and two clusters of values
 * (bimodality).
 */
public final class Diagnostics {

  /**
   * The most forks per side a warning advises; past it the warning says the difference is below
   * what the machine can resolve (an earlier version advised "~75,897 forks").
   */
  static final int MAX_FORKS_ADVISED = 100;

  private static final Diagnostics DEFAULT = new Diagnostics(0.05, 0.02);

  /**
   * The warning for a sample of a single fork: the fork is the unit of replication, so one fork has
   * no fork-to-fork variance and no fork-level test is possible.
   */
  public static final String ONE_FORK =
      "only 1 fork: no fork-level test is possible (the fork is the unit of replication), so no"
          + " verdict; run >= 2 forks, better >= 3";

  /** A trend must be this significant (Mann-Kendall, two-sided) to be reported. */
  private static final double TREND_ALPHA = 0.001;

  /** ... and this large, relative to the median, from the first to the second half. */
  private static final double TREND_MIN_DRIFT = 0.01;

  /** The F test of the fork effect must be this significant. */
  private static final double FORK_ALPHA = 0.01;

  private final double alpha;
  private final double effect;

  private Diagnostics(double alpha, double effect) {
    this.alpha = alpha;
    this.effect = effect;
  }

  /** Returns diagnostics for alpha 0.05 that size fork counts to resolve a 2% effect. */
  public static Diagnostics withDefaults() {
    return DEFAULT;
  }

  /**
   * Returns a copy with another significance level (used for the forks-needed estimate).
   *
   * @param a the level, in (0, 1)
   * @return the copy
   * @throws IllegalArgumentException if {@code a} is not in (0, 1)
   */
  public Diagnostics withAlpha(double a) {
    if (!(a > 0 && a < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1): " + a);
    }
    return new Diagnostics(a, effect);
  }

  /**
   * Returns a copy that sizes the forks-needed estimate for another relative effect.
   *
   * @param e the effect, e.g. 0.02 for 2%
   * @return the copy
   * @throws IllegalArgumentException if {@code e <= 0}
   */
  public Diagnostics withEffect(double e) {
    if (!(e > 0)) {
      throw new IllegalArgumentException("effect must be positive: " + e);
    }
    return new Diagnostics(alpha, e);
  }

  /**
   * Returns the warnings for {@code sample}; empty when nothing is wrong.
   *
   * @param sample the sample
   * @return the warnings
   */
  public List<Warning> of(Sample sample) {
    List<Warning> out = new ArrayList<>();
    if (sample.forkCount() < 2) {
      out.add(new Warning(Warning.Kind.TOO_FEW_SAMPLES, ONE_FORK));
    }
    Warning trend = trend(sample);
    if (trend != null) {
      out.add(trend);
    }
    ForkVariance fv = ForkVariance.of(sample);
    if (fv.dominates(FORK_ALPHA)) {
      int need = fv.forksNeeded(effect, alpha, 0.8);
      String advice =
          need > MAX_FORKS_ADVISED
              ? String.format(
                  Locale.ROOT,
                  "a %s difference is below what this machine can resolve here (it would take"
                      + " more than %d forks per side): read the interval, not the point",
                  Format.percent(effect),
                  MAX_FORKS_ADVISED)
              : String.format(
                  Locale.ROOT,
                  "~%d forks per side would resolve a %s difference",
                  need,
                  Format.percent(effect));
      out.add(
          new Warning(
              Warning.Kind.FORK_VARIANCE_DOMINATES,
              String.format(
                  Locale.ROOT,
                  "fork variance dominates: fork means differ by sd %s, while the %s iterations"
                      + " of a fork (sd %s each) pin a fork's mean down to %s; add forks, not"
                      + " iterations; %s",
                  Format.percent(Math.sqrt(fv.between()) / fv.mean()),
                  Long.toString(Math.round(fv.iterationsPerFork())),
                  Format.percent(Math.sqrt(fv.within()) / fv.mean()),
                  Format.percent(Math.sqrt(fv.within() / fv.iterationsPerFork()) / fv.mean()),
                  advice)));
    }
    Warning bimodal = bimodality(sample.sortedView());
    if (bimodal != null) {
      out.add(bimodal);
    }
    return out;
  }

  /**
   * Mann-Kendall trend test summed over forks (each fork's S has variance n(n-1)(2n+5)/18), plus a
   * size check: the median of the forks' second half against their first half.
   */
  static Warning trend(Sample sample) {
    double[][] forks = sample.forksView();
    double s = 0;
    double var = 0;
    int usable = 0;
    double[] drifts = new double[forks.length];
    for (double[] fork : forks) {
      int n = fork.length;
      if (n < 4) {
        continue;
      }
      s += kendallS(fork);
      var += n * (n - 1.0) * (2 * n + 5) / 18;
      double[] first = Arrays.copyOfRange(fork, 0, n / 2);
      double[] second = Arrays.copyOfRange(fork, n - n / 2, n);
      Arrays.sort(first);
      Arrays.sort(second);
      drifts[usable++] = Quantiles.medianOfSorted(second) - Quantiles.medianOfSorted(first);
    }
    if (usable == 0 || var == 0) {
      return null;
    }
    double z = (s - Math.signum(s)) / Math.sqrt(var);
    double p = 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z));
    double[] d = Arrays.copyOf(drifts, usable);
    Arrays.sort(d);
    double drift = Quantiles.medianOfSorted(d) / sample.median();
    if (p > TREND_ALPHA || Math.abs(drift) < TREND_MIN_DRIFT) {
      return null;
    }
    return new Warning(
        Warning.Kind.STEADY_STATE_NOT_REACHED,
        String.format(
            Locale.ROOT,
            "steady state not reached: values %s %s from the first to the second half of the"
                + " iterations (Mann-Kendall p=%.1g over %d forks); lengthen warm-up",
            drift < 0 ? "fall" : "rise",
            Format.percent(Math.abs(drift)),
            p,
            usable));
  }

  /**
   * Mann-Kendall's S of one fork: concordant minus discordant pairs in iteration order. A method of
   * its own so that only this small loop gets compiled when it is hot.
   */
  private static double kendallS(double[] fork) {
    double s = 0;
    for (int i = 0; i < fork.length; i++) {
      for (int j = i + 1; j < fork.length; j++) {
        s += Math.signum(fork[j] - fork[i]);
      }
    }
    return s;
  }

  /**
   * Two clusters: a split of the sorted values, each side with at least 10% (and 3) of them, whose
   * gap is more than twice the larger interquartile range of the two sides and more than 0.5% of
   * the median.
   */
  static Warning bimodality(double[] sorted) {
    int n = sorted.length;
    if (n < 10) {
      return null;
    }
    int minSide = Math.max(3, (int) Math.ceil(0.1 * n));
    double median = Quantiles.medianOfSorted(sorted);
    int best = -1;
    double bestScore = 0;
    for (int i = minSide - 1; i < n - minSide; i++) {
      double gap = sorted[i + 1] - sorted[i];
      if (gap <= 0.005 * Math.abs(median)) {
        continue;
      }
      double[] left = Arrays.copyOfRange(sorted, 0, i + 1);
      double[] right = Arrays.copyOfRange(sorted, i + 1, n);
      double spread = Math.max(iqr(left), iqr(right));
      double score = spread == 0 ? Double.POSITIVE_INFINITY : gap / spread;
      if (score > 2 && score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) {
      return null;
    }
    double[] left = Arrays.copyOfRange(sorted, 0, best + 1);
    double[] right = Arrays.copyOfRange(sorted, best + 1, n);
    return new Warning(
        Warning.Kind.BIMODAL,
        String.format(
            Locale.ROOT,
            "bimodal: %d values near %.4g and %d near %.4g; the median can jump between modes"
                + " (look for forks that compiled differently or hit GC)",
            left.length,
            Quantiles.medianOfSorted(left),
            right.length,
            Quantiles.medianOfSorted(right)));
  }

  private static double iqr(double[] sorted) {
    return Quantiles.ofSorted(sorted, 0.75) - Quantiles.ofSorted(sorted, 0.25);
  }
}
