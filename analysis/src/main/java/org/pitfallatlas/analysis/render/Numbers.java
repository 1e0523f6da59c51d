package org.pitfallatlas.analysis.render;

import java.util.Locale;

/** Number formats shared by the renderers (benchstat's conventions where it has one). */
public final class Numbers {
  private Numbers() {}

  /** Four significant digits, with k/M/G for large values: {@code 12.34}, {@code 1.235k}. */
  public static String value(double v) {
    if (Double.isNaN(v)) {
      return "?";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "-∞";
    }
    double a = Math.abs(v);
    String[] prefixes = {"", "k", "M", "G", "T"};
    int p = 0;
    while (a >= 1000 && p < prefixes.length - 1) {
      a /= 1000;
      v /= 1000;
      p++;
    }
    if (v == 0) {
      return "0";
    }
    if (p == 0 && a < 1e-3) {
      // Below a thousandth, SI prefixes like benchstat's instead of a run of zeros
      // ("3.246n", not "0.000000003246").
      String[] small = {"m", "µ", "n", "p", "f"};
      int q = -1;
      while (a < 1 && q < small.length - 1) {
        a *= 1000;
        v *= 1000;
        q++;
      }
      int d = a >= 100 ? 1 : a >= 10 ? 2 : 3;
      return String.format(Locale.ROOT, "%." + d + "f", v) + small[q];
    }
    int digits = a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4;
    if (a < 1) {
      digits = Math.max(4, 3 - (int) Math.floor(Math.log10(a)));
    }
    return String.format(Locale.ROOT, "%." + digits + "f", v) + prefixes[p];
  }

  /**
   * A duration in milliseconds for a column or sentence that names the unit: three significant
   * digits without trailing zeros or SI prefixes, grouped from 1,000 on — {@code 12.3}, {@code
   * 0.42}, {@code 0.00821}, {@code 1,235}; {@code ?} for NaN.
   */
  public static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "?";
    }
    if (Double.isInfinite(ms)) {
      return ms > 0 ? "∞" : "-∞";
    }
    if (ms == 0) {
      return "0";
    }
    if (Math.abs(ms) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", ms);
    }
    return new java.math.BigDecimal(ms)
        .round(new java.math.MathContext(3, java.math.RoundingMode.HALF_EVEN))
        .stripTrailingZeros()
        .toPlainString();
  }

  /**
   * Formats {@code v} with {@code decimals} decimals the way Go's fmt does: on the exact binary
   * value, ties to even (Java's %f rounds the shortest decimal form half up: 0.125 -> "0.13", Go ->
   * "0.12"). benchstat mode prints its figures this way.
   */
  static String goFixed(double v, int decimals) {
    return new java.math.BigDecimal(v)
        .setScale(decimals, java.math.RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  /** benchstat's interval figure: {@code ± 2%}, {@code ± ∞}. */
  public static String plusMinus(double relativeHalfWidth) {
    if (Double.isInfinite(relativeHalfWidth) || Double.isNaN(relativeHalfWidth)) {
      return "± ∞";
    }
    return "± " + goFixed(100 * relativeHalfWidth, 0) + "%";
  }

  /** A ratio as a signed percentage change: {@code -17.2%}; {@code +∞} for an infinite ratio. */
  public static String change(double ratio) {
    if (ratio == Double.POSITIVE_INFINITY) {
      return "+∞";
    }
    if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
      return "?";
    }
    return String.format(Locale.ROOT, "%+.1f%%", 100 * (ratio - 1));
  }

  /** benchstat's delta format: {@code -20.00%}; {@code +∞} for an infinite ratio. */
  public static String benchstatChange(double ratio) {
    if (ratio == Double.POSITIVE_INFINITY) {
      return "+∞";
    }
    if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
      return "?";
    }
    if (ratio == 1) {
      return "0.00%";
    }
    String d = goFixed(100 * (ratio - 1), 2);
    return (d.startsWith("-") ? d : "+" + d) + "%";
  }

  /** A ratio's interval as percentage changes: {@code [-18.9%, -15.1%]}. */
  public static String interval(double lo, double hi) {
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      return "";
    }
    return "[" + change(lo) + ", " + change(hi) + "]";
  }

  /** A p-value with three decimals, or {@code <0.001}. */
  public static String p(double p) {
    if (Double.isNaN(p)) {
      return "?";
    }
    return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }

  /**
   * A ratio as a factor: {@code 0.607×} (three decimals from 0.1 up, two significant digits below:
   * {@code 0.0042×}); {@code 0×} and {@code ∞} for an allocation-free side.
   */
  public static String ratio(double r) {
    if (Double.isNaN(r)) {
      return "?";
    }
    if (Double.isInfinite(r)) {
      return r > 0 ? "∞" : "-∞";
    }
    if (r == 0) {
      return "0×";
    }
    return String.format(Locale.ROOT, Math.abs(r) >= 0.1 ? "%.3f×" : "%.2g×", r);
  }

  /** A ratio's interval as factors: {@code [0.398×, 0.925×]}. */
  public static String ratioInterval(double lo, double hi) {
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      return "";
    }
    return "[" + ratio(lo) + ", " + ratio(hi) + "]";
  }

  /** A speedup factor: {@code 8.10×}. */
  public static String times(double v) {
    if (Double.isNaN(v)) {
      return "?";
    }
    if (Double.isInfinite(v)) {
      return "∞";
    }
    return v >= 100
        ? String.format(Locale.ROOT, "%.0f×", v)
        : String.format(Locale.ROOT, "%.2f×", v);
  }

  /** A fraction as a percentage without trailing zeros: {@code 2%}, {@code 2.5%}. */
  public static String percent(double fraction) {
    String s = String.format(Locale.ROOT, "%.2f", 100 * fraction);
    s = s.replaceAll("\\.?0+$", "");
    return s + "%";
  }
}
