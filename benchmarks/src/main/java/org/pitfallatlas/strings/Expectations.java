package org.pitfallatlas.strings;

import java.util.Map;
import java.util.Set;
import java.util.function.ToLongBiFunction;
import org.pitfallatlas.jol.AllocationExpectation;

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

  /** An expectation: bytes per operation as a function of the JVM's layout and the @Param point. */
  private interface Expectation
      extends ToLongBiFunction<AllocationExpectation, Map<String, String>> {}

  private static final Map<String, Expectation> BY_BENCHMARK =
      Map.ofEntries(
          // Every `s += w` is one indy concat: a new String and a byte[] of the full length. The
          // first one ("" + w) returns new String(w), sharing w's byte[]: only the String.
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
          // Builder arrays 16, 34, 70, ... (max(needed, 2 x old + 2)) + the String and its copy;
          // the StringBuilder object is scalar-replaced by C2 (it never escapes).
          Map.entry(
              "LoopConcat.fixBuilder",
              (jol, p) -> {
                String[] words = loopConcat(p).words;
                long bytes = 0;
                int capacity = 16;
                int length = 0;
                bytes += jol.arrayBytes(byte.class, capacity);
                for (String w : words) {
                  length += w.length();
                  if (length > capacity) {
                    capacity = Math.max(length, 2 * capacity + 2);
                    bytes += jol.arrayBytes(byte.class, capacity);
                  }
                }
                return bytes + string(jol, length);
              }),
          // One builder array of the exact length + the String and its copy.
          Map.entry(
              "LoopConcat.fixSizedBuilder",
              (jol, p) -> {
                int length = textLength(loopConcat(p).words);
                return jol.arrayBytes(byte.class, length) + string(jol, length);
              }),
          // String.join copies the parts into a String[] (references only), then fills one byte[]
          // that becomes the String without a copy.
          Map.entry(
              "LoopConcat.fixJoin",
              (jol, p) -> {
                String[] words = loopConcat(p).words;
                return jol.arrayBytes(String.class, words.length) + string(jol, textLength(words));
              }),
          // Ten concatenations, each a byte[] of the prefix so far; C2 removes five of the ten
          // String objects (measured: -prof gc reports 5 x 24 B less than JOL, at every
          // fieldLength), never their byte[]s.
          Map.entry(
              "ConcatExpression.pitfallLoopPlusEquals",
              (jol, p) -> {
                ConcatExpression b = concatExpression(p);
                long bytes = 0;
                int length = b.fields[0].length();
                for (int i = 1; i < b.fields.length; i++) {
                  length += 1; // ","
                  bytes += jol.arrayBytes(byte.class, length);
                  length += b.fields[i].length();
                  bytes += jol.arrayBytes(byte.class, length);
                }
                return bytes + 5 * jol.instanceBytes(String.class);
              }),
          // One indy concat: exactly one String and one byte[] of the line.
          Map.entry(
              "ConcatExpression.fixSingleExpression",
              (jol, p) -> string(jol, concatExpression(p).fixSingleExpression().length())));

  /** Returns the benchmarks (as {@code Class.method}) that have an expectation. */
  public static Set<String> benchmarks() {
    return BY_BENCHMARK.keySet();
  }

  /**
   * Returns the bytes one operation of {@code benchmark} should allocate at the {@code @Param}
   * point {@code params}, on the JVM whose layout {@code jol} describes.
   *
   * @param benchmark {@code Class.method}, e.g. {@code "LoopConcat.fixJoin"}
   * @throws IllegalArgumentException if the benchmark has no expectation or a needed param is
   *     missing
   */
  public static long bytesPerOp(
      String benchmark, Map<String, String> params, AllocationExpectation jol) {
    Expectation expectation = BY_BENCHMARK.get(benchmark);
    if (expectation == null) {
      throw new IllegalArgumentException(
          "no expectation for " + benchmark + "; known: " + BY_BENCHMARK.keySet());
    }
    return expectation.applyAsLong(jol, params);
  }

  /** A Latin-1 String of {@code length} chars: the String object and its own byte[]. */
  private static long string(AllocationExpectation jol, int length) {
    return jol.instanceBytes(String.class) + jol.arrayBytes(byte.class, length);
  }

  private static int textLength(String[] words) {
    int length = 0;
    for (String w : words) {
      length += w.length();
    }
    return length;
  }

  private static LoopConcat loopConcat(Map<String, String> p) {
    LoopConcat b = new LoopConcat();
    b.parts = Integer.parseInt(param(p, "parts"));
    b.setup();
    return b;
  }

  private static ConcatExpression concatExpression(Map<String, String> p) {
    ConcatExpression b = new ConcatExpression();
    b.fieldLength = Integer.parseInt(param(p, "fieldLength"));
    b.setup();
    return b;
  }

  private static String param(Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing @Param " + name + " in " + params);
    }
    return value;
  }
}
