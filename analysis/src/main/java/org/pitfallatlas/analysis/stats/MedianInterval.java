package org.pitfallatlas.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A MedianInterval computes the sample median and its distribution-free confidence interval from
 * order statistics, exactly as benchstat does.
 *
 * <p>The number of sample values below the population median is Binomial(n, 1/2). For {@code n <=
 * 30} the interval is grown from the mode of that distribution, adding the larger neighbouring
 * probability first (left first on a tie), until the requested confidence is reached; above 30 the
 * normal approximation with continuity correction is used. The achieved confidence is reported (it
 * is at least the requested one). For example n = 6 gives [min, max] at 96.9% and n = 10 gives
 * [x(2), x(9)] at 97.9%. Too small a sample gives an infinite bound and a warning.
 *
 * <p>The binomial and normal distributions come from Commons Statistics; the interval search is
 * benchstat's, re-implemented here.
 *
 * @see <a href="https://cs.opensource.google/go/x/perf/+/master:benchmath/anone.go">benchmath
 *     anone.go</a>
 * @see <a
 *     href="https://github.com/aclements/go-moremath/blob/master/stats/quantileci.go">go-moremath
 *     quantileci.go</a>
 */
public final class MedianInterval {
  private static final int EXACT_LIMIT = 30;
  private static final MedianInterval DEFAULT = new MedianInterval(0.95);

  private final double confidence;

  private MedianInterval(double confidence) {
    this.confidence = confidence;
  }

  /** Returns an interval at confidence 0.95. */
  public static MedianInterval withDefaults() {
    return DEFAULT;
  }

  /**
   * Returns a copy at another confidence level.
   *
   * @param level the confidence, in (0, 1)
   * @return the copy
   * @throws IllegalArgumentException if {@code level} is not in (0, 1)
   */
  public MedianInterval withConfidence(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + level);
    }
    return new MedianInterval(level);
  }

  /** Returns the requested confidence level. */
  public double confidence() {
    return confidence;
  }

  /**
   * Orders are the 1-based order statistics bounding the interval for a sample of size {@code n};
   * {@code lo < 1} means minus infinity and {@code hi > n} means plus infinity.
   *
   * @param n the sample size
   * @param lo the 1-based order statistic of the lower bound
   * @param hi the 1-based order statistic of the upper bound
   * @param confidence the achieved confidence
   */
  public record Orders(int n, int lo, int hi, double confidence) {}

  /**
   * Result of a median interval.
   *
   * @param center the median
   * @param lo the lower bound (may be negative infinity)
   * @param hi the upper bound (may be positive infinity)
   * @param confidence the achieved confidence
   * @param warnings warnings, e.g. too few samples
   */
  public record Result(
      double center, double lo, double hi, double confidence, List<Warning> warnings) {
    /** Returns benchstat's {@code ±} figure: max(hi/center-1, 1-lo/center), or infinity. */
    public double relativeHalfWidth() {
      if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
        return Double.POSITIVE_INFINITY;
      }
      if (center == 0) {
        return 0;
      }
      return Math.max(hi / center - 1, 1 - lo / center);
    }
  }

  /**
   * Returns the order statistics that bound the median's interval for a sample of size {@code n}.
   *
   * @param n the sample size
   * @return the orders
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Orders orders(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("sample size must be positive: " + n);
    }
    int l;
    int r;
    double achieved;
    if (n <= EXACT_LIMIT) {
      // Binomial(n, 1/2) in exact integer counts C(n, k) (2^n of them in all), so that the
      // symmetric neighbours compare equal and the left-first tie-break is the intended one:
      // in floating point C(19, 4)/2^19 and C(19, 15)/2^19 can differ in the last bit, which
      // flipped n = 19 to [x(6), x(15)] where benchstat and exact arithmetic give [x(5), x(14)].
      long[] c = binomialRow(n);
      double total = Math.scalb(1.0, n);
      int x = (int) Math.ceil((n + 1) * 0.5) - 1;
      long accum = c[x];
      l = x;
      r = x + 1;
      long lp = count(c, l - 1);
      long rp = count(c, r);
      while (accum < confidence * total && (lp > 0 || rp > 0)) {
        if (lp >= rp) {
          accum += lp;
          l--;
          lp = count(c, l - 1);
        } else {
          accum += rp;
          r++;
          rp = count(c, r);
        }
      }
      achieved = accum / total;
    } else {
      double mu = n * 0.5;
      NormalDistribution norm = NormalDistribution.of(mu, Math.sqrt(n * 0.25));
      double l1 = norm.inverseCumulativeProbability((1 - confidence) / 2);
      double r1 = 2 * mu - l1;
      l = (int) Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1;
      r = (int) Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1;
      achieved = band(norm, l, r);
      double biased = band(norm, l, r - 1);
      if (biased >= confidence && biased < achieved) {
        achieved = biased;
        r = r - 1;
      }
      if (l <= 0 && r >= n + 1) {
        achieved = 1;
      }
    }
    return new Orders(n, Math.max(l, 0), Math.min(r, n + 1), achieved);
  }

  /** C(n, 0) … C(n, n), exact for n <= 62. */
  private static long[] binomialRow(int n) {
    long[] row = new long[n + 1];
    row[0] = 1;
    for (int k = 1; k <= n; k++) {
      row[k] = row[k - 1] * (n - k + 1) / k;
    }
    return row;
  }

  private static long count(long[] row, int k) {
    return k < 0 || k >= row.length ? 0 : row[k];
  }

  private static double band(NormalDistribution norm, int l, int r) {
    return norm.cumulativeProbability(r - 0.5) - norm.cumulativeProbability(l - 0.5);
  }

  /**
   * Computes the median of {@code values} and its interval.
   *
   * @param values the sample (any order; not modified)
   * @return the result
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public Result of(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return ofSorted(sorted);
  }

  /**
   * Computes the median of all values of {@code sample}, pooled over forks, and its interval.
   *
   * @param sample the sample
   * @return the result
   */
  public Result of(Sample sample) {
    return ofSorted(sample.sortedView());
  }

  private Result ofSorted(double[] sorted) {
    int n = sorted.length;
    Orders o = orders(n);
    double lo = o.lo() < 1 ? Double.NEGATIVE_INFINITY : sorted[o.lo() - 1];
    double hi = o.hi() > n ? Double.POSITIVE_INFINITY : sorted[o.hi() - 1];
    List<Warning> warnings = new ArrayList<>();
    if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
      warnings.add(
          new Warning(
              Warning.Kind.TOO_FEW_SAMPLES,
              "need >= "
                  + minimumSamples()
                  + " samples for confidence interval at level "
                  + Format.level(confidence)));
    }
    return new Result(Quantiles.medianOfSorted(sorted), lo, hi, o.confidence(), warnings);
  }

  /** Returns the smallest sample size with a finite interval at this confidence (max 50). */
  public int minimumSamples() {
    for (int n = 2; n <= 50; n++) {
      Orders o = orders(n);
      if (o.lo() > 0 && o.hi() <= n) {
        return n;
      }
    }
    return 51;
  }
}
