package org.pitfallatlas.strings;

import java.util.Locale;
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
 * StringFormat — one line with four values: String.format vs a concatenation expression.
 *
 * The pitfall. Go's fmt.Sprintf in a hot path parses the format string on every call and boxes
 * each argument into an interface{}. String.format does the same on the JVM: it boxes the
 * primitives into an Object[] (varargs), creates a Formatter and a StringBuilder, parses the
 * pattern into a list of specifiers (JDK 17+ no longer uses a regex, but still allocates per
 * call), and formats each %d through the Locale's digits and grouping rules. None of that is
 * cached between calls, and C2 cannot fold it away.
 *
 * The fix is the concatenation expression: one invokedynamic call whose StringConcatFactory
 * strategy is specialised for these operand types at link time; it sizes the result exactly and
 * writes the digits straight into the byte[] (see ConcatExpression).
 *
 * The pitfall is written as people write it: String.format(pattern, args), formatting with the
 * JVM's default FORMAT locale (until 2026-11-30 it passed Locale.ROOT, which real code rarely does).
 * The two sides build the same line only where that locale prints %d as plain ASCII digits, so the
 * class pins the forks' default locale to en-US (@Fork jvmArgsAppend) and @Setup checks that both
 * sides built the same line: under a locale with other digits (ar-SA-u-nu-arab, for one) the fork
 * fails with the locale it saw instead of timing two different strings. The test checks both.
 *
 * The claim under test (ATLAS.md): "fmt.Sprintf in hot paths" (strings family: the formatting
 * call is the cost, not the string).
 *
 * How to read the result:
 *  - ns/op: expect String.format ~10-20x slower than the concatenation.
 *  - B/op: format allocates the Formatter, its StringBuilder (grown), the parsed specifier list,
 *    the boxed arguments and the varargs array; expect ~8-10x the concatenation's bytes.
 *  - the sweep (customer name of 8 or 64 chars) adds the same bytes to both; the ratio should
 *    narrow a little at 64, because the per-call overhead of format is fixed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
    value = 10,
    jvmArgsAppend = {"-Duser.language=en", "-Duser.country=US"})
@State(Scope.Benchmark)
public class StringFormat {

  /** The length of the customer name, the one variable-length argument. */
  @Param({"8", "64"})
  public int nameLength;

  long orderId;
  String customer;
  int items;
  long totalCents;

  @Setup
  public void setup() {
    orderId = 90_210_417L;
    customer = "x".repeat(nameLength);
    items = 17;
    totalCents = 1_234_567L;
    requireSameLine(pitfallFormat(), fixConcat());
  }

  /** Fails fast when the default locale makes String.format build another line than the fix. */
  static void requireSameLine(String formatted, String concatenated) {
    if (!formatted.equals(concatenated)) {
      throw new IllegalStateException(
          "String.format under the default locale "
              + Locale.getDefault(Locale.Category.FORMAT).toLanguageTag()
              + " built \""
              + formatted
              + "\" but the concatenation built \""
              + concatenated
              + "\": the pair compares equal work only where %d prints ASCII digits without"
              + " grouping. Run the fork with -Duser.language=en -Duser.country=US (the class's"
              + " @Fork does; a -jvmArgsAppend on the command line replaces it, use"
              + " -jvmArgsPrepend).");
    }
  }

  @Benchmark
  public String pitfallFormat() {
    return String.format(
        "order %d for %s: %d items, total %d cents", orderId, customer, items, totalCents);
  }

  @Benchmark
  public String fixConcat() {
    return "order "
        + orderId
        + " for "
        + customer
        + ": "
        + items
        + " items, total "
        + totalCents
        + " cents";
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'strings.StringFormat' -prof gc
 *
 * Measured on this 2-core VM (JDK 25, G1, -f 1 -wi 1 -i 2 -w 200ms -r 200ms, -prof gc):
 *
 *   Benchmark                                     (nameLength) Mode Cnt    Score Error Units
 *   StringFormat.fixConcat                                   8 avgt   2  137.546       ns/op
 *   StringFormat.fixConcat:gc.alloc.rate.norm                8 avgt   2  104.004        B/op
 *   StringFormat.fixConcat                                  64 avgt   2  100.346       ns/op
 *   StringFormat.fixConcat:gc.alloc.rate.norm               64 avgt   2  160.003        B/op
 *   StringFormat.pitfallFormat                               8 avgt   2 2499.078       ns/op
 *   StringFormat.pitfallFormat:gc.alloc.rate.norm            8 avgt   2 1024.078        B/op
 *   StringFormat.pitfallFormat                              64 avgt   2 1150.518       ns/op
 *   StringFormat.pitfallFormat:gc.alloc.rate.norm           64 avgt   2 1280.150        B/op
 *
 * String.format: ~10x the bytes (1,024 vs 104 B/op at nameLength 8) and 10-20x the time.
 */
