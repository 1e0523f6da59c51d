package org.pitfallatlas.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment of p-values for a family of tests (Holm 1979): it controls the
 * family-wise error rate without assuming independence and is uniformly more powerful than
 * Bonferroni. benchstat lists it as a TODO; the atlas applies it across the rows of a table.
 *
 * @see <a href="https://en.wikipedia.org/wiki/Holm%E2%80%93Bonferroni_method">Holm-Bonferroni
 *     method</a>
 */
public final class Holm {
  private Holm() {}

  /**
   * Returns the Holm-adjusted p-values, in the order of {@code p}: with the p-values sorted
   * ascending, {@code adj(i) = max_{j <= i} min(1, (m - j) p(j))}. NaN entries are left out of the
   * family and stay NaN.
   *
   * @param p the raw p-values
   * @return the adjusted p-values (a new array)
   */
  public static double[] adjust(double[] p) {
    double[] adjusted = new double[p.length];
    Arrays.fill(adjusted, Double.NaN);
    Integer[] order =
        java.util.stream.IntStream.range(0, p.length)
            .filter(i -> !Double.isNaN(p[i]))
            .boxed()
            .sorted(Comparator.comparingDouble(i -> p[i]))
            .toArray(Integer[]::new);
    int m = order.length;
    double running = 0;
    for (int j = 0; j < m; j++) {
      double v = Math.min(1, (m - j) * p[order[j]]);
      running = Math.max(running, v);
      adjusted[order[j]] = running;
    }
    return adjusted;
  }
}
