package org.pitfallatlas.analysis.jmh;

/**
 * A JmhMetric is one metric of a JMH result (the primary score or a secondary metric such as {@code
 * gc.alloc.rate.norm}) with its raw per-fork, per-iteration data.
 */
public final class JmhMetric {
  private final String name;
  private final String unit;
  private final double[][] rawData;
  private final Histogram[][] histograms;

  /**
   * Creates a metric.
   *
   * @param name the metric name, without JMH 1.36's leading {@code ·}
   * @param unit the unit, e.g. {@code ns/op}
   * @param rawData {@code [fork][iteration]} values, or null
   * @param histograms {@code [fork][iteration]} SampleTime histograms, or null
   */
  public JmhMetric(String name, String unit, double[][] rawData, Histogram[][] histograms) {
    this.name = name;
    this.unit = unit;
    this.rawData = rawData;
    this.histograms = histograms;
  }

  /** Returns the name ({@code primary} for the primary metric). */
  public String name() {
    return name;
  }

  /** Returns the unit. */
  public String unit() {
    return unit;
  }

  /** Returns whether SampleTime histograms are present. */
  public boolean hasHistograms() {
    return histograms != null;
  }

  /**
   * Returns the per-iteration values {@code [fork][iteration]}: the raw data, or the mean of each
   * histogram when only histograms were recorded (SampleTime).
   */
  public double[][] perIteration() {
    if (rawData != null) {
      double[][] copy = new double[rawData.length][];
      for (int f = 0; f < rawData.length; f++) {
        copy[f] = rawData[f].clone();
      }
      return copy;
    }
    double[][] out = new double[histograms.length][];
    for (int f = 0; f < histograms.length; f++) {
      out[f] = new double[histograms[f].length];
      for (int i = 0; i < histograms[f].length; i++) {
        out[f][i] = histograms[f][i].mean();
      }
    }
    return out;
  }

  /**
   * Returns each iteration's {@code q}-quantile from its histogram, {@code [fork][iteration]}.
   *
   * @param q the probability
   * @return the percentiles
   * @throws IllegalStateException if there are no histograms
   */
  public double[][] percentilePerIteration(double q) {
    if (histograms == null) {
      throw new IllegalStateException("metric " + name + " has no histograms");
    }
    double[][] out = new double[histograms.length][];
    for (int f = 0; f < histograms.length; f++) {
      out[f] = new double[histograms[f].length];
      for (int i = 0; i < histograms[f].length; i++) {
        out[f][i] = histograms[f][i].percentile(q);
      }
    }
    return out;
  }

  /** Returns the smallest number of samples in one iteration's histogram (0 without histograms). */
  public long fewestSamplesPerIteration() {
    if (histograms == null) {
      return 0;
    }
    long fewest = Long.MAX_VALUE;
    for (Histogram[] fork : histograms) {
      for (Histogram h : fork) {
        fewest = Math.min(fewest, h.total());
      }
    }
    return fewest == Long.MAX_VALUE ? 0 : fewest;
  }
}
