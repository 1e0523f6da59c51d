package org.pitfallatlas.strings;

import java.util.Map;
import org.pitfallatlas.jol.BenchmarkState;
import org.pitfallatlas.jol.BytesPerOp;
import org.pitfallatlas.jol.StringBuilderGrowth;

/**
 * Expectations are the bytes per operation the string-building benchmarks ({@link LoopConcat},
 * {@link ConcatExpression}) should allocate, computed with JOL for the running JVM from the very
 * strings the benchmarks build.
 *
 * <p>Only the pairs whose allocation follows from the JDK's documented algorithms have them: {@link
 * StringFormat} allocates whatever {@code java.util.Formatter}'s internals do, and {@link
 * DebugLogging} whatever Logback's do; their B/op are measured, not predicted. The suite file
 * {@code benchmarks/suites/strings.json} carries the same numbers for the reference JVM; {@code
 * ExpectationsTest} keeps the two from drifting apart.
 */
public final class Expectations {

  private Expectations() {}

  /** The expected bytes per operation of the string-building benchmarks. */
  public static final BytesPerOp BYTES_PER_OP =
      BytesPerOp.of(
          Map.ofEntries(
              // Every `s += w` is one indy concat: a new String and a byte[] of the full length.
              // The first one ("" + w) returns new String(w), sharing w's byte[]: only the String.
              Map.entry(
                  "LoopConcat.pitfallPlusEquals",
                  (jol, p) -> {
                    long bytes = 0;
                    int length = 0;
                    for (String w : loopConcat(p).words) {
                      bytes += jol.instanceBytes(String.class);
                      if (length > 0) {
                        bytes += jol.arrayBytes(byte.class, length + w.length());
                      }
                      length += w.length();
                    }
                    return bytes;
                  }),
              // Builder arrays 16, 34, 70, ... (max(needed, 2 x old + 2)) + the String and its
              // copy; the StringBuilder object is scalar-replaced by C2 (it never escapes).
              Map.entry(
                  "LoopConcat.fixBuilder",
                  (jol, p) -> {
                    String[] words = loopConcat(p).words;
                    return StringBuilderGrowth.arrayBytes(jol, 16, words)
                        + jol.latin1StringBytes(textLength(words));
                  }),
              // One builder array of the exact length + the String and its copy.
              Map.entry(
                  "LoopConcat.fixSizedBuilder",
                  (jol, p) -> {
                    int length = textLength(loopConcat(p).words);
                    return jol.arrayBytes(byte.class, length) + jol.latin1StringBytes(length);
                  }),
              // String.join copies the parts into a String[] (references only), then fills one
              // byte[] that becomes the String without a copy.
              Map.entry(
                  "LoopConcat.fixJoin",
                  (jol, p) -> {
                    String[] words = loopConcat(p).words;
                    return jol.arrayBytes(String.class, words.length)
                        + jol.latin1StringBytes(textLength(words));
                  }),
              // Five concatenations (`line += "," + field`), each a new String and a byte[] of
              // the prefix so far (measured: -prof gc reports exactly this, 400 and 1520 B/op).
              Map.entry(
                  "ConcatExpression.pitfallLoopPlusEquals",
                  (jol, p) -> {
                    ConcatExpression b = concatExpression(p);
                    long bytes = 0;
                    int length = b.fields[0].length();
                    for (int i = 1; i < b.fields.length; i++) {
                      length += 1 + b.fields[i].length(); // "," + the field
                      bytes += jol.instanceBytes(String.class) + jol.arrayBytes(byte.class, length);
                    }
                    return bytes;
                  }),
              // One indy concat: exactly one String and one byte[] of the line.
              Map.entry(
                  "ConcatExpression.fixSingleExpression",
                  (jol, p) ->
                      jol.latin1StringBytes(concatExpression(p).fixSingleExpression().length()))));

  private static int textLength(String[] words) {
    int length = 0;
    for (String w : words) {
      length += w.length();
    }
    return length;
  }

  private static LoopConcat loopConcat(Map<String, String> p) {
    return BenchmarkState.at(LoopConcat.class, p);
  }

  private static ConcatExpression concatExpression(Map<String, String> p) {
    return BenchmarkState.at(ConcatExpression.class, p);
  }
}
