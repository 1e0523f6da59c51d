package org.pitfallatlas.jol;

import java.util.ArrayList;
import java.util.List;

/**
 * StringBuilderGrowth is the JDK's growth rule for a Latin-1 {@code StringBuilder}: when an append
 * does not fit, the new array holds {@code max(needed, 2 x old + 2)} bytes ({@code
 * ArraysSupport.newLength(old, min, old + 2)}), and the old array becomes garbage.
 *
 * <p>The garbage is what no object graph shows, so the families that build strings (presize's
 * builder pair, strings' loop concatenation) add it to JOL's count from this rule.
 */
public final class StringBuilderGrowth {

  private StringBuilderGrowth() {}

  /**
   * Returns the capacity of every array a builder of {@code initial} capacity holds while appending
   * {@code parts} of Latin-1 text, the initial one first.
   *
   * @throws IllegalArgumentException if {@code initial} is negative
   */
  public static List<Integer> capacities(int initial, String... parts) {
    if (initial < 0) {
      throw new IllegalArgumentException("negative capacity " + initial);
    }
    List<Integer> capacities = new ArrayList<>(List.of(initial));
    int capacity = initial;
    int length = 0;
    for (String part : parts) {
      length += part.length();
      if (length > capacity) {
        capacity = Math.max(length, 2 * capacity + 2);
        capacities.add(capacity);
      }
    }
    return capacities;
  }

  /**
   * Returns the bytes of every {@code byte[]} a builder of {@code initial} capacity allocates while
   * appending {@code parts}: the arrays it outgrew and the one it ends with.
   */
  public static long arrayBytes(AllocationExpectation jol, int initial, String... parts) {
    long bytes = 0;
    for (int capacity : capacities(initial, parts)) {
      bytes += jol.arrayBytes(byte.class, capacity);
    }
    return bytes;
  }
}
