package org.pitfallatlas.analysis.stats;

import java.util.Arrays;
import java.util.List;

/**
 * A SteadyState classifies one fork's series of measurement iterations, in the spirit of Barrett et
 * al. 2017 ("Virtual machine warmup blows hot and cold"): changepoints split the series into
 * segments of equal level; the last segment is the steady state when it is long enough, and the
 * iterations before it do not count toward a verdict.
 *
 * <p>API contract shared by the runner (which records the classification per fork) and the
 * comparison engine (which trims each fork to its steady segment). Immutable.
 */
public final class SteadyState {

  /** What a fork's iteration series did. */
  public enum Kind {
    /** No changepoint: every iteration is steady. */
    FLAT("flat"),
    /** The series settled at a lower (faster, for times) level after a changepoint. */
    WARMUP("warm-up"),
    /** The series settled at a higher (slower, for times) level after a changepoint. */
    SLOWDOWN("slowdown"),
    /** The last segment is too short to call steady: the fork never settled. */
    NO_STEADY_STATE("no steady state"),
    /** Too few iterations to classify at all; every iteration counts. */
    TOO_SHORT("too short to classify");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** Returns the label used in tables and JSON. */
    public String label() {
      return label;
    }
  }

  /**
   * A Result is the classification of one series.
   *
   * @param kind what the series did
   * @param steadyFrom index of the first iteration of the steady segment (0 for flat or too short;
   *     the series length when there is no steady state)
   * @param changepoints indices where a new segment starts, ascending (empty for flat)
   * @param segmentMeans the mean of each segment, in order (one more than the changepoints)
   */
  public record Result(
      Kind kind, int steadyFrom, List<Integer> changepoints, List<Double> segmentMeans) {
    public Result {
      changepoints = List.copyOf(changepoints);
      segmentMeans = List.copyOf(segmentMeans);
    }

    /** True unless the fork never settled. */
    public boolean steady() {
      return kind != Kind.NO_STEADY_STATE;
    }

    /** The iterations of {@code series} that count: those of the steady segment (a copy). */
    public double[] steadyValues(double[] series) {
      return Arrays.copyOfRange(series, Math.min(steadyFrom, series.length), series.length);
    }
  }

  private static final SteadyState DEFAULTS = new SteadyState();

  private SteadyState() {}

  /** Returns the default classifier. */
  public static SteadyState withDefaults() {
    return DEFAULTS;
  }

  /**
   * Classifies one fork's measurement iterations, in measurement order.
   *
   * @param iterations the fork's iteration values (times or rates, all positive)
   * @return the classification
   * @throws IllegalArgumentException if the series is empty or has a non-finite value
   */
  public Result classify(double[] iterations) {
    if (iterations == null || iterations.length == 0) {
      throw new IllegalArgumentException("a series needs at least one iteration");
    }
    double mean = Arrays.stream(iterations).average().orElseThrow();
    return new Result(Kind.TOO_SHORT, 0, List.of(), List.of(mean));
  }

  public Result classify(double[] it, Direction d) {
    return classify(it);
  }
}
