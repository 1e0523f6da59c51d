package org.pitfallatlas.analysis.stats;

/**
 * A Verdict is what a comparison concludes: better, worse, not enough evidence ({@code ~}), or
 * practically the same ({@code equivalent}).
 */
public enum Verdict {
  /** Significantly better: less time or fewer bytes per op, or more ops per second. */
  FASTER("faster"),
  /** Significantly worse. */
  SLOWER("slower"),
  /** Not enough evidence of a difference. */
  NO_DIFFERENCE("~"),
  /** The whole interval of the ratio lies within the equivalence margin. */
  EQUIVALENT("equivalent");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** Returns the label used in every output format: faster, slower, ~ or equivalent. */
  public String label() {
    return label;
  }

  /**
   * Decides a comparison. Equivalence is checked first (an interval inside {@code [1 - margin, 1 +
   * margin]} means the difference, whatever it is, is too small to matter); otherwise a significant
   * p-value gives faster or slower according to the metric's direction.
   *
   * @param ratio the point estimate of other/base
   * @param lo lower bound of the ratio's interval (NaN if none)
   * @param hi upper bound of the ratio's interval (NaN if none)
   * @param p the (adjusted) p-value
   * @param alpha the significance level
   * @param margin the equivalence margin as a fraction (0 disables equivalence)
   * @param direction which way is better
   * @return the verdict
   */
  public static Verdict decide(
      double ratio,
      double lo,
      double hi,
      double p,
      double alpha,
      double margin,
      Direction direction) {
    if (margin > 0 && lo >= 1 - margin && hi <= 1 + margin) {
      return EQUIVALENT;
    }
    if (!(p <= alpha) || ratio == 1 || Double.isNaN(ratio)) {
      return NO_DIFFERENCE;
    }
    boolean smaller = ratio < 1;
    return smaller == (direction == Direction.LOWER_IS_BETTER) ? FASTER : SLOWER;
  }

  /**
   * Decides a comparison from its interval alone, so that the verdict and the printed interval
   * never disagree: {@code equivalent} when the whole interval lies inside {@code [1 - margin, 1 +
   * margin]} (a difference, if any, too small to matter; checked first), else faster or slower (by
   * the metric's direction) when it excludes 1, else {@code ~}. With a simultaneous interval at
   * level {@code 1 - alpha/m}, "excludes 1" is "Bonferroni p <= alpha".
   *
   * @param lo lower bound of the ratio's interval (NaN if none: {@code ~})
   * @param hi upper bound of the ratio's interval (NaN if none)
   * @param margin the equivalence margin as a fraction (0 disables equivalence)
   * @param direction which way is better
   * @return the verdict
   */
  public static Verdict fromInterval(double lo, double hi, double margin, Direction direction) {
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      return NO_DIFFERENCE;
    }
    if (margin > 0 && lo >= 1 - margin && hi <= 1 + margin) {
      return EQUIVALENT;
    }
    if (lo > 1) {
      return direction == Direction.LOWER_IS_BETTER ? SLOWER : FASTER;
    }
    if (hi < 1) {
      return direction == Direction.LOWER_IS_BETTER ? FASTER : SLOWER;
    }
    return NO_DIFFERENCE;
  }
}
