package org.pitfallatlas.pool;

import java.util.Map;
import java.util.Set;
import java.util.function.ToLongBiFunction;
import org.pitfallatlas.jol.AllocationExpectation;

/**
 * Expectations are the bytes per operation the pool benchmarks should allocate where that number is
 * exact, computed with JOL for the running JVM.
 *
 * <p>Only the allocate-vs-reuse variants of {@link BufferReuse} have one: a page is one {@code
 * byte[size]} (its length comes from a {@code @Param}, so C2 cannot scalar-replace it) or nothing.
 * {@code fixCommonsPool} (Commons Pool2's per-borrow bookkeeping) and {@link JsonEncoding} (Jackson
 * internals) allocate what their libraries allocate; their B/op is measured, not predicted. The
 * suite file {@code benchmarks/suites/pool.json} carries the same numbers for the reference JVM;
 * {@code ExpectationsTest} keeps the two from drifting apart.
 */
public final class Expectations {

  private Expectations() {}

  /** An expectation: bytes per operation as a function of the JVM's layout and the @Param point. */
  private interface Expectation
      extends ToLongBiFunction<AllocationExpectation, Map<String, String>> {}

  private static final Map<String, Expectation> BY_BENCHMARK =
      Map.ofEntries(
          // One zeroed page per use: header + size bytes, padded.
          Map.entry("BufferReuse.pitfallAllocate", (jol, p) -> jol.arrayBytes(byte.class, size(p))),
          // The thread's own page, created once: nothing per use.
          Map.entry("BufferReuse.fixThreadLocal", (jol, p) -> 0L));

  /** Returns the benchmarks (as {@code Class.method}) that have an expectation. */
  public static Set<String> benchmarks() {
    return BY_BENCHMARK.keySet();
  }

  /**
   * Returns the bytes one operation of {@code benchmark} should allocate at the {@code @Param}
   * point {@code params}, on the JVM whose layout {@code jol} describes.
   *
   * @param benchmark {@code Class.method}, e.g. {@code "BufferReuse.pitfallAllocate"}
   * @throws IllegalArgumentException if the benchmark has no expectation or a needed param is
   *     missing
   */
  public static long bytesPerOp(
      String benchmark, Map<String, String> params, AllocationExpectation jol) {
    Expectation expectation = BY_BENCHMARK.get(benchmark);
    if (expectation == null) {
      throw new IllegalArgumentException(
          "no expectation for " + benchmark + "; known: " + BY_BENCHMARK.keySet());
    }
    return expectation.applyAsLong(jol, params);
  }

  private static int size(Map<String, String> params) {
    String value = params.get("size");
    if (value == null) {
      throw new IllegalArgumentException("missing @Param size in " + params);
    }
    return Integer.parseInt(value);
  }
}
