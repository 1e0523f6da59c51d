package org.pitfallatlas.analysis.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class ConfigPairs {

  /**
   * A Spec names the two configurations of one comparison.
   *
   * @param pitfall the configuration showing the pitfall
   * @param fix the configuration showing the fix
   */
  public record Spec(String pitfall, String fix) {}

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
    Map<String, JmhResult> byKey = new LinkedHashMap<>();
    for (JmhResult r : run.results()) {
      byKey.put(key(r.benchmark(), r.params(), r.config()), r);
    }
    List<Engine.Input> inputs = new ArrayList<>();
    List<TableWarning> warnings = new ArrayList<>();
    for (Spec spec : specs) {
      for (JmhResult p : run.results()) {
        if (!p.config().equals(spec.pitfall())) {
          continue;
        }
        String name =
            Names.shortBenchmark(p.benchmark())
                + " "
                + spec.pitfall()
                + " vs "
                + spec.fix()
                + Names.suffix(p.params(), "default");
        if (options.filter() != null && !options.filter().matcher(name).find()) {
          continue;
        }
        JmhResult f = byKey.get(key(p.benchmark(), p.params(), spec.fix()));
        if (f == null) {
          warnings.add(
              new TableWarning(
                  name,
                  spec.fix(),
                  new Warning(
                      Warning.Kind.BENCHMARK_SETS_DIFFER,
                      "no result under "
                          + spec.fix()
                          + " (did not fit, or not run); see run.json")));
          continue;
        }
        Map<String, Metrics.Series> fixSeries = new LinkedHashMap<>();
        for (Metrics.Series s : Metrics.of(f)) {
          fixSeries.put(s.metric(), s);
        }
        for (Metrics.Series ps : Metrics.of(p)) {
          Metrics.Series fs = fixSeries.get(ps.metric());
          // The code is the same under both configurations, so is its allocation per operation.
          if (fs == null || !fs.unit().equals(ps.unit()) || ps.metric().equals(Metrics.ALLOC)) {
            continue;
          }
          inputs.add(
              new Engine.Input(
                  name,
                  p.benchmark(),
                  p.params(),
                  spec.pitfall() + "→" + spec.fix(),
                  ps.metric(),
                  ps.unit(),
                  List.of(spec.pitfall(), spec.fix()),
                  List.of(ps.values(), fs.values()),
                  List.of(run.source(), run.source())));
        }
      }
    }
    if (inputs.isEmpty()) {
      throw new CompareException(
          run.source() + ": no configuration pair has results on both sides " + specs);
    }
    return new Engine(options).table(Table.Kind.PAIRS, List.of("pitfall", "fix"), inputs, warnings);
  }

  private static String key(String benchmark, Map<String, String> params, String config) {
    return benchmark + "\u0000" + params + "\u0000" + config;
  }
}
