package org.pitfallatlas.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.latency.OpenLoopResults;
import org.pitfallatlas.analysis.stats.Direction;

/**
 * Metrics turns a JMH result into the series the atlas compares: the primary score ({@code time},
 * or {@code throughput} in thrpt mode), SampleTime's per-iteration percentiles ({@code p50}, {@code
 * p99}, {@code p99.9}, from each iteration's histogram), bytes allocated per operation ({@code
 * gc.alloc.rate.norm}, B/op), and the atlas's own secondary metrics named in {@link #ATLAS} when a
 * result has them.
 */
public final class Metrics {
  /** The secondary metric compared: JMH's {@code -prof gc} bytes per operation. */
  public static final String ALLOC = "gc.alloc.rate.norm";

  /**
   * A {@link #ALLOC} median below this many bytes per operation (1 B/op) counts as no allocation
   * when a ratio or a speedup is shown. JMH's {@code gc.alloc.rate.norm} divides what the thread
   * allocated during an iteration by the operations it ran, so code that allocates nothing per
   * operation still reports the iteration's own costs amortised over millions of operations (0.0048
   * B/op, 0.46 B/op), and a ratio against such a value is noise ("-100.0%", "504677×"). Allocation
   * comes in whole objects (at least 16 B, 8 B with compact object headers), so a median below 1
   * B/op means fewer than one object per eight operations: not an allocation of the code measured.
   * The renderers then show the ratio as -100% (only the compared column is allocation-free) or +∞
   * (only the base is), the speedup as "allocation-free" or "—", and no ratio interval. Verdicts,
   * centers and ratios in the data (JSON, CSV, {@link Delta}) stay the raw values.
   */
  public static final double ALLOCATION_FREE_BELOW = 1.0;

  /**
   * Secondary metrics the atlas's own JMH profilers report and the analysis compares like {@link
   * #ALLOC} (lower is better, one value per iteration), in this order: {@code thread.committed} and
   * {@code thread.reserved}, memory per parked thread in B/thread from {@code
   * org.pitfallatlas.fanout.ThreadMemoryProfiler} (native memory from Native Memory Tracking's
   * Thread category plus the heap the threads hold); {@code io.downstream.requests}, the requests a
   * failing downstream saw per operation, from {@code org.pitfallatlas.io.IoCountersProfiler} (the
   * load that retries at every hop amplify); {@code log.bytes}, bytes logged per operation, from
   * {@code org.pitfallatlas.errors.LogBytesProfiler}. Other secondary metrics (their parts, the
   * other servers' counters, {@code rss.peak}, {@code c2c.rtt}) are shown by the notebooks, not
   * compared.
   */
  public static final List<String> ATLAS =
      List.of("thread.committed", "thread.reserved", "io.downstream.requests", "log.bytes");

  private static final double[] PERCENTILES = {0.50, 0.99, 0.999};
  private static final String[] PERCENTILE_NAMES = {"p50", "p99", "p99.9"};

  private Metrics() {}

  /**
   * A Series is one metric's values of one result.
   *
   * @param metric the metric name
   * @param unit the unit
   * @param values {@code [fork][iteration]}
   * @param caution why the series is weaker than it looks (null when it is not): a percentile
   *     resting on too few samples per iteration
   */
  public record Series(String metric, String unit, double[][] values, String caution) {
    /** A series without a caution. */
    public Series(String metric, String unit, double[][] values) {
      this(metric, unit, values, null);
    }
  }

  /**
   * A percentile {@code q} of one iteration is taken as stable when at least this many samples lie
   * above it: {@code n (1 - q) >= 10}, i.e. 20 samples for p50, 1,000 for p99, 10,000 for p99.9.
   * With ~1,000 samples per iteration "p99.9" is the single slowest one.
   */
  public static final int SAMPLES_ABOVE_PERCENTILE = 10;

  /**
   * Returns the series of {@code r} in a fixed order: primary, percentiles, allocation, then the
   * {@link #ATLAS} metrics it has.
   *
   * @param r the result
   * @return the series
   */
  public static List<Series> of(JmhResult r) {
    List<Series> out = new ArrayList<>();
    if (OpenLoopResults.MODE.equals(r.mode())) {
      // Open-loop latency: one value per fork (its merged histogram's percentile), no "time".
      for (String name : OpenLoopResults.ORDER) {
        JmhMetric m = name.equals(r.primary().name()) ? r.primary() : r.secondary().get(name);
        if (m != null) {
          out.add(new Series(name, m.unit(), m.perIteration()));
        }
      }
      return out;
    }
    JmhMetric p = r.primary();
    String primary = "thrpt".equals(r.mode()) ? "throughput" : "time";
    out.add(new Series(primary, p.unit(), p.perIteration()));
    if (p.hasHistograms()) {
      long fewest = p.fewestSamplesPerIteration();
      for (int i = 0; i < PERCENTILES.length; i++) {
        double above = fewest * (1 - PERCENTILES[i]);
        String caution =
            above < SAMPLES_ABOVE_PERCENTILE
                ? String.format(
                    Locale.ROOT,
                    "%s rests on too few samples: the smallest iteration has %d sample(s), so %.1f"
                        + " lie above it (fewer than %d); it is one of the slowest few samples, not"
                        + " a stable percentile. Run longer iterations for more samples.",
                    PERCENTILE_NAMES[i],
                    fewest,
                    above,
                    SAMPLES_ABOVE_PERCENTILE)
                : null;
        out.add(
            new Series(
                PERCENTILE_NAMES[i], p.unit(), p.percentilePerIteration(PERCENTILES[i]), caution));
      }
    }
    JmhMetric alloc = r.secondary().get(ALLOC);
    if (alloc != null) {
      out.add(new Series(ALLOC, alloc.unit(), alloc.perIteration()));
    }
    for (String name : ATLAS) {
      JmhMetric m = r.secondary().get(name);
      if (m != null) {
        out.add(new Series(name, m.unit(), m.perIteration()));
      }
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

  /**
   * Returns whether a center of {@code metric} counts as no allocation per operation: the metric is
   * {@link #ALLOC} and the center is below {@link #ALLOCATION_FREE_BELOW}.
   *
   * @param metric the metric name
   * @param center a column's center
   * @return whether the column is allocation-free
   */
  public static boolean allocationFree(String metric, double center) {
    return ALLOC.equals(metric) && center < ALLOCATION_FREE_BELOW;
  }

  /** Returns whether zero is a legitimate value of the metric (nothing allocated). */
  static boolean zeroAllowed(String metric) {
    return ALLOC.equals(metric);
  }
}
