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
 */
public record JmhResult(
    String benchmark,
    String mode,
    Map<String, String> params,
    String config,
    JmhMetric primary,
    Map<String, JmhMetric> secondary) {

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
