package org.pitfallatlas.presize;

import java.util.ArrayList;
import java.util.List;
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
 * ListAppend — append n elements to `new ArrayList<>()` vs `new ArrayList<>(n)`.
 *
 * The pitfall. Go's `append` to a nil slice grows the backing array again and again; the fix is
 * `make([]T, 0, n)`. The JVM twin is `new ArrayList<>()`: the first add allocates an Object[10],
 * then every time the array is full ArrayList.grow() allocates one 1.5x larger
 * (ArraysSupport.newLength(old, 1, old >> 1)) and copies every reference across. The old arrays
 * become garbage at once. `new ArrayList<>(n)` allocates one Object[n] and never copies.
 *
 * The claim under test (ATLAS.md): "Appending without pre-sizing: up to 4x more allocations;
 * ~14 reallocations to reach 10k elements (Go doubles; ArrayList grows 1.5x); pre-sizing a
 * 50k-record batch cut allocated bytes 40%." GrowthPolicy computes the growth without running
 * anything: ArrayList makes 19 arrays (18 reallocations) to reach 10k and 23 (22) to reach 50k;
 * pure doubling makes 14 reallocations to 10k; Go 1.20+ really makes 18 (it doubles only below
 * 256, then moves towards 1.25x).
 *
 * Only the container is measured: the elements are boxed once in @Setup, so B/op is the ArrayList
 * object (24 B) plus its backing arrays (16 B header + 4 B per compressed reference, 8-aligned).
 * Those numbers are exact, so the suite file carries them as expectedBytesPerOp and
 * ListAppendBytesTest recomputes them with JOL.
 *
 * How to read the result:
 *  - gc.alloc.rate.norm: fix = 24 + 16 + 4n (rounded up to 8). pitfall = 24 + the sum of all
 *    growth arrays: about 2.3x to 3.5x the fix depending on where n falls between two capacities
 *    (the last array can be up to 1.5x larger than needed). That is "up to 4x" territory but
 *    never quite 4x for 1.5x growth; pure doubling would reach ~4x.
 *  - time: the pitfall also pays the copies (~2n references moved in total) and the extra
 *    zeroing of the garbage arrays; expect it 1.5-3x slower, with the gap widening at 50k where
 *    the big arrays no longer fit in a TLAB refill and stress the young gen.
 *  - the sweep (1k, 10k, 50k) should be linear in n for both methods: ns/op and B/op grow ~10x
 *    from 1k to 10k and ~5x from 10k to 50k. A flat or quadratic curve means a broken benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Thread)
public class ListAppend {

  @Param({"1000", "10000", "50000"})
  int size;

  Integer[] elements;

  @Setup
  public void setup() {
    elements = new Integer[size];
    for (int i = 0; i < size; i++) {
      elements[i] = i * 31; // boxed once here, so the benchmark allocates only the list
    }
  }

  @Benchmark
  public List<Integer> pitfallGrowFromDefault() {
    List<Integer> list = new ArrayList<>();
    for (Integer e : elements) {
      list.add(e);
    }
    return list;
  }

  @Benchmark
  public List<Integer> fixPresized() {
    List<Integer> list = new ArrayList<>(elements.length);
    for (Integer e : elements) {
      list.add(e);
    }
    return list;
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'presize.ListAppend' -prof gc
 *   java -cp benchmarks/target/benchmarks.jar org.pitfallatlas.presize.GrowthPolicy
 *
 * MEASURED_EXCERPT
 */
