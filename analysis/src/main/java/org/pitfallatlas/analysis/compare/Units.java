package org.pitfallatlas.analysis.compare;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Units converts between JMH's units of one dimension: time per operation ({@code ns/op}, {@code
 * us/op}, … {@code s/op}) and operations per time ({@code ops/s}, {@code ops/ms}, …). ops/ms
 * against ops/s is an exact rescaling, not a reason to refuse a comparison.
 */
public final class Units {
  private static final Map<String, Double> SECONDS =
      Map.ofEntries(
          Map.entry("ns", 1e-9),
          Map.entry("us", 1e-6),
          Map.entry("µs", 1e-6),
          Map.entry("μs", 1e-6),
          Map.entry("ms", 1e-3),
          Map.entry("s", 1.0),
          Map.entry("sec", 1.0),
          Map.entry("min", 60.0),
          Map.entry("hr", 3600.0),
          Map.entry("day", 86400.0));

  private Units() {}

  /**
   * Returns the factor {@code f} with {@code value in to = f × value in from}, or empty when the
   * units are of different dimensions (or unknown).
   *
   * @param from the unit the values are in
   * @param to the unit wanted
   * @return the factor
   */
  public static OptionalDouble factor(String from, String to) {
    if (from.equals(to)) {
      return OptionalDouble.of(1);
    }
    String[] a = from.toLowerCase(Locale.ROOT).split("/", -1);
    String[] b = to.toLowerCase(Locale.ROOT).split("/", -1);
    if (a.length != 2 || b.length != 2) {
      return OptionalDouble.empty();
    }
    if (a[1].equals("op") && b[1].equals("op")) {
      Double sa = SECONDS.get(a[0]);
      Double sb = SECONDS.get(b[0]);
      return sa == null || sb == null ? OptionalDouble.empty() : OptionalDouble.of(sa / sb);
    }
    if (a[0].equals("ops") && b[0].equals("ops")) {
      Double sa = SECONDS.get(a[1]);
      Double sb = SECONDS.get(b[1]);
      return sa == null || sb == null ? OptionalDouble.empty() : OptionalDouble.of(sb / sa);
    }
    return OptionalDouble.empty();
  }

  /** Returns {@code values} × {@code factor}, as a new array. */
  static double[][] scale(double[][] values, double factor) {
    double[][] out = new double[values.length][];
    for (int f = 0; f < values.length; f++) {
      out[f] = new double[values[f].length];
      for (int i = 0; i < values[f].length; i++) {
        out[f][i] = values[f][i] * factor;
      }
    }
    return out;
  }
}
