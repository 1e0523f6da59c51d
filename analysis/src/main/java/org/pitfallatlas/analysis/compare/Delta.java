package org.pitfallatlas.analysis.compare;

import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * A Delta compares one column with the row's first (base) column.
 *
 * @param label the compared column's label
 * @param ratio compared center / base center (NaN when undefined): in the default mode the ratio of
 *     the geometric means of the fork values, which is the Welch estimate
 * @param lo lower bound of the ratio's interval (NaN when undefined); in the default mode a
 *     simultaneous interval at level {@link #confidence()}
 * @param hi upper bound of the ratio's interval (NaN when undefined)
 * @param pValue the raw p-value: Welch's t on the fork values in the default mode, Mann-Whitney U
 *     in benchstat mode (NaN when there is no test)
 * @param pAdjusted the p-value adjusted for the rows of the same metric: Bonferroni {@code min(1, m
 *     L p)} over {@code m = }{@link #family()} rows and {@code L = }{@link #looks()} looks in the
 *     default mode (at most alpha exactly when the interval excludes 1); Holm in benchstat mode,
 *     informational (benchstat's verdict uses the raw p)
 * @param verdict the verdict
 * @param test how {@code pValue} was computed: {@code welch-t-log-forks} (Welch's t on the
 *     logarithms of the fork values), {@code welch-t-forks} (on the fork means, when a value is 0),
 *     {@code none} (no test: a side has a single fork or a fork that never reached a steady state),
 *     or in benchstat mode {@code mann-whitney-exact}, {@code mann-whitney-exact-ties}, {@code
 *     mann-whitney-normal}
 * @param n1 the base column's sample size for the test: fork values in the default mode, values in
 *     benchstat mode
 * @param n2 the compared column's sample size for the test
 * @param confidence the confidence of this row's interval, {@code 1 - alpha / (m L)} in the default
 *     mode (NaN when there is no interval of that kind)
 * @param family {@code m}: the number of tested comparisons of this metric and compared column in
 *     the table (the multiplicity family)
 * @param looks {@code L}: the number of looks at the data (optional stopping), the larger of the
 *     two sides' JMH {@code "looks"} fields (1 when absent)
 * @param df the Welch–Satterthwaite degrees of freedom (NaN when there is none)
 */
public record Delta(
    String label,
    double ratio,
    double lo,
    double hi,
    double pValue,
    double pAdjusted,
    Verdict verdict,
    String test,
    int n1,
    int n2,
    double confidence,
    int family,
    int looks,
    double df) {

  /** A delta without the multiplicity details (family 1, one look, no level, no df). */
  public Delta(
      String label,
      double ratio,
      double lo,
      double hi,
      double pValue,
      double pAdjusted,
      Verdict verdict,
      String test,
      int n1,
      int n2) {
    this(
        label,
        ratio,
        lo,
        hi,
        pValue,
        pAdjusted,
        verdict,
        test,
        n1,
        n2,
        Double.NaN,
        1,
        1,
        Double.NaN);
  }

  /**
   * Returns how many times better the compared column is, whatever the unit: {@code 1/ratio} for
   * lower-is-better units, {@code ratio} for throughput. For pairs this is the speedup of the fix
   * over the pitfall.
   *
   * @param direction the metric's direction
   * @return the speedup
   */
  public double speedup(Direction direction) {
    return direction == Direction.LOWER_IS_BETTER ? 1 / ratio : ratio;
  }

  /** Whether a test was made (the delta counts in its family). */
  public boolean tested() {
    return !Double.isNaN(pValue);
  }
}
