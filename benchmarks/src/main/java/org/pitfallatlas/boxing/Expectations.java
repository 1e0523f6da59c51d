package org.pitfallatlas.boxing;

import java.util.Map;
import java.util.Set;
import java.util.function.ToLongBiFunction;
import java.util.stream.IntStream;
import org.pitfallatlas.jol.AllocationExpectation;

/**
 * Expectations are the bytes per operation each boxing benchmark should allocate, computed with JOL
 * for the running JVM from the very objects the benchmark builds.
 *
 * <p>Where the JIT removes an allocation JOL would count (scalar replacement, box elimination) the
 * expectation is what the JVM really does, and the reason is in the comment next to it and in the
 * benchmark's header. The suite file {@code benchmarks/suites/boxing.json} carries the same numbers
 * for the reference JVM; {@code ExpectationsTest} keeps the two from drifting apart.
 */
public final class Expectations {

  private Expectations() {}

  /** An expectation: bytes per operation as a function of the JVM's layout and the @Param point. */
  private interface Expectation
      extends ToLongBiFunction<AllocationExpectation, Map<String, String>> {}

  private static final Map<String, Expectation> BY_BENCHMARK =
      Map.ofEntries(
          // ArrayList + its Object[size] + one Integer per element (inputs are outside the cache).
          Map.entry(
              "IntegerSum.pitfallList",
              (jol, p) -> jol.graphBytes(IntegerSum.collectList(IntegerSum.inputs(size(p))))),
          // Object[size] + one Integer per element.
          Map.entry(
              "IntegerSum.pitfallObjectArray",
              (jol, p) ->
                  jol.graphBytes(IntegerSum.collectObjectArray(IntegerSum.inputs(size(p))))),
          // int[size] only.
          Map.entry(
              "IntegerSum.fixIntArray",
              (jol, p) -> jol.graphBytes(IntegerSum.collectIntArray(IntegerSum.inputs(size(p))))),
          // HashMap + Node[16] + 5 Nodes + the Long boxes; keys, strings and cached boxes preexist.
          Map.entry("FieldBag.pitfallMapBag", (jol, p) -> fieldBag(jol, true)),
          // One Order record; its customer string preexists.
          Map.entry("FieldBag.fixRecord", (jol, p) -> fieldBag(jol, false)),
          // One Long per lookup when the call is not inlined; none when C2 inlines it and
          // eliminates the box (EliminateAutoBox) — a JIT effect JOL cannot see.
          Map.entry("TypedRepository.pitfallObjectCast", Expectations::typedRepositoryPitfall),
          Map.entry("TypedRepository.pitfallGenericBoxed", Expectations::typedRepositoryPitfall),
          Map.entry("TypedRepository.fixPrimitiveTyped", (jol, p) -> 0L),
          // One Integer per value outside -128..127; cached values cost nothing.
          Map.entry(
              "IntegerCache.pitfallBoxed",
              (jol, p) ->
                  IntStream.of(IntegerCache.inputs(maxValue(p)))
                          .filter(v -> v < -128 || v > 127)
                          .count()
                      * jol.instanceBytes(Integer.class)),
          Map.entry("IntegerCache.fixPrimitive", (jol, p) -> 0L),
          // Scalar replacement removes the Point: a JIT effect JOL cannot see.
          Map.entry("EscapeAnalysis.fixNoEscape", (jol, p) -> 0L),
          Map.entry(
              "EscapeAnalysis.pitfallEscapesIntoCall",
              (jol, p) -> points(p) * jol.instanceBytes(EscapeAnalysis.Point.class)),
          Map.entry(
              "EscapeAnalysis.pitfallEscapeAnalysisOff",
              (jol, p) -> points(p) * jol.instanceBytes(EscapeAnalysis.Point.class)));

  /** Returns the benchmarks (as {@code Class.method}) that have an expectation. */
  public static Set<String> benchmarks() {
    return BY_BENCHMARK.keySet();
  }

  /**
   * Returns the bytes one operation of {@code benchmark} should allocate at the {@code @Param}
   * point {@code params}, on the JVM whose layout {@code jol} describes.
   *
   * @param benchmark {@code Class.method}, e.g. {@code "IntegerSum.pitfallList"}
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

  private static long fieldBag(AllocationExpectation jol, boolean bag) {
    FieldBag.Rows rows = new FieldBag.Rows();
    long total = 0;
    for (int row = 0; row < FieldBag.Rows.COUNT; row++) {
      Object carrier = bag ? FieldBag.bag(rows, row) : FieldBag.order(rows, row);
      total +=
          jol.graphBytes(
              carrier,
              rows.customers[row],
              FieldBag.ID,
              FieldBag.CUSTOMER,
              FieldBag.QUANTITY,
              FieldBag.UNIT_PRICE,
              FieldBag.EXPRESS,
              Integer.valueOf(rows.quantities[row]), // 1..99: from the Integer cache
              Boolean.valueOf(rows.express[row])); // Boolean.TRUE or Boolean.FALSE
    }
    // Every row costs the same; the mean over the rows the benchmark cycles through says so.
    return total / FieldBag.Rows.COUNT;
  }

  private static long typedRepositoryPitfall(AllocationExpectation jol, Map<String, String> p) {
    return switch (param(p, "callSite")) {
      case "monomorphic" -> 0L;
      case "megamorphic" -> TypedRepository.LOOKUPS * jol.instanceBytes(Long.class);
      default -> throw new IllegalArgumentException("unknown callSite " + p.get("callSite"));
    };
  }

  private static int size(Map<String, String> params) {
    return Integer.parseInt(param(params, "size"));
  }

  private static int maxValue(Map<String, String> params) {
    return Integer.parseInt(param(params, "maxValue"));
  }

  private static int points(Map<String, String> params) {
    return Integer.parseInt(param(params, "points"));
  }

  private static String param(Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing @Param " + name + " in " + params);
    }
    return value;
  }
}
