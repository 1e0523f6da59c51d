package org.pitfallatlas.boxing;

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
 * Boxing inside and outside the Integer cache.
 *
 * The pitfall. "Boxing is cheap, small numbers are cached" is half true. Go allocates when a
 * value is converted to an interface except values below 256 (runtime.staticuint64s); the JVM
 * caches exactly the Integers -128..127 (Integer.valueOf, which autoboxing calls, returns a shared
 * instance) and allocates a new 16 B Integer (JOL: 12 B header + 4 B int) for every other value.
 * Code that looks allocation-free in a test with small ids allocates in production with real ones.
 *
 * The mechanism. Storing a value into an Integer[] (or a List<Integer>, a Map's values — any
 * generic container) calls Integer.valueOf(v); the box escapes into the heap array, so the JIT
 * cannot remove it. Whether it allocates depends only on the value: cached -> a load from
 * IntegerCache.cache, not cached -> new Integer. The cache's upper bound can be raised with
 * -XX:AutoBoxCacheMax=N (java.lang.Integer.IntegerCache.high), which changes these figures.
 *
 * One operation stores VALUES (1024) ints, drawn uniformly from [0, maxValue], into a long-lived
 * array and sums what it stored. The `maxValue` sweep moves the data out of the cache:
 * 127 -> every box cached; 1023 -> 7/8 of them allocate; 65535 -> nearly all allocate.
 *
 * The claim under test: what one boxed element costs — JOL's 16 B per Integer outside the cache,
 * 0 B inside it. Expected B/op (exact, from the seeded inputs): 0 at maxValue=127, about
 * 1024 x 7/8 x 16 = 14.3 KB at 1023 and about 1024 x 16 = 16.3 KB at 65535; the fix stores into an
 * int[] and allocates nothing at every point.
 *
 * How to read it. The pitfall's B/op is a step function of the data, 0 -> ~14 KB -> ~16 KB, which
 * is the whole lesson: the same code, different data, different allocation. The fix is flat at 0.
 *
 * Time is not "near parity" at maxValue=127, although nothing is allocated there: the pitfall is
 * 30-40x slower in every run. Three effects multiply, measured 2026-11-30 (3 forks x 5 x 200 ms per
 * point, JDK 25; study: results/amd-epyc-2cpu-24gib/studies/integercache-barriers/):
 * - the fix is vectorised. C2's SuperWord turns its int[] copy-and-sum into SIMD code: 53 ns per
 *   1024 values, 310 ns with -XX:-UseSuperWord (5.9x). The pitfall's loop stores references and
 *   loads through them; it is not vectorised (2057 vs 2006 ns without SuperWord).
 * - every reference store pays G1's post-write barrier. boxedSlots is a long-lived array in another
 *   heap region than the cached Integers, so each store runs the cross-region check and the card
 *   check behind it: the pitfall takes 2057 ns under G1 and 720-770 ns under Serial or Parallel GC,
 *   whose barrier is a plain card-table store (2.8x, ~1.3 ns per store).
 * - what is left is the box itself: Integer.valueOf's range check and cache load, and the load
 *   through the reference to unbox: 722 ns (Serial) against the scalar fix's 310 ns (2.3x).
 * 5.9 x 2.8 x 2.3 = 38x, the measured 2057 / 53. So at 127 the row measures "a boxed container
 * under G1 against a vectorisable primitive one", not allocation; beyond the cache the allocation
 * is added (8.1 us at 1023 and 65535 under G1, 2.1 us under Serial GC).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class IntegerCache {

  /** Values are drawn uniformly from [0, maxValue]; 127 is the Integer cache's upper bound. */
  @Param({"127", "1023", "65535"})
  public int maxValue;

  static final int VALUES = 1024;

  int[] values;
  Integer[] boxedSlots;
  int[] slots;

  @Setup
  public void setup() {
    values = inputs(maxValue);
    boxedSlots = new Integer[VALUES];
    slots = new int[VALUES];
  }

  /** Stores each value as an Integer: a cache hit for 0..127, a new 16 B object above. */
  @Benchmark
  public long pitfallBoxed() {
    long sum = 0;
    for (int i = 0; i < VALUES; i++) {
      boxedSlots[i] = values[i];
      sum += boxedSlots[i];
    }
    return sum;
  }

  /** Stores each value as an int: no object whatever the value. */
  @Benchmark
  public long fixPrimitive() {
    long sum = 0;
    for (int i = 0; i < VALUES; i++) {
      slots[i] = values[i];
      sum += slots[i];
    }
    return sum;
  }

  /** The inputs for {@code maxValue}: fixed seed, uniform in [0, maxValue]. */
  static int[] inputs(int maxValue) {
    SplittableRandom random = new SplittableRandom(42);
    int[] values = new int[VALUES];
    for (int i = 0; i < VALUES; i++) {
      values[i] = random.nextInt(maxValue + 1);
    }
    return values;
  }
}
