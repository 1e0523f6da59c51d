package org.pitfallatlas.analysis.stats;

import java.util.Arrays;

/**
 * A Sample is the set of measurements of one benchmark under one condition, kept in its replication
 * structure: {@code forks[f][i]} is iteration {@code i} of fork (JVM invocation) {@code f}.
 *
 * <p>On the JVM the fork, not the iteration, is the unit of replication (Georges et al. 2007;
 * Kalibera and Jones 2013), so the structure is kept rather than flattened. Immutable: the arrays
 * are copied on the way in and on the way out.
 */
public final class Sample {
  private final double[][] forks;
  private final double[] sorted;

  private Sample(double[][] forks) {
    this.forks = forks;
    int n = 0;
    for (double[] fork : forks) {
      n += fork.length;
    }
    double[] all = new double[n];
    int o = 0;
    for (double[] fork : forks) {
      System.arraycopy(fork, 0, all, o, fork.length);
      o += fork.length;
    }
    Arrays.sort(all);
    this.sorted = all;
  }

  /**
   * Creates a sample from per-fork iteration values.
   *
   * @param forks {@code forks[f][i]}: iteration {@code i} of fork {@code f}
   * @return the sample
   * @throws IllegalArgumentException if there are no values, a fork is empty, or a value is NaN or
   *     infinite
   */
  public static Sample ofForks(double[][] forks) {
    if (forks == null || forks.length == 0) {
      throw new IllegalArgumentException("a sample needs at least one fork");
    }
    double[][] copy = new double[forks.length][];
    for (int f = 0; f < forks.length; f++) {
      if (forks[f] == null || forks[f].length == 0) {
        throw new IllegalArgumentException("fork " + f + " has no iterations");
      }
      for (double v : forks[f]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("fork " + f + " has a non-finite value: " + v);
        }
      }
      copy[f] = forks[f].clone();
    }
    return new Sample(copy);
  }

  /**
   * Creates a sample of values that all come from one fork.
   *
   * @param values the values
   * @return the sample
   * @throws IllegalArgumentException if there are no values or one is NaN or infinite
   */
  public static Sample of(double... values) {
    return ofForks(new double[][] {values});
  }

  /** Returns the number of forks. */
  public int forkCount() {
    return forks.length;
  }

  /** Returns the total number of values (iterations over all forks). */
  public int size() {
    return sorted.length;
  }

  /** Returns a copy of the iterations of fork {@code f}, in measurement order. */
  public double[] fork(int f) {
    return forks[f].clone();
  }

  /** Returns a copy of the per-fork values, in measurement order. */
  public double[][] forks() {
    double[][] copy = new double[forks.length][];
    for (int f = 0; f < forks.length; f++) {
      copy[f] = forks[f].clone();
    }
    return copy;
  }

  /** Returns all values pooled over forks, in ascending order (a copy). */
  public double[] sortedValues() {
    return sorted.clone();
  }

  /** Returns the sample median of all values pooled over forks. */
  public double median() {
    return Quantiles.medianOfSorted(sorted);
  }

  /** Returns the smallest value. */
  public double min() {
    return sorted[0];
  }

  /** Returns the largest value. */
  public double max() {
    return sorted[sorted.length - 1];
  }

  /** Package-private view without copying, for the hot loops of this package. */
  double[][] forksView() {
    return forks;
  }

  /** Package-private view without copying, for the hot loops of this package. */
  double[] sortedView() {
    return sorted;
  }
}
