package org.pitfallatlas.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * ForkValues reduce one side of a comparison (JMH's {@code rawData}, {@code [fork][iteration]}) to
 * one value per fork, the unit of replication: each fork's iteration series is classified by a
 * {@link SteadyState} classifier, and the fork's value is the geometric mean of its steady
 * iterations (the arithmetic mean when some value is 0, as for 0 B/op). A fork that never reached a
 * steady state has no value (NaN): no verdict may rest on it.
 *
 * <p>The comparison engine and the runner's stopping rule use this same function, so the runner
 * stops on the numbers the tables print:
 *
 * <pre>{@code
 * ForkValues base = ForkValues.of(baseRaw, Direction.LOWER_IS_BETTER, SteadyState.withDefaults());
 * ForkValues other = ForkValues.of(otherRaw, Direction.LOWER_IS_BETTER, SteadyState.withDefaults());
 * if (base.allSteady() && other.allSteady()) {
 *   ForkRatio.Result r =
 *       ForkRatio.withConfidence(1 - alpha / (m * looks)).compare(base.values(), other.values());
 * }
 * }</pre>
 *
 * <p>Immutable: arrays are copied on the way out.
 */
public final class ForkValues {

  /** How a fork's steady iterations are reduced to one value. */
  public enum Mean {
    /** The geometric mean: the default, for positive values (times, rates, B/op > 0). */
    GEOMETRIC,
    /** The arithmetic mean: for values that may be 0 (0 B/op), where a logarithm is undefined. */
    ARITHMETIC
  }

  private final Mean mean;
  private final double[] values;
  private final double[][] counted;
  private final List<SteadyState.Result> steadyStates;

  private ForkValues(
      Mean mean, double[] values, double[][] counted, List<SteadyState.Result> steadyStates) {
    this.mean = mean;
    this.values = values;
    this.counted = counted;
    this.steadyStates = List.copyOf(steadyStates);
  }

  /**
   * Reduces each fork to one value with the given classifier: the geometric mean of its steady
   * iterations when every value is positive, else the arithmetic mean.
   *
   * @param rawData {@code [fork][iteration]}, in measurement order
   * @param direction which way is better (the classifier tells warm-up from slowdown with it)
   * @param steadyState the classifier
   * @return the fork values
   * @throws IllegalArgumentException if there is no fork, a fork is empty, or a value is not finite
   */
  public static ForkValues of(double[][] rawData, Direction direction, SteadyState steadyState) {
    return of(rawData, direction, steadyState::classify);
  }

  /**
   * Reduces each fork to one value with any classifier (a seam for tests, and for a runner that
   * classified its forks already): the geometric mean of its steady iterations when every value is
   * positive, else the arithmetic mean.
   *
   * @param rawData {@code [fork][iteration]}, in measurement order
   * @param direction which way is better
   * @param classifier classifies one fork's series
   * @return the fork values
   * @throws IllegalArgumentException if there is no fork, a fork is empty, or a value is not finite
   */
  public static ForkValues of(
      double[][] rawData,
      Direction direction,
      BiFunction<double[], Direction, SteadyState.Result> classifier) {
    boolean positive = true;
    checkShape(rawData);
    for (double[] fork : rawData) {
      for (double v : fork) {
        positive &= v > 0;
      }
    }
    return of(rawData, direction, classifier, positive ? Mean.GEOMETRIC : Mean.ARITHMETIC);
  }

  /**
   * Reduces each fork to one value with the given mean.
   *
   * @param rawData {@code [fork][iteration]}, in measurement order
   * @param direction which way is better
   * @param classifier classifies one fork's series
   * @param mean how to reduce the steady iterations
   * @return the fork values
   * @throws IllegalArgumentException if there is no fork, a fork is empty, a value is not finite,
   *     or the mean is geometric and a value is not positive
   */
  public static ForkValues of(
      double[][] rawData,
      Direction direction,
      BiFunction<double[], Direction, SteadyState.Result> classifier,
      Mean mean) {
    checkShape(rawData);
    int k = rawData.length;
    double[] values = new double[k];
    double[][] counted = new double[k][];
    List<SteadyState.Result> states = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      double[] series = rawData[f].clone();
      if (mean == Mean.GEOMETRIC) {
        for (double v : series) {
          if (!(v > 0)) {
            throw new IllegalArgumentException(
                "fork " + f + ": a geometric mean needs positive values, not " + v);
          }
        }
      }
      SteadyState.Result s = classifier.apply(series.clone(), direction);
      states.add(s);
      double[] steady = s.steady() ? s.steadyValues(series) : new double[0];
      if (s.steady() && steady.length == 0) {
        // A classifier that calls a fork steady must leave it some iterations; if not, all count.
        steady = series;
      }
      counted[f] = steady.length == 0 ? series : steady;
      values[f] = !s.steady() ? Double.NaN : reduce(steady, mean);
    }
    return new ForkValues(mean, values, counted, states);
  }

  private static void checkShape(double[][] rawData) {
    if (rawData == null || rawData.length == 0) {
      throw new IllegalArgumentException("fork values need at least one fork");
    }
    for (int f = 0; f < rawData.length; f++) {
      if (rawData[f] == null || rawData[f].length == 0) {
        throw new IllegalArgumentException("fork " + f + " has no iterations");
      }
      for (double v : rawData[f]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("fork " + f + " has a non-finite value: " + v);
        }
      }
    }
  }

  private static double reduce(double[] v, Mean mean) {
    return mean == Mean.GEOMETRIC ? geometricMean(v) : ForkRatio.mean(v);
  }

  /**
   * Returns the geometric mean {@code exp(mean(log v))}; exactly the value when all are equal.
   *
   * @param v positive values
   * @return the geometric mean
   * @throws IllegalArgumentException if {@code v} is empty
   */
  public static double geometricMean(double[] v) {
    if (v.length == 0) {
      throw new IllegalArgumentException("a geometric mean needs at least one value");
    }
    boolean constant = true;
    double s = 0;
    for (double x : v) {
      constant &= x == v[0];
      s += Math.log(x);
    }
    return constant ? v[0] : Math.exp(s / v.length);
  }

  /** Returns how the forks were reduced. */
  public Mean mean() {
    return mean;
  }

  /** Returns the number of forks. */
  public int forks() {
    return values.length;
  }

  /**
   * Returns one value per fork, in fork order: the mean of its steady iterations, NaN for a fork
   * that never reached a steady state.
   */
  public double[] values() {
    return values.clone();
  }

  /** Returns whether every fork reached a steady state (so that {@link #values()} has no NaN). */
  public boolean allSteady() {
    return steadyStates.stream().allMatch(SteadyState.Result::steady);
  }

  /**
   * Returns the values of the forks that settled, in fork order: what a verdict rests on when
   * {@link #settledEnough()}.
   */
  public double[] settledValues() {
    return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
  }

  /** Returns the number of forks that never reached a steady state. */
  public int unsettled() {
    return (int) Arrays.stream(values).filter(Double::isNaN).count();
  }

  /**
   * Returns whether this side may carry a verdict: at least two forks settled, and the forks that
   * never settled are at most a quarter of the side. A single fork whose last two or three
   * iterations moved (which the classifier rightly calls unsettled) is left out rather than taking
   * away the verdict of a row measured with eight forks; a side where unsettled forks are common
   * has no steady state to report, and gets no verdict.
   */
  public boolean settledEnough() {
    int bad = unsettled();
    return values.length - bad >= 2 && bad * 4 <= values.length;
  }

  /**
   * Returns the value of each fork for display: {@link #values()}, with a fork that never settled
   * reduced over all its iterations. Not for a verdict.
   */
  public double[] displayValues() {
    double[] out = values.clone();
    for (int f = 0; f < out.length; f++) {
      if (Double.isNaN(out[f])) {
        out[f] = reduce(counted[f], mean);
      }
    }
    return out;
  }

  /**
   * Returns the iterations that count, per fork: the steady segment, or every iteration of a fork
   * that never settled (copies).
   */
  public double[][] countedIterations() {
    double[][] out = new double[counted.length][];
    for (int f = 0; f < counted.length; f++) {
      out[f] = counted[f].clone();
    }
    return out;
  }

  /** Returns the classification of each fork, in fork order. */
  public List<SteadyState.Result> steadyStates() {
    return steadyStates;
  }

  /** Returns the kind of each fork, in fork order. */
  public List<SteadyState.Kind> kinds() {
    return steadyStates.stream().map(SteadyState.Result::kind).toList();
  }

  /**
   * Returns a compact summary of the forks' kinds, in {@link SteadyState.Kind} order: {@code "3
   * flat, 1 warm-up"}.
   *
   * @param kinds one kind per fork
   * @return the summary, empty when there are no kinds
   */
  public static String summary(List<SteadyState.Kind> kinds) {
    Map<SteadyState.Kind, Integer> counts = new EnumMap<>(SteadyState.Kind.class);
    kinds.forEach(k -> counts.merge(k, 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((k, n) -> parts.add(n + " " + k.label()));
    return String.join(", ", parts);
  }

  @Override
  public String toString() {
    return Arrays.toString(values) + " (" + summary(kinds()) + ")";
  }
}
