package org.pitfallatlas.analysis.compare;

/**
 * A Column is one input's summary in a row: the median of its values and the interval around it.
 *
 * @param label the input's label (a file or folder name; for pairs, the method name)
 * @param n the number of values (iterations over all forks)
 * @param forks the number of forks
 * @param center the median
 * @param lo the lower bound of the interval (may be negative infinity)
 * @param hi the upper bound of the interval (may be positive infinity)
 * @param confidence the confidence of the interval (the achieved one for order statistics)
 */
public record Column(
    String label, int n, int forks, double center, double lo, double hi, double confidence) {

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
