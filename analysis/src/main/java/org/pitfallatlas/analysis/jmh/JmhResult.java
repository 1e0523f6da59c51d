package org.pitfallatlas.analysis.jmh;

import java.util.Map;

/**
 * A JmhResult is one entry of JMH's JSON output: one benchmark method at one parameter point (under
 * one JVM configuration, when the atlas runner added a {@code "config"} field).
 *
 * @param benchmark the fully qualified benchmark method, e.g. {@code
 *     org.pitfallatlas.boxing.IntegerSum.fixIntArray}
 * @param mode the JMH mode: thrpt, avgt, sample, ss
 * @param params the {@code @Param} values, sorted by name
 * @param config the JVM configuration id, {@code default} when absent
 * @param primary the primary metric
 * @param secondary the secondary metrics by name (JMH 1.36's {@code ·} prefix removed)
 * @param looks how many times the runner looked at this entry's data to decide whether to add forks
 *     (the atlas runner's {@code "looks"} field; 1 when absent): the comparison widens its
 *     intervals for it (Bonferroni over looks)
 * @param threads JMH's {@code "threads"} (0 when absent): not part of a row's identity, but a
 *     comparison across different thread counts is flagged
 */
public record JmhResult(
    String benchmark,
    String mode,
    Map<String, String> params,
    String config,
    JmhMetric primary,
    Map<String, JmhMetric> secondary,
    int looks,
    int threads) {

  /**
   * Checks the number of looks.
   *
   * @throws IllegalArgumentException if {@code looks < 1}
   */
  public JmhResult {
    if (looks < 1) {
      throw new IllegalArgumentException("looks must be at least 1: " + looks);
    }
  }

  /** An entry without a thread count. */
  public JmhResult(
      String benchmark,
      String mode,
      Map<String, String> params,
      String config,
      JmhMetric primary,
      Map<String, JmhMetric> secondary,
      int looks) {
    this(benchmark, mode, params, config, primary, secondary, looks, 0);
  }

  /** An entry looked at once (no optional stopping). */
  public JmhResult(
      String benchmark,
      String mode,
      Map<String, String> params,
      String config,
      JmhMetric primary,
      Map<String, JmhMetric> secondary) {
    this(benchmark, mode, params, config, primary, secondary, 1);
  }

  /** Returns the class part of {@link #benchmark()}. */
  public String className() {
    int dot = benchmark.lastIndexOf('.');
    return dot < 0 ? "" : benchmark.substring(0, dot);
  }

  /** Returns the method part of {@link #benchmark()}. */
  public String methodName() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }
}
