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
 * ConcatExpression — the same six-field record line built by one `+` expression vs by `+=` in a
 * loop.
 *
 * Not every `+` is a pitfall. Since JDK 9 (JEP 280) javac compiles a whole concatenation
 * expression `a + "," + b + "," + ...` to ONE invokedynamic call; StringConcatFactory's strategy
 * sums the operands' lengths, allocates one byte[] of the exact size and wraps it in the String
 * without copying. A single expression is as good as a hand-sized builder, usually better. The
 * old advice "always use StringBuilder instead of +" is obsolete for single expressions.
 *
 * The pitfall is the loop: `s += "," + field` per field, as Go code writes `s += "," + f`. Each
 * statement is one indy concat that copies the whole prefix built so far into a new String. With
 * six fields that is five Strings, four of them intermediate, holding ~3x the final text: the same
 * O(n^2) shape as LoopConcat with a small n; here n is fixed (six fields) and the field length is
 * swept. (Until 2026-11-30 the loop split each field into two statements, `+= ","` then
 * `+= field`: ten concatenations instead of the idiomatic five, which inflated the B/op ratio to
 * 6.0-6.7x.)
 *
 * The claim under test (ATLAS.md): "+= concatenation is O(n^2) in allocation; a sized builder
 * allocates once" — at the scale of a single log or CSV line, where Go code writes
 * `s += f` per field.
 *
 * The B/op are exact: -prof gc reports what JOL counts for both (no JIT effect; the ten-statement
 * version lost five intermediate String objects to C2, this one loses none). Expectations carries
 * the figures; the suite file has them as expectedBytesPerOp.
 *
 * How to read the result (measured 2026-11-30, 2 forks x 4 x 200 ms, -prof gc):
 *  - B/op: fixSingleExpression = one String (24 B) + one byte[] of the line (16 B + 6 x len + 5,
 *    8-aligned): 96 B at fieldLength 8, 432 B at 64. pitfallLoopPlusEquals allocates 5 Strings of
 *    growing length: 400 B and 1520 B, 4.2x and 3.5x the fix (the fixed 40 B per String weighs
 *    more at fieldLength 8).
 *  - ns/op: the pitfall pays five allocations and ~3x the copying: 65.6 vs 27.8 ns (2.4x) at 8,
 *    114 vs 37.9 ns (3.0x) at 64.
 *  - the sweep (fieldLength 8 -> 64) is linear in the field length for both, so the ratio is
 *    roughly flat: the count of operands, not their length, sets it.
 *
 * A measurement artefact, found and removed (2026-11-30). Until then some forks of this class ran
 * fixSingleExpression 10-50x slower for several iterations and then fast again, inside one fork:
 * fieldLength=64, 1245-1609 ns/op against 33-36 ns/op. Printing -prof gc's gc.count per iteration
 * showed that the slow iterations had no GC and the fast ones had several; -Xlog:gc* of such a fork
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
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class ConcatExpression {

  /** The length of each of the six fields. */
  @Param({"8", "64"})
  public int fieldLength;

  String id;
  String customer;
  String product;
  String quantity;
  String price;
  String status;
  String[] fields; // the same six Strings, for the loop

  @Setup
  public void setup() {
    id = field('1');
    customer = field('c');
    product = field('p');
    quantity = field('7');
    price = field('9');
    status = field('s');
    fields = new String[] {id, customer, product, quantity, price, status};
  }

  private String field(char fill) {
    return String.valueOf(fill).repeat(fieldLength);
  }

  @Benchmark
  public String pitfallLoopPlusEquals() {
    String line = fields[0];
    for (int i = 1; i < fields.length; i++) {
      line += "," + fields[i];
    }
    return line;
  }

  @Benchmark
  public String fixSingleExpression() {
    return id + "," + customer + "," + product + "," + quantity + "," + price + "," + status;
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'strings.ConcatExpression' -prof gc \
 *     -jvmArgsPrepend "-Xms128m -Xmx128m -XX:+AlwaysPreTouch"
 *
 * Measured on this 2-core VM (JDK 25, G1, -f 2 -wi 2 -i 4 -w 200ms -r 200ms, -prof gc):
 *
 *   Benchmark                                                (fieldLength) Mode Cnt    Score    Error Units
 *   ConcatExpression.fixSingleExpression                                 8 avgt   8   27.825 ±  2.625 ns/op
 *   ConcatExpression.fixSingleExpression:gc.alloc.rate.norm              8 avgt   8   96.001 ±  0.001  B/op
 *   ConcatExpression.fixSingleExpression                                64 avgt   8   37.917 ±  0.919 ns/op
 *   ConcatExpression.fixSingleExpression:gc.alloc.rate.norm             64 avgt   8  432.001 ±  0.001  B/op
 *   ConcatExpression.pitfallLoopPlusEquals                               8 avgt   8   65.648 ±  5.131 ns/op
 *   ConcatExpression.pitfallLoopPlusEquals:gc.alloc.rate.norm            8 avgt   8  400.002 ±  0.001  B/op
 *   ConcatExpression.pitfallLoopPlusEquals                              64 avgt   8  114.484 ±  4.493 ns/op
 *   ConcatExpression.pitfallLoopPlusEquals:gc.alloc.rate.norm           64 avgt   8 1520.004 ±  0.001  B/op
 */
