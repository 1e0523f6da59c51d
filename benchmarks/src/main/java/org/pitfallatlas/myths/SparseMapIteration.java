package org.pitfallatlas.myths;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * SparseMapIteration — iterate 1,000 entries of a HashMap that once held `peak` entries, vs the
 * same 1,000 entries in a map sized for them.
 *
 * The Go pitfall: Go maps never shrink. A map that grew to 1M entries keeps its buckets after
 * delete() empties it, and `for k, v := range m` visits every bucket, full or not: a cache that
 * peaked once iterates at its peak's cost forever. The fix is to copy the survivors into a new
 * map (or, for a reset, make a new map rather than deleting everything).
 *
 * The JVM has the same pitfall: HashMap.remove() never shrinks the table (only clear() keeps it
 * too), and HashMap's iterator (HashIterator.nextNode) scans the table slot by slot for the next
 * non-empty bucket. At peak = 1,000,000 the table has 2^21 slots (an 8 MiB array of compressed
 * references): each full iteration over 1,000 entries reads all of it.
 *   - pitfallSparseHashMap: the map after growing to `peak` entries and removing all but 1,000
 *     (every (peak/1,000)-th key survives, so the survivors are spread over the table).
 *   - fixCopiedHashMap: `new HashMap<>(sparse)`, made once in setup: the same entries in a table
 *     sized for 1,000 (2,048 slots). Copying costs one pass; it pays from the second iteration.
 *   - fixLinkedHashMap: the JVM-only way out: a LinkedHashMap with the same history (grown to
 *     `peak`, shrunk to 1,000) keeps its big table but iterates its entries' linked list, so
 *     iteration is O(size), whatever the table.
 * Each operation sums the surviving keys and values, so all three must return the same number.
 *
 * The sweep (peak = 1,000, 100,000, 1,000,000) is the control: at peak = 1,000 nothing was removed
 * and all three should be equal (the fix's copy has the same 2,048-slot table); above it the
 * pitfall grows linearly in peak (the table) while both fixes stay flat.
 *
 * Iteration order, the other half of the folklore: Go randomises a map's iteration start on purpose
 * (so code cannot depend on it), and that costs a random number per range loop. Java's HashMap
 * order is deterministic for a given history and table size (not insertion order; LinkedHashMap's
 * is), so there is no randomisation cost to measure on the JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class SparseMapIteration {

  /** How many entries survive the removal: what every operation iterates. */
  static final int LIVE = 1000;

  /** How many entries the map held at its peak before all but {@link #LIVE} were removed. */
  @Param({"1000", "100000", "1000000"})
  public int peak;

  Map<Integer, Integer> sparse;
  Map<Integer, Integer> copied;
  Map<Integer, Integer> linked;

  @Setup
  public void setup() {
    sparse = shrunk(new HashMap<>(), peak);
    copied = new HashMap<>(sparse);
    linked = shrunk(new LinkedHashMap<>(), peak);
  }

  /** Fills {@code map} with keys 0..peak-1, then removes all but every (peak/LIVE)-th key. */
  static Map<Integer, Integer> shrunk(Map<Integer, Integer> map, int peak) {
    int stride = peak / LIVE;
    for (int k = 0; k < peak; k++) {
      map.put(k, k ^ 0x5bd1e995);
    }
    for (int k = 0; k < peak; k++) {
      if (k % stride != 0) {
        map.remove(k);
      }
    }
    return map;
  }

  @Benchmark
  public long pitfallSparseHashMap() {
    return sum(sparse);
  }

  @Benchmark
  public long fixCopiedHashMap() {
    return sum(copied);
  }

  @Benchmark
  public long fixLinkedHashMap() {
    return sum(linked);
  }

  static long sum(Map<Integer, Integer> map) {
    long sum = 0;
    for (Map.Entry<Integer, Integer> e : map.entrySet()) {
      sum += e.getKey() + 31L * e.getValue();
    }
    return sum;
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'myths.SparseMapIteration'
 *
 * Expect the three equal at peak = 1,000, and pitfallSparseHashMap growing with peak (a scan of
 * the 2^21-slot table at 1,000,000) while both fixes stay at the cost of 1,000 entries. By hand on
 * the shared 2-core VM while other benchmarks ran (-f 1 -wi 4 -w 300ms -i 5 -r 200ms; one fork):
 *
 *   Benchmark                                 (peak)  Mode  Cnt    Score      Error  Units
 *   SparseMapIteration.fixCopiedHashMap      1000000  avgt    5    3.570 +-   0.149  us/op
 *   SparseMapIteration.fixLinkedHashMap      1000000  avgt    5    5.729 +-   0.726  us/op
 *   SparseMapIteration.pitfallSparseHashMap     1000  avgt    5    4.619 +-   2.939  us/op
 *   SparseMapIteration.pitfallSparseHashMap   100000  avgt    5   74.155 +-  24.980  us/op
 *   SparseMapIteration.pitfallSparseHashMap  1000000  avgt    5  398.458 +- 132.553  us/op
 *
 * The telling row: at peak = 1,000,000 the same 1,000 entries take ~100x longer to iterate in the
 * map that once held a million. (LinkedHashMap is ~1.6x slower than the copy here: its entries are
 * the survivors of a million scattered through the heap, the copy's were allocated together.)
 */
