package org.pitfallatlas.analysis.suite;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * A Budget is how long JMH measures: forks, warm-up and measurement iterations and their length. It
 * never changes what a benchmark measures (mode, unit, state): those stay in the class's
 * annotations. A budget whose fields are all absent means "the class's own annotations".
 *
 * @param forks JMH forks (JVM invocations) per benchmark, the unit of replication; with {@code
 *     maxForks}, the forks every benchmark gets before the stopping rule first looks
 * @param warmupIterations warm-up iterations per fork
 * @param warmupTime length of one warm-up iteration, in JMH's syntax ("500ms", "1s")
 * @param iterations measurement iterations per fork
 * @param time length of one measurement iteration
 * @param maxForks the cap for adaptive forks: while a pair's time ratio is neither significant nor
 *     equivalent, its forks double (forks, 2 × forks, …) up to this many; null or equal to {@code
 *     forks} for a fixed design
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Budget(
    Integer forks,
    Integer warmupIterations,
    String warmupTime,
    Integer iterations,
    String time,
    Integer maxForks) {

  public Budget {
    if (forks != null && forks < 1) {
      throw new IllegalArgumentException("forks must be >= 1, not " + forks);
    }
    if (maxForks != null && (forks == null || maxForks < forks)) {
      throw new IllegalArgumentException(
          "maxForks ("
              + maxForks
              + ") needs forks and must be >= forks ("
              + forks
              + "): it is the cap of the adaptive design");
    }
  }

  /** A budget with a fixed number of forks. */
  public Budget(
      Integer forks, Integer warmupIterations, String warmupTime, Integer iterations, String time) {
    this(forks, warmupIterations, warmupTime, iterations, time, null);
  }

  /**
   * The fork counts at which the stopping rule looks: {@code forks}, then doubling, capped at
   * {@code maxForks}; one look for a fixed design.
   */
  public List<Integer> looks() {
    List<Integer> at = new ArrayList<>();
    int f = forks == null ? 5 : forks;
    at.add(f);
    if (maxForks != null) {
      while (f < maxForks) {
        f = Math.min(maxForks, 2 * f);
        at.add(f);
      }
    }
    return at;
  }

  /** The JMH options of one fork of this budget: {@code -f 1} plus warm-up and measurement. */
  public List<String> oneForkArgs() {
    List<String> args = new ArrayList<>(List.of("-f", "1"));
    List<String> all = jmhArgs();
    int i = all.indexOf("-f");
    if (i >= 0) {
      all.remove(i + 1);
      all.remove(i);
    }
    args.addAll(all);
    return args;
  }

  /** The JMH command-line options that apply this budget, empty for the class's annotations. */
  public List<String> jmhArgs() {
    List<String> args = new ArrayList<>();
    if (forks != null) {
      args.addAll(List.of("-f", forks.toString()));
    }
    if (warmupIterations != null) {
      args.addAll(List.of("-wi", warmupIterations.toString()));
    }
    if (warmupTime != null) {
      args.addAll(List.of("-w", warmupTime));
    }
    if (iterations != null) {
      args.addAll(List.of("-i", iterations.toString()));
    }
    if (time != null) {
      args.addAll(List.of("-r", time));
    }
    return args;
  }

  /** True when every field is absent: the classes' annotations decide. */
  public boolean isAnnotationDefault() {
    return forks == null
        && maxForks == null
        && warmupIterations == null
        && warmupTime == null
        && iterations == null
        && time == null;
  }

  /** Seconds of measurement and warm-up one benchmark point costs, not counting JVM start-up. */
  public double secondsPerPoint() {
    int f = forks == null ? 5 : forks;
    return f * secondsPerFork();
  }

  /** Seconds of measurement and warm-up one fork costs, not counting JVM start-up. */
  public double secondsPerFork() {
    int wi = warmupIterations == null ? 5 : warmupIterations;
    int i = iterations == null ? 5 : iterations;
    return wi * seconds(warmupTime, 10) + i * seconds(time, 10);
  }

  /**
   * One measurement iteration's time in seconds (JMH's default, 10 s, when the budget sets none):
   * also the window of arrivals of an open-loop benchmark, whose iterations are single shots.
   */
  public double iterationSeconds() {
    return seconds(time, 10);
  }

  static double seconds(String jmhTime, double fallback) {
    if (jmhTime == null) {
      return fallback;
    }
    String t = jmhTime.trim();
    if (t.endsWith("ms")) {
      return Double.parseDouble(t.substring(0, t.length() - 2)) / 1000.0;
    }
    if (t.endsWith("us")) {
      return Double.parseDouble(t.substring(0, t.length() - 2)) / 1_000_000.0;
    }
    if (t.endsWith("s")) {
      return Double.parseDouble(t.substring(0, t.length() - 1));
    }
    if (t.endsWith("m")) {
      return Double.parseDouble(t.substring(0, t.length() - 1)) * 60;
    }
    return Double.parseDouble(t);
  }
}
