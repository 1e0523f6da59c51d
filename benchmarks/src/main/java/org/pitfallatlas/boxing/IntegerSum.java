package org.pitfallatlas.boxing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * Boxed collections of numbers: List<Integer> and Object[] against int[].
 *
 * The pitfall. Go code that gathers values into []interface{} (or []any) boxes every element:
 * each int gets its own heap cell and the slice holds pointers to them. The JVM has no generic
 * collection of primitives, so the everyday List<Integer> is exactly that shape, and so is an
 * Object[] filled with numbers (what a "row" of a generic result set or a varargs call is).
 *
 * The mechanism. Each element is an Integer object (JOL: 16 B = 12 B header + 4 B int) reached
 * through a 4 B compressed reference, where int[] stores the 4 B value inline. Values outside the
 * Integer cache (-128..127, see IntegerCache) allocate a new Integer per element, so collecting n
 * values costs about 20n bytes boxed (16n for the boxes + 4n for the references) against 4n bytes
 * unboxed — 5x the allocation, and every read is a dependent load plus an unboxing.
 *
 * One operation collects `size` ints (from @State, drawn outside the Integer cache) into the
 * container and sums it — the shape of a handler that gathers results before aggregating them.
 * Both sides use a pre-sized container so that growth (the presize family) does not blur the
 * boxing cost.
 *
 * The claim under test (ATLAS.md): "Concrete types instead of interface{}: heap allocation
 * 800 -> 210 MB/min in an RPC handler" — i.e. concrete types allocate ~3.8x less. Here the JVM
 * figure is fixed by the layout: JOL predicts 20n + 40 B (List) and 20n + 16 B (Object[]) against
 * 4n + 16 B (int[]) per operation, so pitfall/fix B/op ~ 5.0x at every size.
 *
 * How to read it. B/op (gc.alloc.rate.norm) is the verdict: it must match the JOL figures above
 * (suite file boxing.json, checked by ExpectationsTest) and grow linearly with `size` for all three
 * methods. Time grows linearly too; the pitfall/fix time ratio is the cost of boxing plus
 * pointer-chasing and is typically 3-10x; it widens as `size` outgrows the CPU caches (100 values
 * fit in L1, 100000 boxed values are 2 MB).
 *
 * A measurement artefact, found and removed (2026-11-30). Until then some forks of this class ran
 * fixIntArray 10-50x slower for several iterations and then fast again, inside one fork: size=100,
 * 1.1-1.4 us/op against 0.024 us/op; size=100000, 1.1-8 ms against 40-160 us. Printing -prof gc's
 * gc.count per iteration showed that the slow iterations had no GC and the fast ones had several;
 * -Xlog:gc* of such a fork (IntegerSum.fixIntArray, size=100) shows why: G1 grew eden from 4 to 56
 * regions of 4 MiB, then the heap from 384 MiB to 1092 MiB with 162 eden regions, and the next 2 s
 * of iterations allocated into 648 MiB of pages nobody had touched yet. On the reference VM the
 * first touch of a 4 KiB page costs 30-40 us (a 1 GiB mmap touched page by page: 7-10 s), ~8 ns per
 * allocated byte, far more than the work itself; once eden wrapped around, its pages were warm and
 * the fork was fast again. The harness now gives every fork a fixed, pre-touched heap (-Xms128m
 * -Xmx128m -XX:+AlwaysPreTouch: "forkHeap" in the suite files); with it every iteration of every
 * fork sits at the fast level, and the runner also classifies each fork's iterations and drops a
 * warm-up segment (SteadyState). To run this class by hand the same way: -jvmArgsPrepend "-Xms128m
 * -Xmx128m -XX:+AlwaysPreTouch".
 *
 * A second artefact, found 2026-11-30 and removed in the harness (below). For an operation of ~5-40 us, JMH's
 * own measurement loop (the generated ..._avgt_jmhStub, the method inlined into it) is compiled only
 * after tens of thousands of operations, late in a fork, and the operation gets faster then.
 * pitfallObjectArray at size=10000, one fork of 2 + 8 iterations of 300 ms: 34.7, 32.8 | 32.1,
 * 30.7, 30.0, 30.0, 29.1, 25.3, 24.4, 25.2 us/op (-XX:+PrintCompilation: the stub's first compile,
 * a level-3 OSR, at 2.84 s); with the stub excluded from compilation
 * (-XX:CompileCommand=exclude,*::*jmhStub) 29.5-36.1 throughout — no late drop, so the compile is
 * the cause. All 10 forks of the full run end with that drop. Here it flatters the fix: quick
 * measures the pitfall before it.
 * The quick budget (1.2 s of iterations per fork) ends before that compile and the full budget crosses
 * it mid-measurement (a level shift the steady-state rule reports), so quick and full measure
 * different code (README, "Do the verdicts reproduce?"). Fixed in the harness: every fork the runner
 * starts scales only the stub's compile thresholds (StubCompile:
 * -XX:CompileCommand=CompileThresholdScaling,*::*jmhStub,0.01), so the loop is compiled after ~1k
 * operations and the quick budget lands where a run of 5 x 1 s warm-up + 5 x 1 s lands (measured on
 * 5 forks). To run this class by hand the same way, add those flags (and -XX:CompileCommand=quiet)
 * to -jvmArgsPrepend.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class IntegerSum {

  /** How many values one operation collects and sums. */
  @Param({"100", "10000", "100000"})
  public int size;

  int[] values;

  @Setup
  public void setup() {
    values = inputs(size);
  }

  /** Collects into a pre-sized {@code ArrayList<Integer>}, then sums: one Integer per element. */
  @Benchmark
  public long pitfallList() {
    return sum(collectList(values));
  }

  /** Collects into an {@code Object[]} (Go's {@code []any}), then sums: one Integer per element. */
  @Benchmark
  public long pitfallObjectArray() {
    return sum(collectObjectArray(values));
  }

  /** Collects into an {@code int[]}, then sums: the values are stored inline, nothing is boxed. */
  @Benchmark
  public long fixIntArray() {
    return sum(collectIntArray(values));
  }

  /** The inputs for {@code size}: fixed seed, every value outside the Integer cache. */
  static int[] inputs(int size) {
    SplittableRandom random = new SplittableRandom(42);
    int[] values = new int[size];
    for (int i = 0; i < size; i++) {
      int v = random.nextInt(1_000, 1_000_000);
      values[i] = random.nextBoolean() ? v : -v;
    }
    return values;
  }

  static List<Integer> collectList(int[] values) {
    List<Integer> list = new ArrayList<>(values.length);
    for (int v : values) {
      list.add(v);
    }
    return list;
  }

  static Object[] collectObjectArray(int[] values) {
    Object[] array = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      array[i] = values[i];
    }
    return array;
  }

  static int[] collectIntArray(int[] values) {
    int[] array = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      array[i] = values[i];
    }
    return array;
  }

  static long sum(List<Integer> list) {
    long sum = 0;
    for (Integer v : list) {
      sum += v;
    }
    return sum;
  }

  static long sum(Object[] array) {
    long sum = 0;
    for (Object v : array) {
      sum += (Integer) v;
    }
    return sum;
  }

  static long sum(int[] array) {
    long sum = 0;
    for (int v : array) {
      sum += v;
    }
    return sum;
  }
}
