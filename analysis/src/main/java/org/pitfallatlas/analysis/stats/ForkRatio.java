package org.pitfallatlas.analysis.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A ForkRatio compares two sets of fork values (one value per JVM fork: the geometric mean of its
 * steady iterations, see {@link ForkValues}) with Welch's t test on their logarithms, the fork
 * being the unit of replication (Kalibera and Jones 2013, "Rigorous benchmarking in reasonable
 * time").
 *
 * <p>{@link #compare} estimates the ratio of geometric means other/base as {@code exp(d)}, {@code d
 * = mean(log other) - mean(log base)}, with the interval {@code exp(d ± t·se)}, {@code se =
 * sqrt(s1²/k1 + s2²/k2)}, {@code t} the {@code (1 + confidence)/2} quantile of Student's t with the
 * Welch–Satterthwaite degrees of freedom {@code (v1 + v2)² / (v1²/(k1-1) + v2²/(k2-1))}, {@code vi
 * = si²/ki}; and the two-sided p-value of {@code d = 0}. Student's t is Commons Statistics' {@link
 * TDistribution} (real degrees of freedom). By construction the interval excludes 1 exactly when
 * {@code p <= 1 - confidence}, so a caller that wants simultaneous intervals over {@code m}
 * comparisons asks for confidence {@code 1 - alpha/m} (Bonferroni) and compares the Bonferroni
 * p-value {@code min(1, m p)} with alpha.
 *
 * <p>Edge cases, all finite:
 *
 * <ul>
 *   <li>A side with a single fork: no variance between forks can be estimated, so there is no test;
 *       the result has the ratio and NaN for the interval, p and degrees of freedom.
 *   <li>Both sides without variance (every fork gives the same value, as deterministic B/op do):
 *       the difference is exact. Identical values give ratio 1, the interval [1, 1] and p = 1;
 *       different values give the ratio as a zero-width interval and p = 0. Degrees of freedom are
 *       NaN (no variance to estimate).
 *   <li>One side without variance: Welch's test handles it (the degrees of freedom are the other
 *       side's {@code k - 1}).
 * </ul>
 *
 * <p>{@link #compareMeans} is the same test on the raw scale, for values that may be 0 (0 B/op): a
 * difference of means with its interval; a ratio of zero is undefined on the log scale.
 *
 * <p>Immutable; {@code with...} returns a copy.
 *
 * @see <a href="https://doi.org/10.1145/2464157.2464160">Kalibera and Jones (2013)</a>
 */
public final class ForkRatio {
  private static final ForkRatio DEFAULT = new ForkRatio(0.95);

  private final double confidence;

  private ForkRatio(double confidence) {
    this.confidence = confidence;
  }

  /** Returns the comparison at confidence 0.95 (a single, unadjusted interval). */
  public static ForkRatio withDefaults() {
    return DEFAULT;
  }

  /**
   * Returns a copy with another confidence level, e.g. {@code 1 - alpha / (m * looks)} for
   * intervals simultaneous over {@code m} comparisons and {@code looks} looks at the data.
   *
   * @param c the confidence, in (0, 1)
   * @return the copy
   * @throws IllegalArgumentException if {@code c} is not in (0, 1)
   */
  public static ForkRatio withConfidence(double c) {
    if (!(c > 0 && c < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + c);
    }
    return new ForkRatio(c);
  }

  /** Returns the confidence level of the intervals. */
  public double confidence() {
    return confidence;
  }

  /**
   * The comparison of two sides on the log scale.
   *
   * @param ratio the ratio of geometric means, other/base
   * @param lo the lower bound of the ratio's interval (NaN without a test)
   * @param hi the upper bound of the ratio's interval (NaN without a test)
   * @param p the two-sided Welch p-value for ratio = 1, unadjusted (NaN without a test)
   * @param df the Welch–Satterthwaite degrees of freedom (NaN without a test or without variance)
   * @param baseForks the number of base fork values
   * @param otherForks the number of other fork values
   * @param confidence the confidence level of the interval
   */
  public record Result(
      double ratio,
      double lo,
      double hi,
      double p,
      double df,
      int baseForks,
      int otherForks,
      double confidence) {

    /** Whether a test was possible: at least two fork values on each side. */
    public boolean tested() {
      return !Double.isNaN(p);
    }

    /** Whether the interval excludes 1 (equivalently, {@code p <= 1 - confidence}). */
    public boolean excludesOne() {
      return lo > 1 || hi < 1;
    }

    /** Whether the whole interval lies within {@code [1 - margin, 1 + margin]}. */
    public boolean within(double margin) {
      return lo >= 1 - margin && hi <= 1 + margin;
    }
  }

  /**
   * The comparison of two sides on the raw scale.
   *
   * @param difference mean(other) - mean(base)
   * @param lo the lower bound of the difference's interval (NaN without a test)
   * @param hi the upper bound of the difference's interval (NaN without a test)
   * @param p the two-sided Welch p-value for difference = 0, unadjusted (NaN without a test)
   * @param df the Welch–Satterthwaite degrees of freedom (NaN without a test or without variance)
   * @param baseMean mean of the base fork values
   * @param otherMean mean of the other fork values
   * @param baseForks the number of base fork values
   * @param otherForks the number of other fork values
   * @param confidence the confidence level of the interval
   */
  public record Difference(
      double difference,
      double lo,
      double hi,
      double p,
      double df,
      double baseMean,
      double otherMean,
      int baseForks,
      int otherForks,
      double confidence) {

    /** Whether a test was possible: at least two fork values on each side. */
    public boolean tested() {
      return !Double.isNaN(p);
    }

    /** Whether the interval excludes 0 (equivalently, {@code p <= 1 - confidence}). */
    public boolean excludesZero() {
      return lo > 0 || hi < 0;
    }
  }

  /**
   * Compares fork values on the log scale: the ratio of geometric means other/base.
   *
   * @param base the base fork values (all positive), one per fork
   * @param other the other fork values (all positive), one per fork
   * @return the result
   * @throws IllegalArgumentException if a side is empty or a value is not finite and positive (a
   *     fork that never reached a steady state has no value: see {@link ForkValues#allSteady()})
   */
  public Result compare(double[] base, double[] other) {
    check(base, true);
    check(other, true);
    Welch w = welch(logs(base), logs(other));
    return new Result(
        Math.exp(w.difference),
        Math.exp(w.lo),
        Math.exp(w.hi),
        w.p,
        w.df,
        base.length,
        other.length,
        confidence);
  }

  /**
   * Compares fork values on the raw scale: the difference of means (for values that may be 0).
   *
   * @param base the base fork values (finite), one per fork
   * @param other the other fork values (finite), one per fork
   * @return the result
   * @throws IllegalArgumentException if a side is empty or a value is not finite
   */
  public Difference compareMeans(double[] base, double[] other) {
    check(base, false);
    check(other, false);
    Welch w = welch(base, other);
    return new Difference(
        w.difference,
        w.lo,
        w.hi,
        w.p,
        w.df,
        mean(base),
        mean(other),
        base.length,
        other.length,
        confidence);
  }

  /**
   * Returns the two-sided interval of the mean of {@code values} at this confidence: {@code mean ±
   * t(k-1) s/sqrt(k)}; {@code [-∞, +∞]} for a single value (no variance can be estimated).
   *
   * @param values the values
   * @return {@code {lo, hi}}
   * @throws IllegalArgumentException if there are no values or one is not finite
   */
  public double[] meanInterval(double[] values) {
    check(values, false);
    int k = values.length;
    double m = mean(values);
    if (k < 2) {
      return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    double se = Math.sqrt(variance(values, m) / k);
    if (se == 0) {
      return new double[] {m, m};
    }
    double q = TDistribution.of(k - 1).inverseSurvivalProbability((1 - confidence) / 2);
    return new double[] {m - q * se, m + q * se};
  }

  private record Welch(double difference, double lo, double hi, double p, double df) {}

  private Welch welch(double[] a, double[] b) {
    double ma = mean(a);
    double mb = mean(b);
    double d = mb - ma;
    int ka = a.length;
    int kb = b.length;
    if (ka < 2 || kb < 2) {
      return new Welch(d, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double va = variance(a, ma) / ka;
    double vb = variance(b, mb) / kb;
    double se2 = va + vb;
    if (se2 == 0) {
      // No variance on either side: the difference is exact.
      return new Welch(d, d, d, d == 0 ? 1 : 0, Double.NaN);
    }
    double df = se2 * se2 / (va * va / (ka - 1) + vb * vb / (kb - 1));
    double se = Math.sqrt(se2);
    TDistribution t = TDistribution.of(df);
    double q = t.inverseSurvivalProbability((1 - confidence) / 2);
    double p = Math.min(1, 2 * t.survivalProbability(Math.abs(d) / se));
    return new Welch(d, d - q * se, d + q * se, p, df);
  }

  private static void check(double[] values, boolean positive) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("a side needs at least one fork value");
    }
    for (double v : values) {
      if (!Double.isFinite(v) || (positive && !(v > 0))) {
        throw new IllegalArgumentException(
            "fork values must be finite"
                + (positive ? " and positive" : "")
                + ": "
                + v
                + (Double.isNaN(v)
                    ? " (a fork that never reached a steady state has no value)"
                    : ""));
      }
    }
  }

  private static double[] logs(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.log(v[i]);
    }
    return out;
  }

  static double mean(double[] v) {
    double s = 0;
    boolean constant = true;
    for (double x : v) {
      s += x;
      constant &= x == v[0];
    }
    // Exactly the value when all are equal: identical sides must differ by exactly 0.
    return constant ? v[0] : s / v.length;
  }

  private static double variance(double[] v, double mean) {
    boolean constant = true;
    for (double x : v) {
      constant &= x == v[0];
    }
    if (constant) {
      // Exactly 0, not the rounding error of a mean that is one ulp off its values.
      return 0;
    }
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return s / (v.length - 1);
  }
}
