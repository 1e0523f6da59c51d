package org.pitfallatlas.presize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongBiFunction;
import org.pitfallatlas.jol.AllocationExpectation;

/**
 * Expectations are the bytes per operation each presize benchmark should allocate, computed with
 * JOL for the running JVM.
 *
 * <p>Growth is the point of this family, and growth leaves garbage that no object graph shows: JOL
 * measures the object the benchmark returns (from the benchmark's own code), and the arrays it
 * discarded on the way are added from the container's growth rule — {@link GrowthPolicy} for {@code
 * ArrayList} (checked against the real ArrayList by GrowthPolicyTest), the table doubling for
 * {@code HashMap}, {@code max(needed, 2 x old + 2)} for {@code StringBuilder}. The suite file
 * {@code benchmarks/suites/presize.json} carries the same numbers for the reference JVM; {@code
 * ExpectationsTest} keeps the two from drifting apart.
 */
public final class Expectations {

  private Expectations() {}

  /** An expectation: bytes per operation as a function of the JVM's layout and the @Param point. */
  private interface Expectation
      extends ToLongBiFunction<AllocationExpectation, Map<String, String>> {}

  private static final Map<String, Expectation> BY_BENCHMARK =
      Map.ofEntries(
          // The final ArrayList + its last array (JOL), plus every array it outgrew.
          Map.entry(
              "ListAppend.pitfallGrowFromDefault",
              (jol, p) -> {
                ListAppend b = listAppend(p);
                return jol.graphBytes(b.pitfallGrowFromDefault(), (Object) b.elements)
                    + discardedListArrays(jol, b.elements.length);
              }),
          // ArrayList + one Object[size]: nothing discarded.
          Map.entry(
              "ListAppend.fixPresized",
              (jol, p) -> {
                ListAppend b = listAppend(p);
                return jol.graphBytes(b.fixPresized(), (Object) b.elements);
              }),
          // HashMap + n Nodes + the final table (JOL), plus tables 16, 32, ... it outgrew.
          Map.entry(
              "MapFill.pitfallDefaultCapacity",
              (jol, p) -> {
                MapFill b = mapFill(p);
                return jol.graphBytes(b.pitfallDefaultCapacity(), (Object) b.keys)
                    + discardedTables(jol, 16, b.keys.length);
              }),
          // new HashMap<>(n): a table of tableSizeFor(n), outgrown once when n > 0.75 x that.
          Map.entry(
              "MapFill.pitfallCapacityNotSize",
              (jol, p) -> {
                MapFill b = mapFill(p);
                return jol.graphBytes(b.pitfallCapacityNotSize(), (Object) b.keys)
                    + discardedTables(jol, tableSizeFor(b.keys.length), b.keys.length);
              }),
          // HashMap.newHashMap(n): the right table from the start.
          Map.entry(
              "MapFill.fixNewHashMap",
              (jol, p) -> {
                MapFill b = mapFill(p);
                return jol.graphBytes(b.fixNewHashMap(), (Object) b.keys);
              }),
          // Every builder array (16, then max(needed, 2 x old + 2)) + the String's own copy.
          Map.entry(
              "BuilderAppend.pitfallDefaultCapacity",
              (jol, p) -> {
                BuilderAppend b = builderAppend(p);
                long arrays = 0;
                for (int capacity : builderCapacities(16, b.parts)) {
                  arrays += jol.arrayBytes(byte.class, capacity);
                }
                return builderAndString(jol, b.pitfallDefaultCapacity()) + arrays;
              }),
          // One builder array of the exact length + the String's own copy.
          Map.entry(
              "BuilderAppend.fixExactCapacity",
              (jol, p) -> {
                BuilderAppend b = builderAppend(p);
                String text = b.fixExactCapacity();
                return builderAndString(jol, text) + jol.arrayBytes(byte.class, text.length());
              }),
          // As ListAppend, for the k elements that pass.
          Map.entry(
              "FilterCollect.pitfallGrowFromDefault",
              (jol, p) -> {
                FilterCollect b = filterCollect(p);
                List<Integer> kept = b.pitfallGrowFromDefault();
                return jol.graphBytes(kept, (Object) b.input)
                    + (kept.isEmpty() ? 0 : discardedListArrays(jol, kept.size()));
              }),
          // ArrayList + Object[input length], whatever passes.
          Map.entry(
              "FilterCollect.fixPresizeToInputLength",
              (jol, p) -> {
                FilterCollect b = filterCollect(p);
                return jol.graphBytes(b.fixPresizeToInputLength(), (Object) b.input);
              }),
          // ArrayList + Object[k].
          Map.entry(
              "FilterCollect.fixCountThenPresize",
              (jol, p) -> {
                FilterCollect b = filterCollect(p);
                return jol.graphBytes(b.fixCountThenPresize(), (Object) b.input);
              }));

  /** Returns the benchmarks (as {@code Class.method}) that have an expectation. */
  public static Set<String> benchmarks() {
    return BY_BENCHMARK.keySet();
  }

  /**
   * Returns the bytes one operation of {@code benchmark} should allocate at the {@code @Param}
   * point {@code params}, on the JVM whose layout {@code jol} describes.
   *
   * @param benchmark {@code Class.method}, e.g. {@code "ListAppend.fixPresized"}
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

  /** The arrays an unsized ArrayList allocated and dropped on its way to {@code count}. */
  private static long discardedListArrays(AllocationExpectation jol, int count) {
    List<Integer> capacities = GrowthPolicy.JAVA_ARRAY_LIST.appendOneByOne(count).capacities();
    long bytes = 0;
    for (int capacity : capacities.subList(0, capacities.size() - 1)) {
      bytes += jol.arrayBytes(Object.class, capacity);
    }
    return bytes;
  }

  /** The tables a HashMap starting at {@code initial} buckets allocated and dropped for n puts. */
  private static long discardedTables(AllocationExpectation jol, int initial, int entries) {
    long bytes = 0;
    int table = initial;
    while (entries > table / 4 * 3) { // resize when size exceeds threshold = 0.75 x table
      bytes += jol.arrayBytes(Object.class, table); // Node[] is a reference array like Object[]
      table *= 2;
    }
    return bytes;
  }

  /** HashMap.tableSizeFor: the next power of two. */
  static int tableSizeFor(int capacity) {
    return capacity <= 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
  }

  /** Every array a Latin-1 StringBuilder holds while appending {@code parts}. */
  static List<Integer> builderCapacities(int initial, String[] parts) {
    List<Integer> capacities = new ArrayList<>(List.of(initial));
    int capacity = initial;
    int length = 0;
    for (String part : parts) {
      length += part.length();
      if (length > capacity) {
        capacity = Math.max(length, 2 * capacity + 2); // ArraysSupport.newLength(old, min, old + 2)
        capacities.add(capacity);
      }
    }
    return capacities;
  }

  /**
   * The String toString() returns and that String's own byte[]. The StringBuilder object itself (24
   * B by JOL) costs nothing: it never escapes, so C2 scalar-replaces it (measured: -prof gc reports
   * 24 B less than JOL's count). Its byte[] stays on the heap: an array whose length is not a
   * compile-time constant is never scalar-replaced.
   */
  private static long builderAndString(AllocationExpectation jol, String text) {
    return jol.instanceBytes(String.class) + jol.arrayBytes(byte.class, text.length());
  }

  private static ListAppend listAppend(Map<String, String> p) {
    ListAppend b = new ListAppend();
    b.size = Integer.parseInt(param(p, "size"));
    b.setup();
    return b;
  }

  private static MapFill mapFill(Map<String, String> p) {
    MapFill b = new MapFill();
    b.size = Integer.parseInt(param(p, "size"));
    b.setup();
    return b;
  }

  private static BuilderAppend builderAppend(Map<String, String> p) {
    BuilderAppend b = new BuilderAppend();
    b.words = Integer.parseInt(param(p, "words"));
    b.setup();
    return b;
  }

  private static FilterCollect filterCollect(Map<String, String> p) {
    FilterCollect b = new FilterCollect();
    b.selectivity = Double.parseDouble(param(p, "selectivity"));
    b.setup();
    return b;
  }

  private static String param(Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing @Param " + name + " in " + params);
    }
    return value;
  }
}
