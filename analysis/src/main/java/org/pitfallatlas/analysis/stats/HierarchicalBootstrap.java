package org.pitfallatlas.analysis.stats;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;

/**
 * A HierarchicalBootstrap estimates the ratio of two medians with a confidence interval that
 * respects the fork as the unit of replication: each resample draws forks with replacement, then
 * iterations with replacement within each drawn fork, and takes the median of the pooled draw
 * (Kalibera and Jones 2013, "Rigorous benchmarking in reasonable time").
 *
 * <p>The interval is the percentile interval of {@code median(other*) / median(base*)} over
 * independent resamples of the two samples; the p-value for "ratio = 1" is the two-sided percentile
 * p-value {@code 2 min(#(r* <= 1) + 1, #(r* >= 1) + 1) / (B + 1)}, so that the interval at level
 * {@code 1 - p} just touches 1. Resampling is seeded (Commons RNG, XO_RO_SHI_RO_128_PP), so results
 * are reproducible. With {@link Level#ITERATIONS} the fork structure is ignored (the ordinary
 * bootstrap of pooled values).
 *
 * <p>What the p-value can and cannot say: its smallest value is {@code 2/(B+1)}, a Monte Carlo
 * resolution, not evidence. It is only as good as the variation the resampling can see: with one
 * fork per sample, resampling forks draws that fork every time, the interval reflects within-fork
 * noise alone, and any shift larger than that noise gets the floor p-value, even from a single
 * value per side (where every resample is the sample itself). With few forks (2-3) fork-level
 * variance is underestimated (the bootstrap variance of a mean over k forks is {@code (k-1)/k} of
 * the usual estimate, and 2 forks give only 3 distinct fork draws), so intervals are optimistic and
 * a table of them printed p-values at the Monte Carlo floor times the number of rows. For these
 * reasons the comparison engine no longer decides with it: the default mode uses Welch's t on one
 * value per fork ({@link ForkRatio}); this class serves benchstat mode's ratio interval (an atlas
 * extra, at {@link Level#ITERATIONS}) and anyone who wants a bootstrap.
 *
 * <p>The hot loop uses primitive arrays only: values are replaced by their ranks in the pooled
 * sorted sample, a draw increments a rank counter, and the median is read off the counters (a
 * counting select, linear in the sample size).
 *
 * @see <a href="https://doi.org/10.1145/2464157.2464160">Kalibera and Jones (2013)</a>
 */
public final class HierarchicalBootstrap {
  private static final HierarchicalBootstrap DEFAULT =
      new HierarchicalBootstrap(10_000, 0.95, 1L, Level.FORKS);

  /** What a resample draws first. */
  public enum Level {
    /** Forks, then iterations within forks (the default). */
    FORKS,
    /** Iterations from all forks pooled (the ordinary bootstrap). */
    ITERATIONS
  }

  private static final int BITS = 21;
  private static final long MASK = (1L << BITS) - 1;

  private final int resamples;
  private final double confidence;
  private final long seed;
  private final Level level;

  private HierarchicalBootstrap(int resamples, double confidence, long seed, Level level) {
    this.resamples = resamples;
    this.confidence = confidence;
    this.seed = seed;
    this.level = level;
  }

  /** Returns 10,000 resamples, confidence 0.95, seed 1, resampling forks then iterations. */
  public static HierarchicalBootstrap withDefaults() {
    return DEFAULT;
  }

  /**
   * Returns a copy with another number of resamples.
   *
   * @param b the number of resamples
   * @return the copy
   * @throws IllegalArgumentException if {@code b < 100}
   */
  public HierarchicalBootstrap withResamples(int b) {
    if (b < 100) {
      throw new IllegalArgumentException("need at least 100 resamples: " + b);
    }
    return new HierarchicalBootstrap(b, confidence, seed, level);
  }

  /**
   * Returns a copy with another confidence level.
   *
   * @param c the confidence, in (0, 1)
   * @return the copy
   * @throws IllegalArgumentException if {@code c} is not in (0, 1)
   */
  public HierarchicalBootstrap withConfidence(double c) {
    if (!(c > 0 && c < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + c);
    }
    return new HierarchicalBootstrap(resamples, c, seed, level);
  }

  /** Returns a copy with another seed. */
  public HierarchicalBootstrap withSeed(long s) {
    return new HierarchicalBootstrap(resamples, confidence, s, level);
  }

  /** Returns a copy that resamples at another level. */
  public HierarchicalBootstrap with(Level l) {
    return new HierarchicalBootstrap(resamples, confidence, seed, l);
  }

  /** Returns the number of resamples. */
  public int resamples() {
    return resamples;
  }

  /**
   * Result of a bootstrap comparison.
   *
   * @param ratio the point estimate, {@code median(other) / median(base)}
   * @param lo the lower bound of the ratio's interval
   * @param hi the upper bound of the ratio's interval
   * @param p the two-sided bootstrap p-value for ratio = 1
   * @param baseLo lower bound of the base median's interval
   * @param baseHi upper bound of the base median's interval
   * @param otherLo lower bound of the other median's interval
   * @param otherHi upper bound of the other median's interval
   * @param confidence the confidence level of the intervals
   */
  public record Result(
      double ratio,
      double lo,
      double hi,
      double p,
      double baseLo,
      double baseHi,
      double otherLo,
      double otherHi,
      double confidence) {}

  /**
   * Interval of one median.
   *
   * @param center the sample median
   * @param lo the lower bound
   * @param hi the upper bound
   * @param confidence the confidence level
   */
  public record MedianResult(double center, double lo, double hi, double confidence) {}

  /**
   * Compares {@code other} against {@code base}.
   *
   * @param base the base sample (denominator)
   * @param other the compared sample (numerator)
   * @param stream a stream id mixed into the seed, so that each comparison of a table gets its own
   *     reproducible random stream whatever the order of computation
   * @return the result
   * @throws IllegalArgumentException if a median of {@code base} is not positive
   */
  public Result ratioOfMedians(Sample base, Sample other, long stream) {
    if (!(base.median() > 0)) {
      throw new IllegalArgumentException("ratio of medians needs a positive base median");
    }
    // No loop in this method: the loops live in small methods (medians, ratios), so the JIT
    // compiles each hot loop once instead of again inlined into an OSR and a normal compilation of
    // this method (measured: a quarter of a comparison's compile time).
    UniformRandomProvider rng = rng(stream);
    double[] mb = medians(base, rng);
    double[] mo = medians(other, rng);
    int b = resamples;
    double[] ratios = new double[b];
    long sides = ratios(mo, mb, ratios);
    int atMostOne = (int) (sides >>> 32);
    int atLeastOne = (int) sides;
    double pl = (1 - confidence) / 2;
    double ph = 1 - pl;
    double p = Math.min(1, 2.0 * (Math.min(atMostOne, atLeastOne) + 1) / (b + 1));
    return new Result(
        other.median() / base.median(),
        Quantiles.ofUnsortedInPlace(ratios, pl),
        Quantiles.ofUnsortedInPlace(ratios, ph),
        p,
        Quantiles.ofUnsortedInPlace(mb, pl),
        Quantiles.ofUnsortedInPlace(mb, ph),
        Quantiles.ofUnsortedInPlace(mo, pl),
        Quantiles.ofUnsortedInPlace(mo, ph),
        confidence);
  }

  /**
   * Fills {@code ratios[i] = num[i] / den[i]}; returns how many are {@code <= 1} (high 32 bits) and
   * {@code >= 1} (low 32 bits).
   */
  private static long ratios(double[] num, double[] den, double[] ratios) {
    long atMostOne = 0;
    long atLeastOne = 0;
    for (int i = 0; i < ratios.length; i++) {
      double r = num[i] / den[i];
      ratios[i] = r;
      if (r <= 1) {
        atMostOne++;
      }
      if (r >= 1) {
        atLeastOne++;
      }
    }
    return atMostOne << 32 | atLeastOne;
  }

  /**
   * Returns the median of {@code sample} with its bootstrap percentile interval.
   *
   * @param sample the sample
   * @param stream a stream id mixed into the seed
   * @return the result
   */
  public MedianResult median(Sample sample, long stream) {
    double[] m = medians(sample, rng(stream));
    double pl = (1 - confidence) / 2;
    return new MedianResult(
        sample.median(),
        Quantiles.ofUnsortedInPlace(m, pl),
        Quantiles.ofUnsortedInPlace(m, 1 - pl),
        confidence);
  }

  private UniformRandomProvider rng(long stream) {
    // The same generator and stream as RandomSource.XO_RO_SHI_RO_128_PP.create(seed), built
    // directly: RandomSource's registry loads every provider class of Commons RNG (about 70) on
    // first use, a measurable share of a comparison's start-up.
    return new XoRoShiRo128PlusPlus(new long[] {seed, mix(stream)});
  }

  private static long mix(long z) {
    // SplitMix64's finaliser: nearby stream ids give unrelated seeds.
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Returns {@code resamples} medians of resamples of {@code sample}. */
  double[] medians(Sample sample, UniformRandomProvider rng) {
    double[] sorted = sample.sortedView();
    int n = sorted.length;
    int[][] ranks = level == Level.FORKS ? ranks(sample) : new int[][] {identity(n)};
    int k = ranks.length;
    int[] counts = new int[n];
    double[] out = new double[resamples];
    // Bounded random ints, three per 64-bit draw, kept in locals for the hot loop: each takes 21
    // random bits and maps them to [0, bound) by multiply-shift (Lemire 2019) without rejection.
    // For the fork and iteration counts of benchmarks (bound below a few hundred) the bias is
    // below bound / 2^21, far under the bootstrap's own Monte Carlo error.
    long bits = 0;
    int left = 0;
    for (int b = 0; b < resamples; b++) {
      Arrays.fill(counts, 0);
      int total = 0;
      for (int f = 0; f < k; f++) {
        int pick = 0;
        if (k > 1) {
          if (left == 0) {
            bits = rng.nextLong();
            left = 3;
          }
          pick = (int) (((bits & MASK) * k) >>> BITS);
          bits >>>= BITS;
          left--;
        }
        int[] fork = ranks[pick];
        int m = fork.length;
        for (int i = 0; i < m; i++) {
          if (left == 0) {
            bits = rng.nextLong();
            left = 3;
          }
          counts[fork[(int) (((bits & MASK) * m) >>> BITS)]]++;
          bits >>>= BITS;
          left--;
        }
        total += m;
      }
      out[b] = countingMedian(counts, sorted, total);
    }
    return out;
  }

  private static double countingMedian(int[] counts, double[] sorted, int total) {
    int lowerIndex = (total - 1) / 2;
    int upperIndex = total / 2;
    int seen = 0;
    int r = 0;
    while (seen + counts[r] <= lowerIndex) {
      seen += counts[r];
      r++;
    }
    double lower = sorted[r];
    if (upperIndex == lowerIndex) {
      return lower;
    }
    while (seen + counts[r] <= upperIndex) {
      seen += counts[r];
      r++;
    }
    return 0.5 * (lower + sorted[r]);
  }

  /**
   * Each value's index in the pooled sorted sample, per fork, in ascending order. Tied values get
   * distinct indexes in fork-major order (as a stable sort of the pooled values would give them),
   * so that the counting median sees each value once. Found by binary search in the sorted view: no
   * boxing, no comparator, nothing for the JIT to warm up.
   */
  private static int[][] ranks(Sample sample) {
    double[][] forks = sample.forksView();
    double[] sorted = sample.sortedView();
    int[] taken = new int[sorted.length];
    int[][] ranks = new int[forks.length][];
    for (int f = 0; f < forks.length; f++) {
      double[] fork = forks[f];
      int[] r = new int[fork.length];
      for (int i = 0; i < fork.length; i++) {
        int first = lowerBound(sorted, fork[i]);
        r[i] = first + taken[first]++;
      }
      // Ascending within the fork: a draw picks a position, so this order is part of what a seed
      // reproduces.
      Arrays.sort(r);
      ranks[f] = r;
    }
    return ranks;
  }

  /** The first index whose value is not below {@code v} (in {@link Double#compare} order). */
  private static int lowerBound(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Double.compare(sorted[mid], v) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}
