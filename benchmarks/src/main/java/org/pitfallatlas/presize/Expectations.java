package org.pitfallatlas.presize;

import java.util.List;
import java.util.Map;
import org.pitfallatlas.jol.AllocationExpectation;
import org.pitfallatlas.jol.BenchmarkState;
import org.pitfallatlas.jol.BytesPerOp;
import org.pitfallatlas.jol.StringBuilderGrowth;

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

  /** The expected bytes per operation of every presize benchmark. */
  public static final BytesPerOp BYTES_PER_OP =
      BytesPerOp.of(
          Map.ofEntries(
              // The final ArrayList + its last array (JOL), plus every array it outgrew.
              Map.entry(
                  "ListAppend.pitfallGrowFromDefault",
                  (jol, p) -> {
                    ListAppend b = BenchmarkState.at(ListAppend.class, p);
                    return jol.graphBytes(b.pitfallGrowFromDefault(), (Object) b.elements)
                        + discardedListArrays(jol, b.elements.length);
                  }),
              // ArrayList + one Object[size]: nothing discarded.
              Map.entry(
                  "ListAppend.fixPresized",
                  (jol, p) -> {
                    ListAppend b = BenchmarkState.at(ListAppend.class, p);
                    return jol.graphBytes(b.fixPresized(), (Object) b.elements);
                  }),
              // HashMap + n Nodes + the final table (JOL), plus tables 16, 32, ... it outgrew.
              Map.entry(
                  "MapFill.pitfallDefaultCapacity",
                  (jol, p) -> {
                    MapFill b = BenchmarkState.at(MapFill.class, p);
                    return jol.graphBytes(b.pitfallDefaultCapacity(), (Object) b.keys)
                        + discardedTables(jol, 16, b.keys.length);
                  }),
              // new HashMap<>(n): a table of tableSizeFor(n), outgrown once when n > 0.75 x that.
              Map.entry(
                  "MapFill.pitfallCapacityNotSize",
                  (jol, p) -> {
                    MapFill b = BenchmarkState.at(MapFill.class, p);
                    return jol.graphBytes(b.pitfallCapacityNotSize(), (Object) b.keys)
                        + discardedTables(jol, tableSizeFor(b.keys.length), b.keys.length);
                  }),
              // HashMap.newHashMap(n): the right table from the start.
              Map.entry(
                  "MapFill.fixNewHashMap",
                  (jol, p) -> {
                    MapFill b = BenchmarkState.at(MapFill.class, p);
                    return jol.graphBytes(b.fixNewHashMap(), (Object) b.keys);
                  }),
              // Every builder array (16, then max(needed, 2 x old + 2)) + the String's own copy.
              Map.entry(
                  "BuilderAppend.pitfallDefaultCapacity",
                  (jol, p) -> {
                    BuilderAppend b = BenchmarkState.at(BuilderAppend.class, p);
                    return builderAndString(jol, b.pitfallDefaultCapacity())
                        + StringBuilderGrowth.arrayBytes(jol, 16, b.parts);
                  }),
              // One builder array of the exact length + the String's own copy.
              Map.entry(
                  "BuilderAppend.fixExactCapacity",
                  (jol, p) -> {
                    BuilderAppend b = BenchmarkState.at(BuilderAppend.class, p);
                    String text = b.fixExactCapacity();
                    return builderAndString(jol, text) + jol.arrayBytes(byte.class, text.length());
                  }),
              // As ListAppend, for the k elements that pass.
              Map.entry(
                  "FilterCollect.pitfallGrowFromDefault",
                  (jol, p) -> {
                    FilterCollect b = BenchmarkState.at(FilterCollect.class, p);
                    List<Integer> kept = b.pitfallGrowFromDefault();
                    return jol.graphBytes(kept, (Object) b.input)
                        + (kept.isEmpty() ? 0 : discardedListArrays(jol, kept.size()));
                  }),
              // ArrayList + Object[input length], whatever passes.
              Map.entry(
                  "FilterCollect.fixPresizeToInputLength",
                  (jol, p) -> {
                    FilterCollect b = BenchmarkState.at(FilterCollect.class, p);
                    return jol.graphBytes(b.fixPresizeToInputLength(), (Object) b.input);
                  }),
              // ArrayList + Object[k].
              Map.entry(
                  "FilterCollect.fixCountThenPresize",
                  (jol, p) -> {
                    FilterCollect b = BenchmarkState.at(FilterCollect.class, p);
                    return jol.graphBytes(b.fixCountThenPresize(), (Object) b.input);
                  })));

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

  /**
   * The String toString() returns and that String's own byte[]. The StringBuilder object itself (24
   * B by JOL) costs nothing: it never escapes, so C2 scalar-replaces it (measured: -prof gc reports
   * 24 B less than JOL's count). Its byte[] stays on the heap: an array whose length is not a
   * compile-time constant is never scalar-replaced.
   */
  private static long builderAndString(AllocationExpectation jol, String text) {
    return jol.latin1StringBytes(text.length());
  }
}
