package org.pitfallatlas.analysis.suite;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * A Budget is how long JMH measures: forks, warm-up and measurement iterations and their length. It
 * never changes what a benchmark measures (mode, unit, state): those stay in the class's
 * annotations. A budget whose fields are all absent means "the class's own annotations".
 *
 * @param forks JMH forks (JVM invocations), the unit of replication
 * @param warmupIterations warm-up iterations per fork
 * @param warmupTime length of one warm-up iteration, in JMH's syntax ("500ms", "1s")
 * @param iterations measurement iterations per fork
 * @param time length of one measurement iteration
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Budget(
    Integer forks, Integer warmupIterations, String warmupTime, Integer iterations, String time) {

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
        && warmupIterations == null
        && warmupTime == null
        && iterations == null
        && time == null;
  }

  /** Seconds of measurement and warm-up one benchmark point costs, not counting JVM start-up. */
  public double secondsPerPoint() {
    int f = forks == null ? 5 : forks;
    int wi = warmupIterations == null ? 5 : warmupIterations;
    int i = iterations == null ? 5 : iterations;
    return f * (wi * seconds(warmupTime, 10) + i * seconds(time, 10));
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
