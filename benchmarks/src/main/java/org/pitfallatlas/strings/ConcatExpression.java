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
 * The pitfall is the loop: `s += field; s += ","` runs one indy concat per statement, and each
 * one copies the whole prefix built so far into a new String. With k operands that is k - 1
 * intermediate Strings holding ~k/2 x the final text, the same O(n^2) shape as LoopConcat with a
 * small n; here n is fixed (11 operands) and the field length is swept.
 *
 * The claim under test (ATLAS.md): "+= concatenation is O(n^2) in allocation; a sized builder
 * allocates once" — at the scale of a single log or CSV line, where Go code writes
 * `s += f` per field.
 *
 * The B/op are exact, with one JIT effect: -prof gc reports 5 x 24 B less than JOL counts for the
 * loop (C2 removes five of the ten intermediate String objects, never their byte[]s) at every
 * fieldLength. Expectations carries that figure; the suite file has it as expectedBytesPerOp.
 *
 * How to read the result:
 *  - B/op: fixSingleExpression = one String (24 B) + one byte[] of the line (16 B + 6 x len + 5,
 *    8-aligned). pitfallLoopPlusEquals allocates 11 Strings of growing length: expect ~6-7x the
 *    fix's bytes (the fixed 40 B per String weighs a little more at fieldLength 8).
 *  - ns/op: the pitfall pays 11 allocations and ~6x the copying; expect 3-6x.
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
      line += ",";
      line += fields[i];
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
 *     -jar benchmarks/target/benchmarks.jar 'strings.ConcatExpression' -prof gc
 *
 * Measured on this 2-core VM (JDK 25, G1, -f 1 -wi 1 -i 2 -w 200ms -r 200ms, -prof gc):
 *
 *   Benchmark                                                 (fieldLength) Mode Cnt    Score Error Units
 *   ConcatExpression.fixSingleExpression                                  8 avgt   2   51.951       ns/op
 *   ConcatExpression.fixSingleExpression:gc.alloc.rate.norm               8 avgt   2   96.002        B/op
 *   ConcatExpression.fixSingleExpression                                 64 avgt   2  163.501       ns/op
 *   ConcatExpression.fixSingleExpression:gc.alloc.rate.norm              64 avgt   2  432.006        B/op
 *   ConcatExpression.pitfallLoopPlusEquals                                8 avgt   2  624.316       ns/op
 *   ConcatExpression.pitfallLoopPlusEquals:gc.alloc.rate.norm             8 avgt   2  640.189        B/op
 *   ConcatExpression.pitfallLoopPlusEquals                               64 avgt   2 1263.189       ns/op
 *   ConcatExpression.pitfallLoopPlusEquals:gc.alloc.rate.norm            64 avgt   2 2608.197        B/op
 *
 * The single expression allocates exactly one String + one byte[] (96 B at fieldLength 8:
 * 24 + 16 + 53 -> 72); the loop allocates 6.7x (8) and 6.0x (64) that, and is 4-12x slower.
 */
