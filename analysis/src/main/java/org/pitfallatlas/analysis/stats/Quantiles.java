package org.pitfallatlas.analysis.stats;

/**
 * Quantiles of primitive arrays: the median of sorted data, and an in-place quickselect for the
 * bootstrap's hot loop (no boxing, no full sort).
 */
public final class Quantiles {
  private Quantiles() {}

  /**
   * Returns the median of ascending values: the middle value, or the mean of the two middle values
   * for an even count (Hyndman and Fan's definition 8 gives the same at q = 0.5, which is what
   * benchstat uses).
   *
   * @param sorted values in ascending order
   * @return the median
   * @throws IllegalArgumentException if {@code sorted} is empty
   */
  public static double medianOfSorted(double[] sorted) {
    int n = sorted.length;
    if (n == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    return (n & 1) == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  /**
   * Returns the median of the first {@code n} values of {@code a}, reordering them in place.
   *
   * @param a the values (the first {@code n} are reordered)
   * @param n how many values to use
   * @return the median
   */
  public static double medianInPlace(double[] a, int n) {
    int k = n / 2;
    double hi = select(a, 0, n - 1, k);
    if ((n & 1) == 1) {
      return hi;
    }
    // After selecting k, everything left of k is <= a[k]: the lower middle is their maximum.
    double lo = a[0];
    for (int i = 1; i < k; i++) {
      if (a[i] > lo) {
        lo = a[i];
      }
    }
    return 0.5 * (lo + hi);
  }

  /**
   * Returns the {@code p}-quantile (0..1) of ascending values by linear interpolation between
   * closest ranks (Hyndman and Fan's definition 7, R's default).
   *
   * @param sorted values in ascending order
   * @param p the probability
   * @return the quantile
   */
  public static double ofSorted(double[] sorted, double p) {
    int n = sorted.length;
    if (n == 1) {
      return sorted[0];
    }
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * Returns the {@code p}-quantile (0..1) of {@code a} with the same definition as {@link
   * #ofSorted}, by selection instead of sorting: linear time, and {@code a} is reordered in place.
   *
   * @param a the values (reordered)
   * @param p the probability
   * @return the quantile
   */
  public static double ofUnsortedInPlace(double[] a, double p) {
    int n = a.length;
    if (n == 1) {
      return a[0];
    }
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    double x = select(a, 0, n - 1, lo);
    if (lo + 1 >= n || h == lo) {
      return x;
    }
    // After selection everything right of lo is >= a[lo]: the next order statistic is their min.
    double y = a[lo + 1];
    for (int i = lo + 2; i < n; i++) {
      if (a[i] < y) {
        y = a[i];
      }
    }
    return x + (h - lo) * (y - x);
  }

  private static double select(double[] a, int left, int right, int k) {
    while (right > left) {
      int mid = (left + right) >>> 1;
      // Median of three as the pivot keeps sorted or constant runs from going quadratic.
      if (a[mid] < a[left]) {
        swap(a, mid, left);
      }
      if (a[right] < a[left]) {
        swap(a, right, left);
      }
      if (a[right] < a[mid]) {
        swap(a, right, mid);
      }
      double pivot = a[mid];
      int i = left;
      int j = right;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
