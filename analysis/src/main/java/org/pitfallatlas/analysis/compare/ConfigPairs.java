package org.pitfallatlas.analysis.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pitfallatlas.analysis.jmh.JmhReader;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;
import org.pitfallatlas.analysis.stats.Warning;

/**
 * ConfigPairs compare, within one run, the same benchmark at the same params under two JVM
 * configurations: the pairs of a family whose pitfall and fix are JVM set-ups (collector, heap
 * limit, container) rather than methods. The pitfall configuration is the base column, so a row's
 * ratio is fix/pitfall as in {@link Pairs}. A configuration that produced no result (it did not
 * fit: OutOfMemoryError, a killed fork) gives a table warning instead of a row.
 *
 * <p>A side may also pin parameter values ({@link Spec#pitfallParams()}, {@link Spec#fixParams()}):
 * then the same benchmark under the same or another configuration is compared across two
 * {@code @Param} points, e.g. {@code g1-2x[garbageKiB=64]} vs {@code g1-2x[garbageKiB=4]} (an
 * allocation hot spot and its fix). Such a row's params are the parameters the sides share.
 */
public final class ConfigPairs {

  /**
   * A Spec names the two sides of one comparison: a configuration each, and optionally parameter
   * values each side is pinned to.
   *
   * @param pitfall the configuration showing the pitfall
   * @param fix the configuration showing the fix
   * @param pitfallParams parameter values of the pitfall side (empty: every point)
   * @param fixParams parameter values that replace the pitfall point's on the fix side (empty: the
   *     same point)
   */
  public record Spec(
      String pitfall,
      String fix,
      Map<String, String> pitfallParams,
      Map<String, String> fixParams) {

    /**
     * Copies the maps (null reads as empty).
     *
     * @throws NullPointerException if a configuration is null
     * @throws IllegalArgumentException if the two sides pin different parameters
     */
    public Spec {
      if (pitfall == null || fix == null) {
        throw new NullPointerException("a comparison needs both configurations");
      }
      pitfallParams = pitfallParams == null ? Map.of() : Map.copyOf(pitfallParams);
      fixParams = fixParams == null ? Map.of() : Map.copyOf(fixParams);
      if (!fixParams.isEmpty() && !fixParams.keySet().equals(pitfallParams.keySet())) {
        throw new IllegalArgumentException(
            "the fix side pins " + fixParams.keySet() + ", the pitfall side " + pitfallParams);
      }
    }

    /** A comparison of two configurations at every parameter point. */
    public Spec(String pitfall, String fix) {
      this(pitfall, fix, Map.of(), Map.of());
    }

    /** The pitfall side as rows and columns name it: {@code g1-2x[garbageKiB=64]}. */
    public String pitfallLabel() {
      return label(pitfall, pitfallParams);
    }

    /** The fix side as rows and columns name it: {@code g1-2x[garbageKiB=4]}. */
    public String fixLabel() {
      return label(fix, fixParams);
    }

    private static String label(String config, Map<String, String> params) {
      if (params.isEmpty()) {
        return config;
      }
      StringBuilder sb = new StringBuilder(config).append('[');
      new TreeMap<>(params)
          .forEach(
              (k, v) ->
                  sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ",")
                      .append(k)
                      .append('=')
                      .append(v));
      return sb.append(']').toString();
    }
  }

  private ConfigPairs() {}

  /**
   * Compares configurations in a run.
   *
   * @param runDirOrFile a run folder (with {@code results.json}) or a JMH JSON file
   * @param specs the comparisons
   * @param options the options
   * @return the table
   * @throws org.pitfallatlas.analysis.jmh.JmhInputException if the input cannot be read
   * @throws CompareException if no comparison has results on both sides
   */
  public static Table of(Path runDirOrFile, List<Spec> specs, Options options) {
    return ofRun(JmhReader.read(runDirOrFile), specs, options);
  }

  /**
   * Compares configurations in a run already read.
   *
   * @param run the run
   * @param specs the comparisons
   * @param options the options
   * @return the table
   * @throws CompareException if no comparison has results on both sides
   */
  public static Table ofRun(JmhRun run, List<Spec> specs, Options options) {
    return ofRun(run, specs, options, className -> true, false);
  }

  /**
   * Compares configurations in a run already read, for the classes {@code acrossConfigs} accepts
   * (simple names; the others run in some configurations only), and adds the run's method pairs (a
   * pitfall… and a fix… method of one class under one configuration, as {@link Pairs} finds them)
   * to the same table: one family of comparisons per metric.
   *
   * @param run the run
   * @param specs the comparisons
   * @param options the options
   * @param acrossConfigs which classes the configuration comparisons cover
   * @return the table
   * @throws CompareException if no comparison has results on both sides
   */
  public static Table ofRun(
      JmhRun run,
      List<Spec> specs,
      Options options,
      java.util.function.Predicate<String> acrossConfigs) {
    return ofRun(run, specs, options, acrossConfigs, true);
  }

  /**
   * Compares configurations for the classes {@code acrossConfigs} accepts, with or without the
   * run's method pairs in the same table.
   */
  public static Table ofRun(
      JmhRun run,
      List<Spec> specs,
      Options options,
      java.util.function.Predicate<String> acrossConfigs,
      boolean withMethodPairs) {
    Map<String, JmhResult> byKey = new LinkedHashMap<>();
    for (JmhResult r : run.results()) {
      byKey.put(key(r.benchmark(), r.params(), r.config()), r);
    }
    List<Engine.Input> inputs = new ArrayList<>();
    List<TableWarning> warnings = new ArrayList<>();
    for (Spec spec : specs) {
      if (run.results().stream()
          .noneMatch(
              r -> r.config().equals(spec.pitfall()) && pins(r.params(), spec.pitfallParams()))) {
        warnings.add(
            new TableWarning(
                spec.pitfallLabel() + " vs " + spec.fixLabel(),
                spec.pitfallLabel(),
                new Warning(
                    Warning.Kind.BENCHMARK_SETS_DIFFER,
                    "no result under "
                        + spec.pitfallLabel()
                        + " (did not fit, or not run); see run.json")));
        continue;
      }
      for (JmhResult p : run.results()) {
        if (!p.config().equals(spec.pitfall())
            || !pins(p.params(), spec.pitfallParams())
            || !acrossConfigs.test(Names.shortClass(p.className()))) {
          continue;
        }
        Map<String, String> shared = new LinkedHashMap<>(p.params());
        shared.keySet().removeAll(spec.pitfallParams().keySet());
        Map<String, String> fixPoint = new LinkedHashMap<>(p.params());
        fixPoint.putAll(spec.fixParams());
        String name =
            Names.shortBenchmark(p.benchmark())
                + " "
                + spec.pitfallLabel()
                + " vs "
                + spec.fixLabel()
                + Names.suffix(shared, "default");
        if (options.filter() != null && !options.filter().matcher(name).find()) {
          continue;
        }
        JmhResult f = byKey.get(key(p.benchmark(), fixPoint, spec.fix()));
        if (f == null) {
          warnings.add(
              new TableWarning(
                  name,
                  spec.fixLabel(),
                  new Warning(
                      Warning.Kind.BENCHMARK_SETS_DIFFER,
                      "no result under "
                          + spec.fixLabel()
                          + " (did not fit, or not run); see run.json")));
          continue;
        }
        Map<String, Metrics.Series> fixSeries = new LinkedHashMap<>();
        for (Metrics.Series s : Metrics.of(f)) {
          fixSeries.put(s.metric(), s);
        }
        boolean samePoint = spec.pitfallParams().equals(spec.fixParams());
        for (Metrics.Series ps : Metrics.of(p)) {
          Metrics.Series fs = fixSeries.get(ps.metric());
          // The same code at the same point allocates the same per operation under any
          // configuration; across points it does not, and the difference is the point.
          if (fs == null
              || !fs.unit().equals(ps.unit())
              || (samePoint && ps.metric().equals(Metrics.ALLOC))) {
            continue;
          }
          inputs.add(
              new Engine.Input(
                  name,
                  p.benchmark(),
                  shared,
                  spec.pitfallLabel() + "→" + spec.fixLabel(),
                  ps.metric(),
                  ps.unit(),
                  List.of(spec.pitfallLabel(), spec.fixLabel()),
                  List.of(ps.values(), fs.values()),
                  List.of(run.source(), run.source()),
                  List.of(p.looks(), f.looks())));
        }
      }
    }
    if (withMethodPairs) {
      Pairs.Found methods = Pairs.inputs(run, options);
      inputs.addAll(methods.inputs());
      warnings.addAll(methods.cautions());
    }
    if (inputs.isEmpty()) {
      throw new CompareException(
          run.source() + ": no configuration pair has results on both sides " + specs);
    }
    return new Engine(options).table(Table.Kind.PAIRS, List.of("pitfall", "fix"), inputs, warnings);
  }

  private static boolean pins(Map<String, String> params, Map<String, String> pinned) {
    return params.entrySet().containsAll(pinned.entrySet());
  }

  private static String key(String benchmark, Map<String, String> params, String config) {
    return benchmark + "\u0000" + new TreeMap<>(params) + "\u0000" + config;
  }
}
