package org.pitfallatlas.analysis.stats;

/** Formats levels in messages the way benchstat does ({@code 0.95}, {@code 0.05}). */
final class Format {
  private Format() {}

  static String level(double v) {
    String s = Double.toString(v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  static String percent(double fraction) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * fraction);
  }
}
