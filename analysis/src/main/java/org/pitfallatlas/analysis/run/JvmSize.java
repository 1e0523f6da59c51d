package org.pitfallatlas.analysis.run;

import java.util.Locale;

/** Parses a JVM memory size ({@code 256m}, {@code 1g}, {@code 524288k}, {@code 1048576}). */
final class JvmSize {
  private JvmSize() {}

  /**
   * Returns the size in bytes.
   *
   * @throws IllegalArgumentException if {@code size} is not a JVM size
   */
  static long bytes(String size) {
    String s = size.trim().toLowerCase(Locale.ROOT);
    if (!s.matches("[0-9]+[kmg]?")) {
      throw new IllegalArgumentException("not a JVM size (like 256m or 1g): '" + size + "'");
    }
    char last = s.charAt(s.length() - 1);
    long shift =
        switch (last) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          default -> 0;
        };
    String digits = Character.isDigit(last) ? s : s.substring(0, s.length() - 1);
    return Long.parseLong(digits) << shift;
  }
}
