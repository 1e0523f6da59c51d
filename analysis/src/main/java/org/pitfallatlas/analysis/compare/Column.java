package org.pitfallatlas.analysis.compare;

import java.util.List;
import org.pitfallatlas.analysis.stats.ForkValues;
import org.pitfallatlas.analysis.stats.SteadyState;

/**
 * A Column is one input's summary in a row: its center and the interval around it.
 *
 * @param label the input's label (a file or folder name; for pairs, the method name)
 * @param n the number of values: in the default mode the iterations that count (the steady ones)
 *     over all forks; in benchstat mode every iteration of every fork
 * @param forks the number of forks
 * @param center the default mode: the geometric mean of the fork values (each the geometric mean of
 *     the fork's steady iterations; arithmetic means when a value of the row is 0); benchstat mode:
 *     the median of all iterations
 * @param lo the lower bound of the interval (may be negative infinity): the default mode's per-
 *     column Student t interval over the fork values, benchstat's order-statistic interval
 * @param hi the upper bound of the interval (may be positive infinity)
 * @param confidence the confidence of the interval (the achieved one for order statistics)
 * @param steadyState the steady-state classification of each fork, in fork order (empty in
 *     benchstat mode, which does not classify)
 */
public record Column(
    String label,
    int n,
    int forks,
    double center,
    double lo,
    double hi,
    double confidence,
    List<SteadyState.Kind> steadyState) {

  /** Copies the classification (null reads as none). */
  public Column {
    steadyState = steadyState == null ? List.of() : List.copyOf(steadyState);
  }

  /** A column without a steady-state classification. */
  public Column(
      String label, int n, int forks, double center, double lo, double hi, double confidence) {
    this(label, n, forks, center, lo, hi, confidence, List.of());
  }

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

  /**
   * Returns the forks' steady-state kinds, counted: {@code "3 flat, 1 warm-up"} (empty when not
   * classified).
   */
  public String steadyStateSummary() {
    return ForkValues.summary(steadyState);
  }
}
