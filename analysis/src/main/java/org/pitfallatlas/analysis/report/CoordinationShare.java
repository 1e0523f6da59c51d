package org.pitfallatlas.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.ForkRatio;
import org.pitfallatlas.analysis.stats.ForkValues;
import org.pitfallatlas.analysis.stats.SteadyState;

/**
 * A CoordinationShare is the part of a parallel variant's runtime that the work does not explain:
 * {@code (parallel - serial / cores) / parallel}, where {@code serial} is a control that runs the
 * same tasks one after another on one thread with no coordination, and {@code serial / cores} is
 * therefore the ideal parallel time. The rest is handing tasks out, collecting results, parking and
 * waking threads — the cost the Go claim "coordination is 15–20% of runtime" is about.
 *
 * <p>{@link #share()} is a point estimate from medians (over all iterations of all forks). {@link
 * #estimate()}, {@link #lo()} and {@link #hi()} are the fork-level estimate and its 95% interval:
 * the ratio serial/parallel of the two sides' fork geometric means of steady iterations ({@link
 * ForkRatio}, Welch t on the logs, the fork being the unit of replication), mapped through {@code 1
 * - ratio / cores}, which is monotone, so the interval's ends map to the share's. The interval is
 * for one point, not simultaneous over the table; it is NaN when a side has fewer than two settled
 * forks. Both assume the parallel variants get all {@code cores}: they mean something only for a
 * run on an otherwise idle machine. Under load the serial control is starved less or more than the
 * threads, and the share can even come out negative.
 *
 * @param params the {@code @Param} point
 * @param config the JVM configuration id
 * @param method the parallel variant ({@code pitfall…} or {@code fix…})
 * @param serial the serial control's median time at the same point
 * @param parallel the parallel variant's median time
 * @param cores the processors the run had
 * @param unit the time unit of {@code serial} and {@code parallel}
 * @param estimate the share from the fork geometric means (NaN when not computable)
 * @param lo lower end of its 95% interval (NaN without two settled forks a side)
 * @param hi upper end of its 95% interval
 */
public record CoordinationShare(
    Map<String, String> params,
    String config,
    String method,
    double serial,
    double parallel,
    double cores,
    String unit,
    double estimate,
    double lo,
    double hi) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The confidence of {@link #lo()} and {@link #hi()}. */
  public static final double CONFIDENCE = 0.95;

  public CoordinationShare {
    params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
  }

  /** A share from medians only, without the fork-level estimate. */
  public CoordinationShare(
      Map<String, String> params,
      String config,
      String method,
      double serial,
      double parallel,
      double cores,
      String unit) {
    this(params, config, method, serial, parallel, cores, unit, Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * Returns the fork-level estimate of a parallel variant's share against its serial control, with
   * its 95% interval: {@code 1 - r / cores} for the ratio {@code r} = serial/parallel of fork
   * geometric means of steady iterations and both ends of its interval.
   *
   * @param serial the serial control's result
   * @param parallel the parallel variant's result at the same point
   * @param cores the processors the run had
   * @return {@code [estimate, lo, hi]}; NaN where not computable (no settled fork on a side,
   *     unknown cores; lo and hi also with a single settled fork on a side)
   */
  public static double[] forkEstimate(JmhResult serial, JmhResult parallel, double cores) {
    double[] none = {Double.NaN, Double.NaN, Double.NaN};
    Metrics.Series s = Metrics.of(serial).get(0);
    Metrics.Series p = Metrics.of(parallel).get(0);
    if (!(cores > 0) || !s.unit().equals(p.unit())) {
      return none;
    }
    Direction direction = Metrics.direction(s.unit());
    double[] serialForks =
        ForkValues.of(s.values(), direction, SteadyState.withDefaults()).settledValues();
    double[] parallelForks =
        ForkValues.of(p.values(), direction, SteadyState.withDefaults()).settledValues();
    if (serialForks.length == 0 || parallelForks.length == 0) {
      return none;
    }
    ForkRatio.Result r = ForkRatio.withConfidence(CONFIDENCE).compare(parallelForks, serialForks);
    return new double[] {1 - r.ratio() / cores, 1 - r.hi() / cores, 1 - r.lo() / cores};
  }

  /** Returns the ideal parallel time: the serial time spread over every core. */
  public double ideal() {
    return serial / cores;
  }

  /** Returns the share of the parallel time spent on anything but the work, in [-inf, 1]. */
  public double share() {
    return share(serial, parallel, cores);
  }

  /**
   * Returns {@code (parallel - serial / cores) / parallel}.
   *
   * @param serial the serial control's time
   * @param parallel the parallel variant's time
   * @param cores processors
   * @return the coordination share (NaN when an input is missing or not positive)
   */
  public static double share(double serial, double parallel, double cores) {
    if (!(serial > 0) || !(parallel > 0) || !(cores > 0)) {
      return Double.NaN;
    }
    return (parallel - serial / cores) / parallel;
  }

  /**
   * Computes the share of every parallel variant at every point where the run has the serial
   * control too.
   *
   * @param run the JMH results
   * @param serialMethod the control's method name, e.g. {@code baselineSerial}
   * @param cores processors the run had (see {@link #cores(Path)})
   * @return one entry per (point, configuration, parallel method), in the run's order
   */
  public static List<CoordinationShare> of(JmhRun run, String serialMethod, double cores) {
    Map<String, JmhResult> serials = new LinkedHashMap<>();
    for (JmhResult r : run.results()) {
      if (r.methodName().equals(serialMethod)) {
        serials.put(key(r), r);
      }
    }
    List<CoordinationShare> out = new ArrayList<>();
    for (JmhResult r : run.results()) {
      String m = r.methodName();
      JmhResult s = serials.get(key(r));
      if (s == null || !(m.startsWith("pitfall") || m.startsWith("fix"))) {
        continue;
      }
      double[] e = forkEstimate(s, r, cores);
      out.add(
          new CoordinationShare(
              r.params(),
              r.config(),
              m,
              median(s),
              median(r),
              cores,
              r.primary().unit(),
              e[0],
              e[1],
              e[2]));
    }
    return out;
  }

  /**
   * Returns the processors a run had: the CPU limit of its container when {@code env.json} records
   * one, else the machine's logical CPUs; NaN when the run folder does not say.
   *
   * @param runDir the run folder
   * @return processors, or NaN
   */
  public static double cores(Path runDir) {
    Path env = runDir.resolve("env.json");
    if (!Files.isRegularFile(env)) {
      return Double.NaN;
    }
    try {
      JsonNode n = JSON.readTree(env.toFile());
      JsonNode limit = n.at("/machine/containerLimits/cpuLimit");
      if (limit.isNumber() && limit.asDouble() > 0) {
        return limit.asDouble();
      }
      JsonNode cpus = n.at("/machine/logicalCpus");
      return cpus.isNumber() && cpus.asInt() > 0 ? cpus.asInt() : Double.NaN;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /** Renders entries as a Markdown table, one line per point and method. */
  public static String markdown(List<CoordinationShare> shares) {
    if (shares.isEmpty()) {
      return "_The run has no serial control next to the parallel variants: no coordination share"
          + " to compute._";
    }
    StringBuilder md =
        new StringBuilder(
            "| point | variant | serial | ideal = serial / cores | parallel | coordination share"
                + " | from forks [95% CI] |\n"
                + "|:---|:---|---:|---:|---:|---:|---:|\n");
    for (CoordinationShare c : shares) {
      StringBuilder point = new StringBuilder();
      c.params().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e ->
                  point
                      .append(point.isEmpty() ? "" : " ")
                      .append(e.getKey())
                      .append('=')
                      .append(e.getValue()));
      if (!"default".equals(c.config())) {
        point.append(" config=").append(c.config());
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s %s | %s %s | %s %s | %s | %s |%n",
              point,
              c.method(),
              num(c.serial()),
              c.unit(),
              num(c.ideal()),
              c.unit(),
              num(c.parallel()),
              c.unit(),
              percent(c.share()),
              withInterval(c.estimate(), c.lo(), c.hi())));
    }
    return md.toString();
  }

  /** Formats a share as a whole percentage, e.g. {@code 20 %}; {@code ?} for NaN. */
  static String percent(double share) {
    return Double.isNaN(share) ? "?" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
  }

  /**
   * Formats a share with its interval, e.g. {@code 69 % [65 %, 72 %]}; without the brackets when
   * there is no interval, {@code ?} when there is no share.
   */
  static String withInterval(double share, double lo, double hi) {
    if (Double.isNaN(share)) {
      return "?";
    }
    return percent(share) + (Double.isNaN(lo) ? "" : " [" + percent(lo) + ", " + percent(hi) + "]");
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "?";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v);
  }

  private static String key(JmhResult r) {
    return r.className() + "|" + r.params() + "|" + r.config();
  }

  private static double median(JmhResult r) {
    double[] v =
        Arrays.stream(Metrics.of(r).get(0).values()).flatMapToDouble(Arrays::stream).toArray();
    Arrays.sort(v);
    int n = v.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
