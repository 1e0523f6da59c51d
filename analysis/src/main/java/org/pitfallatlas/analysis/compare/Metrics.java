package org.pitfallatlas.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.stats.Direction;

/**
 * Metrics turns a JMH result into the series the atlas compares: the primary score ({@code time},
 * or {@code throughput} in thrpt mode), SampleTime's per-iteration percentiles ({@code p50}, {@code
 * p99}, {@code p99.9}, from each iteration's histogram), and bytes allocated per operation ({@code
 * gc.alloc.rate.norm}, B/op).
 */
public final class Metrics {
  /** The secondary metric compared: JMH's {@code -prof gc} bytes per operation. */
  public static final String ALLOC = "gc.alloc.rate.norm";

  private static final double[] PERCENTILES = {0.50, 0.99, 0.999};
  private static final String[] PERCENTILE_NAMES = {"p50", "p99", "p99.9"};

  private Metrics() {}

  /**
   * A Series is one metric's values of one result.
   *
   * @param metric the metric name
   * @param unit the unit
   * @param values {@code [fork][iteration]}
   */
  public record Series(String metric, String unit, double[][] values) {}

  /**
   * Returns the series of {@code r} in a fixed order: primary, percentiles, allocation.
   *
   * @param r the result
   * @return the series
   */
  public static List<Series> of(JmhResult r) {
    List<Series> out = new ArrayList<>();
    JmhMetric p = r.primary();
    String primary = "thrpt".equals(r.mode()) ? "throughput" : "time";
    out.add(new Series(primary, p.unit(), p.perIteration()));
    if (p.hasHistograms()) {
      for (int i = 0; i < PERCENTILES.length; i++) {
        out.add(
            new Series(PERCENTILE_NAMES[i], p.unit(), p.percentilePerIteration(PERCENTILES[i])));
      }
    }
    JmhMetric alloc = r.secondary().get(ALLOC);
    if (alloc != null) {
      out.add(new Series(ALLOC, alloc.unit(), alloc.perIteration()));
    }
    return out;
  }

  /**
   * Returns which way is better for {@code unit}: throughput units ({@code ops/s}, {@code ops/ms},
   * ...) are higher-is-better; time per operation, bytes per operation and everything else are
   * lower-is-better.
   *
   * @param unit the unit
   * @return the direction
   */
  public static Direction direction(String unit) {
    return unit.toLowerCase(Locale.ROOT).startsWith("ops/")
        ? Direction.HIGHER_IS_BETTER
        : Direction.LOWER_IS_BETTER;
  }

  /** Returns whether zero is a legitimate value of the metric (nothing allocated). */
  static boolean zeroAllowed(String metric) {
    return ALLOC.equals(metric);
  }
}
