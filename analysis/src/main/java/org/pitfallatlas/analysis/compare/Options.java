package org.pitfallatlas.analysis.compare;

import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.SteadyState;

/**
 * Options of a comparison: significance level, confidence, equivalence margin, the mode (fork-aware
 * or benchstat's pooled numbers), a filter, and the steady-state classifier (default mode).
 * Immutable; {@code with...} returns a copy.
 */
public final class Options {
  /** How columns are summarised and compared. */
  public enum Mode {
    /**
     * The atlas's default: the fork (JVM invocation) is the unit of replication (Kalibera and Jones
     * 2013). Each fork's iteration series is classified by the steady-state classifier ({@link
     * Options#steadyState()}) and reduced to one value, the geometric mean of its steady iterations
     * ({@link org.pitfallatlas.analysis.stats.ForkValues}). A column's center is the geometric mean
     * of its fork values, with a Student t interval over them; the ratio other/base is the ratio of
     * those centers, compared by Welch's t on the log fork values ({@link
     * org.pitfallatlas.analysis.stats.ForkRatio}). Its interval is simultaneous over the rows of
     * the same metric in the table (Bonferroni: confidence {@code 1 - alpha/(m L)} for {@code m}
     * tested rows and {@code L} looks), the p-value is Bonferroni-adjusted, and the verdict is read
     * off the printed interval: equivalent inside ±margin, faster/slower when it excludes 1, else
     * {@code ~}.
     *
     * <p>No verdict ({@code ~}, no interval, no p) when a side has a single fork (no variance
     * between forks can be estimated) or when a fork never reached a steady state. Rows with a
     * value of 0 (0 B/op) use the arithmetic means of the forks and Welch's t on the raw scale: no
     * ratio interval, and {@code equivalent} only for identical constant values.
     */
    FORKS,
    /**
     * benchstat's numbers: iterations pooled over forks, median with the order-statistic interval,
     * Mann-Whitney U p-value; verdicts from the unadjusted p-value, no equivalence.
     */
    BENCHSTAT
  }

  /** The default steady-state classifier: {@link SteadyState#withDefaults()}. */
  public static final BiFunction<double[], Direction, SteadyState.Result> DEFAULT_STEADY_STATE =
      (series, direction) -> SteadyState.withDefaults().classify(series, direction);

  private static final Options DEFAULT =
      new Options(0.05, 0.95, 0.02, Mode.FORKS, null, DEFAULT_STEADY_STATE);

  private final double alpha;
  private final double confidence;
  private final double equivalence;
  private final Mode mode;
  private final Pattern filter;
  private final BiFunction<double[], Direction, SteadyState.Result> steadyState;

  private Options(
      double alpha,
      double confidence,
      double equivalence,
      Mode mode,
      Pattern filter,
      BiFunction<double[], Direction, SteadyState.Result> steadyState) {
    this.alpha = alpha;
    this.confidence = confidence;
    this.equivalence = equivalence;
    this.mode = mode;
    this.filter = filter;
    this.steadyState = steadyState;
  }

  /** Returns alpha 0.05, confidence 0.95, equivalence 2%, fork-aware mode, no filter. */
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
    return new Options(a, confidence, equivalence, mode, filter, steadyState);
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
    return new Options(alpha, c, equivalence, mode, filter, steadyState);
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
      throw new IllegalArgumentException(
          "--equivalence must be in [0, 100) percent, not "
              + new java.math.BigDecimal(fraction * 100)
                  .round(new java.math.MathContext(10))
                  .stripTrailingZeros()
                  .toPlainString());
    }
    return new Options(alpha, confidence, fraction, mode, filter, steadyState);
  }

  /** Returns a copy in another mode. */
  public Options with(Mode m) {
    return new Options(alpha, confidence, equivalence, m, filter, steadyState);
  }

  /** Returns a copy that keeps only rows whose name matches {@code regex} (find, not match). */
  public Options withFilter(Pattern regex) {
    return new Options(alpha, confidence, equivalence, mode, regex, steadyState);
  }

  /** Returns the significance level. */
  public double alpha() {
    return alpha;
  }

  /**
   * Returns the confidence level of the columns' intervals (and, in benchstat mode, of the ratio's
   * bootstrap interval). The default mode's ratio intervals are simultaneous at {@code 1 - alpha}
   * instead: each at {@code 1 - alpha/(m L)}, so that a verdict and its interval agree.
   */
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

  /**
   * Returns a copy that classifies each fork's iterations with another steady-state classifier (a
   * seam for tests; the default is {@link #DEFAULT_STEADY_STATE}). Rows are computed in parallel,
   * so the classifier may be called from several threads at once.
   *
   * @param classifier classifies one fork's series, in measurement order
   * @return the copy
   * @throws NullPointerException if {@code classifier} is null
   */
  public Options withSteadyState(BiFunction<double[], Direction, SteadyState.Result> classifier) {
    if (classifier == null) {
      throw new NullPointerException("classifier");
    }
    return new Options(alpha, confidence, equivalence, mode, filter, classifier);
  }

  /** Returns the steady-state classifier of the default mode. */
  public BiFunction<double[], Direction, SteadyState.Result> steadyState() {
    return steadyState;
  }
}
