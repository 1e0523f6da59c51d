package org.pitfallatlas.analysis.stats;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * A MannWhitney test is the two-sided Mann-Whitney U (Wilcoxon rank-sum) test with benchstat's
 * choice of p-value method.
 *
 * <ul>
 *   <li>No ties and both samples of size {@code <= 50}: the exact distribution of U.
 *   <li>Ties and both samples of size {@code <= 25}: the exact distribution of U given the tie
 *       pattern (Klotz 1966), computed here by dynamic programming over the tied ranks (benchstat's
 *       {@code MannWhitneyTiesExactLimit} is 25).
 *   <li>Otherwise: the normal approximation with tie correction and continuity correction.
 * </ul>
 *
 * <p>Commons Statistics' {@link MannWhitneyUTest} serves the first and the last case (its exact
 * p-value is the classic Mann-Whitney recurrence, its asymptotic one has the same tie and
 * continuity corrections as benchstat and R); it does not compute an exact p-value when there are
 * ties (it falls back to the normal approximation), which is the case this class adds.
 *
 * <p>With ties the exact p-value is {@code min(1, 2 min(P(U1 <= u1), P(U1 >= u1)))} for the first
 * sample's observed statistic {@code u1}. This departs from benchstat, which doubles {@code P(U1 <=
 * min(U1, U2))}: with an uneven tie pattern the tied distribution of U1 is not symmetric, so when
 * {@code U2 < U1} that is the probability of the wrong tail and can be 0 (e.g. [5, 6, 6] vs [5, 5,
 * 5, 5, 5, 5, 6]: benchstat's rule gives 0, the two-sided exact p is 44/120 = 0.367).
 *
 * @see <a href="https://github.com/aclements/go-moremath/blob/master/stats/utest.go">go-moremath
 *     utest.go</a>
 * @see <a href="https://doi.org/10.1080/01621459.1966.10480904">Klotz (1966), The Wilcoxon, Ties,
 *     and the Computer</a>
 */
public final class MannWhitney {
  private static final MannWhitney DEFAULT = new MannWhitney(50, 25);

  private final int exactLimit;
  private final int tiesExactLimit;

  private MannWhitney(int exactLimit, int tiesExactLimit) {
    this.exactLimit = exactLimit;
    this.tiesExactLimit = tiesExactLimit;
  }

  /** Returns the test with benchstat's limits: exact up to 50 values, 25 with ties. */
  public static MannWhitney withDefaults() {
    return DEFAULT;
  }

  /**
   * Returns a copy with other limits for the exact distribution.
   *
   * @param noTies largest sample size for the exact p-value without ties
   * @param withTies largest sample size for the exact p-value with ties
   * @return the copy
   * @throws IllegalArgumentException if a limit is negative
   */
  public MannWhitney withExactLimits(int noTies, int withTies) {
    if (noTies < 0 || withTies < 0) {
      throw new IllegalArgumentException("limits must be >= 0");
    }
    return new MannWhitney(noTies, withTies);
  }

  /** How the p-value was computed. */
  public enum Method {
    /** Exact distribution, no ties. */
    EXACT,
    /** Exact distribution given the tie pattern. */
    EXACT_WITH_TIES,
    /** Normal approximation with tie and continuity correction. */
    NORMAL,
    /** No test possible (all values equal): p is 1. */
    NONE
  }

  /**
   * Result of the test.
   *
   * @param u the smaller of the two U statistics (ties count 1/2)
   * @param p the two-sided p-value
   * @param n1 size of the first sample
   * @param n2 size of the second sample
   * @param method how {@code p} was computed
   * @param warnings warnings, e.g. all values equal
   */
  public record Result(double u, double p, int n1, int n2, Method method, List<Warning> warnings) {
    /** Returns whether the null hypothesis is rejected at level {@code alpha}. */
    public boolean reject(double alpha) {
      return p <= alpha && method != Method.NONE;
    }
  }

  /**
   * Tests whether {@code x} and {@code y} come from the same distribution.
   *
   * @param x the first sample
   * @param y the second sample
   * @return the result
   * @throws IllegalArgumentException if a sample is empty or has a NaN
   */
  public Result test(double[] x, double[] y) {
    int n1 = x.length;
    int n2 = y.length;
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("Mann-Whitney U needs two non-empty samples");
    }
    double[] a = x.clone();
    double[] b = y.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    if (Double.isNaN(a[n1 - 1]) || Double.isNaN(b[n2 - 1])) {
      throw new IllegalArgumentException("Mann-Whitney U: NaN in a sample");
    }
    // Merge, giving tied runs their mid-rank; keep the tie pattern for the exact distribution.
    int n = n1 + n2;
    int[] ties = new int[n];
    int groups = 0;
    double r1 = 0;
    int i = 0;
    int j = 0;
    int pos = 0;
    while (pos < n) {
      double v = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
      int inA = 0;
      int run = 0;
      while (i < n1 && a[i] == v) {
        i++;
        inA++;
        run++;
      }
      while (j < n2 && b[j] == v) {
        j++;
        run++;
      }
      double midRank = pos + (run + 1) / 2.0;
      r1 += midRank * inA;
      ties[groups++] = run;
      pos += run;
    }
    boolean hasTies = groups < n;
    double u1 = r1 - n1 * (n1 + 1) / 2.0;
    double u = Math.min(u1, (double) n1 * n2 - u1);
    if (groups == 1) {
      return new Result(
          u,
          1,
          n1,
          n2,
          Method.NONE,
          List.of(new Warning(Warning.Kind.ALL_EQUAL, "all samples are equal")));
    }
    if (!hasTies && n1 <= exactLimit && n2 <= exactLimit) {
      double p =
          MannWhitneyUTest.withDefaults()
              .with(AlternativeHypothesis.TWO_SIDED)
              .with(PValueMethod.EXACT)
              .test(x, y)
              .getPValue();
      return new Result(u, Math.min(1, p), n1, n2, Method.EXACT, List.of());
    }
    if (hasTies && n1 <= tiesExactLimit && n2 <= tiesExactLimit) {
      double p =
          u1 == (double) n1 * n2 - u1 ? 1 : exactWithTies(n1, n2, Arrays.copyOf(ties, groups), u1);
      return new Result(u, p, n1, n2, Method.EXACT_WITH_TIES, List.of());
    }
    double p =
        MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED)
            .with(PValueMethod.ASYMPTOTIC)
            .with(ContinuityCorrection.ENABLED)
            .test(x, y)
            .getPValue();
    return new Result(u, p, n1, n2, Method.NORMAL, List.of());
  }

  /**
   * Returns {@code min(1, 2 min(P(U1 <= u1), P(U1 >= u1)))} under the null hypothesis for the first
   * sample's observed statistic {@code u1}, given the tie pattern, by counting the subsets of size
   * {@code n1} of the ranked values: {@code count[k][s]} is the number of ways to pick {@code k}
   * values from the tie groups seen so far with doubled rank sum {@code s}, each group of size
   * {@code t} contributing {@code C(t, r)} ways to pick {@code r} of its values.
   */
  static double exactWithTies(int n1, int n2, int[] ties, double u1) {
    int n = n1 + n2;
    // Doubled rank sums are integers; 2*U1 = 2*R1 - n1(n1+1).
    long observed = Math.round(2 * u1) + (long) n1 * (n1 + 1);
    int maxSum = 2 * n * n1;
    double[][] count = new double[n1 + 1][maxSum + 1];
    count[0][0] = 1;
    int start = 0;
    int seen = 0;
    for (int t : ties) {
      int doubledMidRank = 2 * start + t + 1;
      seen += t;
      for (int k = Math.min(n1, seen); k >= 1; k--) {
        double[] row = count[k];
        for (int r = 1; r <= Math.min(t, k); r++) {
          double ways = binomial(t, r);
          int shift = r * doubledMidRank;
          double[] from = count[k - r];
          for (int s = maxSum; s >= shift; s--) {
            double c = from[s - shift];
            if (c != 0) {
              row[s] += ways * c;
            }
          }
        }
      }
      start += t;
    }
    double below = 0;
    double above = 0;
    for (int s = 0; s <= maxSum; s++) {
      if (s <= observed) {
        below += count[n1][s];
      }
      if (s >= observed) {
        above += count[n1][s];
      }
    }
    return Math.min(1, 2 * Math.min(below, above) / binomial(n, n1));
  }

  private static double binomial(int n, int k) {
    double c = 1;
    for (int i = 1; i <= k; i++) {
      c = c * (n - k + i) / i;
    }
    return c;
  }

  /**
   * Returns the smallest two-sided p-value the test can give for these sample sizes, {@code 2 /
   * C(n1 + n2, n1)} (capped at 1): complete separation without ties. No data of these sizes can
   * reach a smaller p (ties only make it larger).
   *
   * @param n1 size of the first sample
   * @param n2 size of the second sample
   * @return the smallest achievable p
   */
  public static double smallestP(int n1, int n2) {
    return Math.min(1, 2 / binomial(n1 + n2, Math.min(n1, n2)));
  }

  /**
   * Returns the smallest equal sample size at which the test can reach {@code alpha} at all
   * (benchstat's "need >= 4 samples to detect a difference at alpha level 0.05").
   *
   * @param alpha the significance level
   * @return the sample size per side, at most 10
   */
  public static int minimumSamples(double alpha) {
    for (int k = 1; k <= 9; k++) {
      if (2 / binomial(2 * k, k) <= alpha) {
        return k;
      }
    }
    return 10;
  }
}
