package org.pitfallatlas.strings;

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
 * LoopConcat — build one string from n parts: `s += part` vs StringBuilder vs a sized
 * StringBuilder vs String.join.
 *
 * The pitfall. Go strings are immutable, so `s += part` in a loop copies the whole prefix every
 * time: O(n^2) bytes. Java strings are immutable too, and javac's indified concatenation (JEP 280,
 * invokedynamic + StringConcatFactory) makes each `s += part` allocate exactly one new byte[] of
 * the exact length plus one String, and copy both operands into it. That is optimal for ONE
 * expression and still quadratic in a loop: iteration i copies ~8i bytes, n^2 x 4 bytes in all.
 *
 * The fixes:
 *  - fixBuilder: `new StringBuilder()`, doubling growth (amortised O(n)), then toString() copies;
 *  - fixSizedBuilder: capacity = the summed lengths (computed in the method: real code pays for
 *    knowing the size), one array, then toString() copies it once more;
 *  - fixJoin: `String.join("", parts)` measures the parts and fills one byte[] that becomes the
 *    String without a copy (JDK 17+): the only variant that allocates the text once, which is the
 *    Go claim's "a sized builder allocates once" in JVM terms.
 *
 * The claim under test (ATLAS.md): "+= concatenation is O(n^2) in allocation; a sized builder
 * allocates once."
 *
 * The B/op are exact: Expectations computes every method's bytes with JOL from the JDK's
 * algorithms (one String + one byte[] per `+=`; builder growth max(needed, 2 x old + 2); the
 * StringBuilder object itself is scalar-replaced by C2) and the suite file carries them as
 * expectedBytesPerOp.
 *
 * How to read the result. Parts are 8 Latin-1 chars, so the text is 8n bytes.
 *  - B/op, the n^2 shape: from n = 64 to 256 to 1024 (x4 each), pitfallPlusEquals grows ~x16 per
 *    step (~4n^2 + 40n bytes: 17 KB, 0.27 MB, 4.2 MB), every fix grows ~x4 (linear). At 1024
 *    parts expect the pitfall around 150-350x the fixes' bytes.
 *  - ns/op follows the bytes: quadratic for the pitfall, linear for the fixes.
 *  - among the fixes: fixJoin < fixSizedBuilder < fixBuilder in B/op (1.5x the text: the text once
 *    plus join's copy of the String[] of parts; 2x; ~3.3x).
 *
 * A measurement artefact, found and removed (2026-11-30). Until then some forks of this class ran
 * pitfallPlusEquals 10-50x slower for several iterations and then fast again, inside one fork:
 * parts=1024, 11-15 ms/op against 0.2-1 ms/op. Printing -prof gc's gc.count per iteration showed
 * that the slow iterations had no GC and the fast ones had several; -Xlog:gc* of such a fork
 * (IntegerSum.fixIntArray, size=100) shows why: G1 grew eden from 4 to 56 regions of 4 MiB, then
 * the heap from 384 MiB to 1092 MiB with 162 eden regions, and the next 2 s of iterations allocated
 * into 648 MiB of pages nobody had touched yet. On the reference VM the first touch of a 4 KiB page
 * costs 30-40 us (a 1 GiB mmap touched page by page: 7-10 s), ~8 ns per allocated byte, far more
 * than the work itself; once eden wrapped around, its pages were warm and the fork was fast again.
 * The harness now gives every fork a fixed, pre-touched heap (-Xms128m -Xmx128m
 * -XX:+AlwaysPreTouch: "forkHeap" in the suite files); with it every iteration of every fork sits
 * at the fast level, and the runner also classifies each fork's iterations and drops a warm-up
 * segment (SteadyState). To run this class by hand the same way: -jvmArgsPrepend "-Xms128m -Xmx128m
 * -XX:+AlwaysPreTouch".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class LoopConcat {

  /** How many 8-char parts one operation concatenates. */
  @Param({"64", "256", "1024"})
  public int parts;

  String[] words;

  @Setup
  public void setup() {
    words = new String[parts];
    for (int i = 0; i < parts; i++) {
      words[i] = String.format("w%07d", i); // 8 Latin-1 chars, distinct
    }
  }

  @Benchmark
  public String pitfallPlusEquals() {
    String s = "";
    for (String w : words) {
      s += w;
    }
    return s;
  }

  @Benchmark
  public String fixBuilder() {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      sb.append(w);
    }
    return sb.toString();
  }

  @Benchmark
  public String fixSizedBuilder() {
    int length = 0;
    for (String w : words) {
      length += w.length();
    }
    StringBuilder sb = new StringBuilder(length);
    for (String w : words) {
      sb.append(w);
    }
    return sb.toString();
  }

  @Benchmark
  public String fixJoin() {
    return String.join("", words);
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'strings.LoopConcat' -prof gc
 *
 * Measured on this 2-core VM (JDK 25, G1, -f 1 -wi 1 -i 2 -w 200ms -r 200ms, -prof gc):
 *
 *   Benchmark                                       (parts) Mode Cnt       Score Error Units
 *   LoopConcat.fixBuilder                                64 avgt   2       0.723       us/op
 *   LoopConcat.fixBuilder:gc.alloc.rate.norm             64 avgt   2    1784.032        B/op
 *   LoopConcat.fixBuilder                               256 avgt   2       2.932       us/op
 *   LoopConcat.fixBuilder:gc.alloc.rate.norm            256 avgt   2    6808.101        B/op
 *   LoopConcat.fixBuilder                              1024 avgt   2       8.196       us/op
 *   LoopConcat.fixBuilder:gc.alloc.rate.norm           1024 avgt   2   26808.281        B/op
 *   LoopConcat.fixJoin                                   64 avgt   2       0.464       us/op
 *   LoopConcat.fixJoin:gc.alloc.rate.norm                64 avgt   2     824.016        B/op
 *   LoopConcat.fixJoin                                  256 avgt   2       1.950       us/op
 *   LoopConcat.fixJoin:gc.alloc.rate.norm               256 avgt   2    3128.069        B/op
 *   LoopConcat.fixJoin                                 1024 avgt   2       8.341       us/op
 *   LoopConcat.fixJoin:gc.alloc.rate.norm              1024 avgt   2   12344.292        B/op
 *   LoopConcat.fixSizedBuilder                           64 avgt   2       0.465       us/op
 *   LoopConcat.fixSizedBuilder:gc.alloc.rate.norm        64 avgt   2    1080.016        B/op
 *   LoopConcat.fixSizedBuilder                          256 avgt   2       2.385       us/op
 *   LoopConcat.fixSizedBuilder:gc.alloc.rate.norm       256 avgt   2    4152.082        B/op
 *   LoopConcat.fixSizedBuilder                         1024 avgt   2       7.017       us/op
 *   LoopConcat.fixSizedBuilder:gc.alloc.rate.norm      1024 avgt   2   16440.240        B/op
 *   LoopConcat.pitfallPlusEquals                         64 avgt   2       4.646       us/op
 *   LoopConcat.pitfallPlusEquals:gc.alloc.rate.norm      64 avgt   2   19176.158        B/op
 *   LoopConcat.pitfallPlusEquals                        256 avgt   2      50.310       us/op
 *   LoopConcat.pitfallPlusEquals:gc.alloc.rate.norm     256 avgt   2  273385.738        B/op
 *   LoopConcat.pitfallPlusEquals                       1024 avgt   2     856.627       us/op
 *   LoopConcat.pitfallPlusEquals:gc.alloc.rate.norm    1024 avgt   2 4239365.412        B/op
 *
 * The n^2 shape: pitfallPlusEquals B/op goes 19 KB -> 273 KB -> 4.24 MB (x14, x15.5) while
 * every fix goes x4. At 1024 parts: 4.24 MB vs 12.3 KB for fixJoin (343x), 16.4 KB for the
 * sized builder (2 x the text: builder + toString copy), 26.8 KB for the default builder.
 */
