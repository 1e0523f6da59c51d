package org.pitfallatlas.analysis.compare;

import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * A Delta compares one column with the row's first (base) column.
 *
 * @param label the compared column's label
 * @param ratio compared center / base center (NaN when undefined)
 * @param lo lower bound of the ratio's interval (NaN when undefined)
 * @param hi upper bound of the ratio's interval (NaN when undefined)
 * @param pValue the raw p-value
 * @param pAdjusted the Holm-adjusted p-value across the rows of the table
 * @param verdict the verdict
 * @param test how {@code pValue} was computed: {@code hierarchical-bootstrap}, {@code
 *     mann-whitney-exact}, {@code mann-whitney-exact-ties}, {@code mann-whitney-normal}, {@code
 *     none}. In the default mode a Mann-Whitney test means the bootstrap could not decide: a side
 *     has a single fork or too few values (see {@link Options.Mode#FORKS}), or a value is 0.
 * @param n1 values in the base column
 * @param n2 values in the compared column
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
    int n2) {

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

  Delta withAdjusted(double adjusted, Verdict v) {
    return new Delta(label, ratio, lo, hi, pValue, adjusted, v, test, n1, n2);
  }
}
