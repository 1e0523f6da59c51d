package org.pitfallatlas.jol;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A BytesPerOp is one family's table of allocation expectations: for each benchmark it can predict
 * (named {@code Class.method}), a {@link Rule} giving the bytes one operation allocates at a
 * {@code @Param} point on the JVM an {@link AllocationExpectation} describes.
 *
 * <p>Each family's {@code Expectations} class builds one from its own arithmetic; the family's
 * suite test checks the suite file's {@code expectedBytesPerOp} numbers against it, and the
 * runner's allocation check compares those numbers with what JMH measures.
 */
public final class BytesPerOp {

  /** A Rule is the expected bytes per operation of one benchmark at a {@code @Param} point. */
  @FunctionalInterface
  public interface Rule {
    /**
     * Returns the bytes one operation allocates.
     *
     * @throws IllegalArgumentException if a {@code @Param} the rule needs is missing or invalid
     */
    long bytes(AllocationExpectation jol, Map<String, String> params);
  }

  private final Map<String, Rule> rules;

  private BytesPerOp(Map<String, Rule> rules) {
    this.rules = new TreeMap<>(rules);
  }

  /**
   * Returns the table of {@code rules}, keyed by {@code Class.method}.
   *
   * @throws IllegalArgumentException if a key is not of the form {@code Class.method}
   */
  public static BytesPerOp of(Map<String, Rule> rules) {
    for (String benchmark : rules.keySet()) {
      if (!benchmark.matches("\\w+\\.\\w+")) {
        throw new IllegalArgumentException("not Class.method: " + benchmark);
      }
    }
    return new BytesPerOp(rules);
  }

  /** Returns the benchmarks (as {@code Class.method}) that have an expectation, sorted. */
  public Set<String> benchmarks() {
    return rules.keySet();
  }

  /**
   * Returns the bytes one operation of {@code benchmark} should allocate at the {@code @Param}
   * point {@code params}, on the JVM whose layout {@code jol} describes.
   *
   * @param benchmark {@code Class.method}, e.g. {@code "IntegerSum.pitfallList"}
   * @throws IllegalArgumentException if the benchmark has no expectation (the message lists those
   *     that have one) or a needed param is missing
   */
  public long bytes(String benchmark, Map<String, String> params, AllocationExpectation jol) {
    Rule rule = rules.get(benchmark);
    if (rule == null) {
      throw new IllegalArgumentException(
          "no expectation for " + benchmark + "; known: " + rules.keySet());
    }
    return rule.bytes(Objects.requireNonNull(jol, "jol"), Objects.requireNonNull(params, "params"));
  }

  /**
   * Returns the value of the {@code @Param} {@code name} at the point {@code params}.
   *
   * @throws IllegalArgumentException if the point has no such param
   */
  public static String param(Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing @Param " + name + " in " + params);
    }
    return value;
  }

  /**
   * Returns the {@code int} value of the {@code @Param} {@code name}.
   *
   * @throws IllegalArgumentException if the point has no such param or it is not an integer
   */
  public static int intParam(Map<String, String> params, String name) {
    return Integer.parseInt(param(params, name));
  }
}
