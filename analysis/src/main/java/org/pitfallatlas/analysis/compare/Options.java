package org.pitfallatlas.analysis.compare;

import java.util.regex.Pattern;

/**
 * Options of a comparison: significance level, confidence, equivalence margin, the mode (fork-aware
 * or benchstat's pooled numbers), a filter, and the bootstrap's resamples and seed. Immutable;
 * {@code with...} returns a copy.
 */
public final class Options {
  /** How columns are summarised and compared. */
  public enum Mode {
    /**
     * The atlas's default: median with a hierarchical-bootstrap interval (forks, then iterations),
     * ratio interval and p-value from the same bootstrap, Holm-adjusted, with equivalence.
     *
     * <p>The bootstrap only decides when both sides carry the evidence it needs; otherwise the
     * verdict claims no more than the data support:
     *
     * <ul>
     *   <li>Fewer than {@link org.pitfallatlas.analysis.stats.MannWhitney#minimumSamples} values (4
     *       at alpha 0.05) on either side: always {@code ~}, with benchstat's warning "need >= 4
     *       samples to detect a difference at alpha level 0.05", and no ratio interval. (benchstat
     *       itself warns only when both sides are small and p > alpha; a bootstrap of one to three
     *       values has no honest p-value at all, so this mode is stricter.) A column of a single
     *       value has an unbounded interval, as in benchstat.
     *   <li>A single fork on either side: resampling forks degenerates to resampling that fork's
     *       iterations, so the bootstrap sees only within-fork noise and, for any shift larger than
     *       that noise, returns its Monte Carlo floor {@code 2/(B+1)} whatever the number of
     *       values. The p-value is then Mann-Whitney U over the iterations (test {@code
     *       mann-whitney-*}), whose smallest value is set by the sample sizes ({@code 2/C(n1+n2,
     *       n1)}); it tells whether these two JVM runs differ, which is all a single fork can tell.
     *       The interval is still shown (with the "only 1 fork" warning), but never used to call a
     *       change {@code equivalent}.
     * </ul>
     */
    FORKS,
    /**
     * benchstat's numbers: iterations pooled over forks, median with the order-statistic interval,
     * Mann-Whitney U p-value; verdicts from the unadjusted p-value, no equivalence.
     */
    BENCHSTAT
  }

  private static final Options DEFAULT =
      new Options(0.05, 0.95, 0.02, Mode.FORKS, null, 10_000, 1L);

  private final double alpha;
  private final double confidence;
  private final double equivalence;
  private final Mode mode;
  private final Pattern filter;
  private final int resamples;
  private final long seed;

  private Options(
      double alpha,
      double confidence,
      double equivalence,
      Mode mode,
      Pattern filter,
      int resamples,
      long seed) {
    this.alpha = alpha;
    this.confidence = confidence;
    this.equivalence = equivalence;
    this.mode = mode;
    this.filter = filter;
    this.resamples = resamples;
    this.seed = seed;
  }

  /**
   * Returns alpha 0.05, confidence 0.95, equivalence 2%, fork-aware mode, no filter, 10,000
   * resamples, seed 1.
   */
  public static Options withDefaults() {
    return DEFAULT;
  }

  /**
   * Returns a copy with another significance level.
   *
   * @param a the level, in (0, 1)
   * @return the copy
   * @throws IllegalArgumentException if {@code a} is not in (0, 1)
   */
  public Options withAlpha(double a) {
    if (!(a > 0 && a < 1)) {
      throw new IllegalArgumentException("--alpha must be in (0, 1): " + a);
    }
    return new Options(a, confidence, equivalence, mode, filter, resamples, seed);
  }

  /**
   * Returns a copy with another confidence level for intervals.
   *
   * @param c the level, in (0, 1)
   * @return the copy
   * @throws IllegalArgumentException if {@code c} is not in (0, 1)
   */
  public Options withConfidence(double c) {
    if (!(c > 0 && c < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + c);
    }
    return new Options(alpha, c, equivalence, mode, filter, resamples, seed);
  }

  /**
   * Returns a copy with another equivalence margin.
   *
   * @param fraction the margin as a fraction (0.02 = ±2%); 0 disables the equivalent verdict
   * @return the copy
   * @throws IllegalArgumentException if {@code fraction} is negative or at least 1
   */
  public Options withEquivalence(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("--equivalence must be in [0, 100) percent: " + fraction);
    }
    return new Options(alpha, confidence, fraction, mode, filter, resamples, seed);
  }

  /** Returns a copy in another mode. */
  public Options with(Mode m) {
    return new Options(alpha, confidence, equivalence, m, filter, resamples, seed);
  }

  /** Returns a copy that keeps only rows whose name matches {@code regex} (find, not match). */
  public Options withFilter(Pattern regex) {
    return new Options(alpha, confidence, equivalence, mode, regex, resamples, seed);
  }

  /**
   * Returns a copy with another number of bootstrap resamples.
   *
   * @param b the number of resamples
   * @return the copy
   * @throws IllegalArgumentException if {@code b < 100}
   */
  public Options withResamples(int b) {
    if (b < 100) {
      throw new IllegalArgumentException("need at least 100 resamples: " + b);
    }
    return new Options(alpha, confidence, equivalence, mode, filter, b, seed);
  }

  /** Returns a copy with another bootstrap seed. */
  public Options withSeed(long s) {
    return new Options(alpha, confidence, equivalence, mode, filter, resamples, s);
  }

  /** Returns the significance level. */
  public double alpha() {
    return alpha;
  }

  /** Returns the confidence level of intervals. */
  public double confidence() {
    return confidence;
  }

  /** Returns the equivalence margin as a fraction. */
  public double equivalence() {
    return equivalence;
  }

  /** Returns the mode. */
  public Mode mode() {
    return mode;
  }

  /** Returns the row filter, or null. */
  public Pattern filter() {
    return filter;
  }

  /** Returns the number of bootstrap resamples. */
  public int resamples() {
    return resamples;
  }

  /** Returns the bootstrap seed. */
  public long seed() {
    return seed;
  }
}
