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
 * How to read the result. Parts are 8 Latin-1 chars, so the text is 8n bytes.
 *  - B/op, the n^2 shape: from n = 64 to 256 to 1024 (x4 each), pitfallPlusEquals grows ~x16 per
 *    step (~4n^2 + 40n bytes: 17 KB, 0.27 MB, 4.2 MB), every fix grows ~x4 (linear). At 1024
 *    parts expect the pitfall around 100-250x the fixes' bytes.
 *  - ns/op follows the bytes: quadratic for the pitfall, linear for the fixes.
 *  - among the fixes: fixJoin < fixSizedBuilder < fixBuilder in B/op (1x, 2x, ~3-4x the text).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Thread)
public class LoopConcat {

  @Param({"64", "256", "1024"})
  int parts;

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
 * MEASURED_EXCERPT
 */
