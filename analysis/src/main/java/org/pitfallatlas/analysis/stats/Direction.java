package org.pitfallatlas.analysis.stats;

/** Which way is better for a metric: time and bytes per operation go down, throughput goes up. */
public enum Direction {
  /** Smaller is better (s/op, ns/op, B/op, latency percentiles). */
  LOWER_IS_BETTER,
  /** Larger is better (ops/s). */
  HIGHER_IS_BETTER
}
