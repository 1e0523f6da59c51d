package org.pitfallatlas.analysis.jmh;

/**
 * A Histogram is one SampleTime iteration as JMH records it: distinct sampled values (ascending)
 * with their counts.
 */
public final class Histogram {
  private final double[] values;
  private final long[] counts;
  private final long total;

  /**
   * Creates a histogram.
   *
   * @param values the sampled values
   * @param counts how often each was sampled
   * @throws IllegalArgumentException if the arrays differ in length, are empty, or a count is
   *     negative
   */
  public Histogram(double[] values, long[] counts) {
    if (values.length != counts.length || values.length == 0) {
      throw new IllegalArgumentException("histogram needs as many counts as values, at least one");
    }
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    this.values = new double[values.length];
    this.counts = new long[values.length];
    long t = 0;
    for (int i = 0; i < order.length; i++) {
      this.values[i] = values[order[i]];
      this.counts[i] = counts[order[i]];
      if (counts[order[i]] < 0) {
        throw new IllegalArgumentException("negative count in histogram");
      }
      t += counts[order[i]];
    }
    if (t == 0) {
      throw new IllegalArgumentException("histogram has no samples");
    }
    this.total = t;
  }

  /** Returns the number of samples. */
  public long total() {
    return total;
  }

  /** Returns the mean of the samples: JMH's score for this iteration. */
  public double mean() {
    double s = 0;
    for (int i = 0; i < values.length; i++) {
      s += values[i] * counts[i];
    }
    return s / total;
  }

  /**
   * Returns the {@code q}-quantile by nearest rank: the smallest sampled value with at least {@code
   * ceil(q * total)} samples at or below it.
   *
   * @param q the probability, in [0, 1]
   * @return the quantile
   */
  public double percentile(double q) {
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < values.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }
}
