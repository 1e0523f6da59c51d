package org.pitfallatlas.presize;

import java.util.HashMap;
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
 * MapFill — put n entries into `new HashMap<>()`, `new HashMap<>(n)` and `HashMap.newHashMap(n)`.
 *
 * The pitfall. Go's `make(map[K]V)` without a size hint rehashes as the map grows; the fix is
 * `make(map[K]V, n)`. A default HashMap starts with a 16-bucket table and doubles it each time
 * size exceeds 0.75 x capacity: every resize allocates a new table and re-links every node.
 *
 * The JVM has a sharper version of the pitfall: `new HashMap<>(n)` looks pre-sized but n is the
 * table *capacity*, not the expected *size*. The threshold is 0.75 x tableSizeFor(n), so for
 * n = 1000 the table is 1024 buckets with a threshold of 768, and the 769th put still resizes to
 * 2048. JDK 19 added `HashMap.newHashMap(n)` (capacity = ceil(n / 0.75)) to end that trap.
 * At n = 10000 the trap is invisible: tableSizeFor(10000) = 16384 has a threshold of 12288.
 * So pitfallCapacityNotSize equals the fix at 10k and loses at 1k: the sweep shows both.
 *
 * The claim under test (ATLAS.md): "Appending without pre-sizing: up to 4x more allocations".
 * Here the nodes dominate: every put allocates a HashMap.Node (32 B) whatever the sizing, so the
 * table garbage is a smaller share than for ArrayList. Keys are boxed in @Setup; values are the
 * keys themselves, so B/op is nodes + tables + the HashMap object.
 *
 * The B/op are exact: Expectations computes them with JOL (the map the method returns plus the
 * tables it outgrew) and the suite file carries them as expectedBytesPerOp.
 *
 * How to read the result:
 *  - B/op: all three pay n x 32 B of nodes. pitfallDefaultCapacity adds every table from 16 up to
 *    the final one (~2x the final table's 4 B/bucket); fixNewHashMap allocates the final table
 *    once. Overall that is only ~1.2x the fix's bytes. At n = 1000 pitfallCapacityNotSize allocates a 1024 and a 2048 table.
 *  - time: resizes re-split every bucket (resize() walks all nodes), so the pitfall costs more
 *    than the bytes suggest: expect ~1.3-2x.
 *  - the sweep (1k, 10k) is linear in n for every method.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class MapFill {

  /** How many entries one operation puts. */
  @Param({"1000", "10000"})
  public int size;

  Integer[] keys;

  @Setup
  public void setup() {
    keys = new Integer[size];
    for (int i = 0; i < size; i++) {
      keys[i] = i * 7919; // boxed once; spread so hashes do not collide in order
    }
  }

  @Benchmark
  public Map<Integer, Integer> pitfallDefaultCapacity() {
    Map<Integer, Integer> map = new HashMap<>();
    for (Integer k : keys) {
      map.put(k, k);
    }
    return map;
  }

  @Benchmark
  public Map<Integer, Integer> pitfallCapacityNotSize() {
    Map<Integer, Integer> map = new HashMap<>(keys.length);
    for (Integer k : keys) {
      map.put(k, k);
    }
    return map;
  }

  @Benchmark
  public Map<Integer, Integer> fixNewHashMap() {
    Map<Integer, Integer> map = HashMap.newHashMap(keys.length);
    for (Integer k : keys) {
      map.put(k, k);
    }
    return map;
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'presize.MapFill' -prof gc
 *
 * Measured on this 2-core VM (JDK 25, G1, -f 1 -wi 1 -i 2 -w 200ms -r 200ms, -prof gc):
 *
 *   Benchmark                                         (size) Mode Cnt      Score Error Units
 *   MapFill.fixNewHashMap                               1000 avgt   2     25.059       us/op
 *   MapFill.fixNewHashMap:gc.alloc.rate.norm            1000 avgt   2  40256.863        B/op
 *   MapFill.fixNewHashMap                              10000 avgt   2    365.263       us/op
 *   MapFill.fixNewHashMap:gc.alloc.rate.norm           10000 avgt   2 385612.271        B/op
 *   MapFill.pitfallCapacityNotSize                      1000 avgt   2     36.541       us/op
 *   MapFill.pitfallCapacityNotSize:gc.alloc.rate.norm   1000 avgt   2  44369.222        B/op
 *   MapFill.pitfallCapacityNotSize                     10000 avgt   2    463.089       us/op
 *   MapFill.pitfallCapacityNotSize:gc.alloc.rate.norm  10000 avgt   2 385614.949        B/op
 *   MapFill.pitfallDefaultCapacity                      1000 avgt   2     49.433       us/op
 *   MapFill.pitfallDefaultCapacity:gc.alloc.rate.norm   1000 avgt   2  48497.703        B/op
 *   MapFill.pitfallDefaultCapacity                     10000 avgt   2    653.795       us/op
 *   MapFill.pitfallDefaultCapacity:gc.alloc.rate.norm  10000 avgt   2 451253.918        B/op
 *
 * The telling rows: at 1000, pitfallCapacityNotSize allocates 44,369 B/op vs 40,257 for
 * newHashMap (the extra 1024-bucket table, 4,112 B); at 10000 the two are equal. Nodes
 * (32 B x n) dominate, so the default map allocates only ~1.2x the fix: the 4x claim is a
 * container-only figure.
 */
