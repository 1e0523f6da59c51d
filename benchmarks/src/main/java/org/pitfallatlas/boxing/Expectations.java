package org.pitfallatlas.boxing;

import static org.pitfallatlas.jol.BytesPerOp.intParam;
import static org.pitfallatlas.jol.BytesPerOp.param;

import java.util.Map;
import java.util.stream.IntStream;
import org.pitfallatlas.jol.AllocationExpectation;
import org.pitfallatlas.jol.BytesPerOp;

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

  /** The expected bytes per operation of every boxing benchmark. */
  public static final BytesPerOp BYTES_PER_OP =
      BytesPerOp.of(
          Map.ofEntries(
              // ArrayList + its Object[size] + one Integer per element (outside the cache).
              Map.entry(
                  "IntegerSum.pitfallList",
                  (jol, p) ->
                      jol.graphBytes(
                          IntegerSum.collectList(IntegerSum.inputs(intParam(p, "size"))))),
              // Object[size] + one Integer per element.
              Map.entry(
                  "IntegerSum.pitfallObjectArray",
                  (jol, p) ->
                      jol.graphBytes(
                          IntegerSum.collectObjectArray(IntegerSum.inputs(intParam(p, "size"))))),
              // int[size] only.
              Map.entry(
                  "IntegerSum.fixIntArray",
                  (jol, p) ->
                      jol.graphBytes(
                          IntegerSum.collectIntArray(IntegerSum.inputs(intParam(p, "size"))))),
              // HashMap + Node[16] + 5 Nodes + the Long boxes; keys, strings and cached boxes
              // preexist.
              Map.entry("FieldBag.pitfallMapBag", (jol, p) -> fieldBag(jol, true)),
              // One Order record; its customer string preexists.
              Map.entry("FieldBag.fixRecord", (jol, p) -> fieldBag(jol, false)),
              // One Long per lookup when the call is not inlined; none when C2 inlines it and
              // eliminates the box (EliminateAutoBox) — a JIT effect JOL cannot see.
              Map.entry("TypedRepository.pitfallObjectCast", Expectations::typedRepositoryPitfall),
              Map.entry(
                  "TypedRepository.fixGenericRepository", Expectations::typedRepositoryPitfall),
              Map.entry("TypedRepository.fixPrimitiveTyped", (jol, p) -> 0L),
              // One Integer per value outside -128..127; cached values cost nothing.
              Map.entry(
                  "IntegerCache.pitfallBoxed",
                  (jol, p) ->
                      IntStream.of(IntegerCache.inputs(intParam(p, "maxValue")))
                              .filter(v -> v < -128 || v > 127)
                              .count()
                          * jol.instanceBytes(Integer.class)),
              Map.entry("IntegerCache.fixPrimitive", (jol, p) -> 0L),
              // Scalar replacement removes the Point: a JIT effect JOL cannot see.
              Map.entry("EscapeAnalysis.fixNoEscape", (jol, p) -> 0L),
              Map.entry(
                  "EscapeAnalysis.pitfallEscapesIntoCall",
                  (jol, p) ->
                      intParam(p, "points") * jol.instanceBytes(EscapeAnalysis.Point.class)),
              Map.entry(
                  "EscapeAnalysis.pitfallEscapeAnalysisOff",
                  (jol, p) ->
                      intParam(p, "points") * jol.instanceBytes(EscapeAnalysis.Point.class))));

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
}
