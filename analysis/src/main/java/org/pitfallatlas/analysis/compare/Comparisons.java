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
 * Comparisons compare JMH runs column by column, each against the first: the engine of {@code atlas
 * compare}. Rows are keyed by benchmark, params, JVM configuration and metric; rows missing from
 * some input are left out with a "benchmark sets differ" warning.
 *
 * <pre>{@code
 * Table t = Comparisons.of(List.of(Path.of("base.json"), Path.of("new.json")), Options.withDefaults());
 * System.out.print(Markdown.render(t));
 * }</pre>
 */
public final class Comparisons {
  private Comparisons() {}

  /**
   * Reads and compares JMH JSON files or run folders.
   *
   * @param inputs two or more files or run folders; the first is the base
   * @param options the options
   * @return the table
   * @throws org.pitfallatlas.analysis.jmh.JmhInputException if an input cannot be read as JMH JSON
   * @throws CompareException if the inputs cannot be compared (units differ, non-positive values,
   *     nothing in common)
   * @throws IllegalArgumentException if there are fewer than two inputs
   */
  public static Table of(List<Path> inputs, Options options) {
    List<JmhRun> runs = new ArrayList<>();
    for (Path p : inputs) {
      runs.add(JmhReader.read(p));
    }
    return ofRuns(runs, options);
  }

  /**
   * Compares runs already read.
   *
   * @param runs two or more runs; the first is the base
   * @param options the options
   * @return the table
   * @throws CompareException if the runs cannot be compared
   * @throws IllegalArgumentException if there are fewer than two runs
   */
  public static Table ofRuns(List<JmhRun> runs, Options options) {
    if (runs.size() < 2) {
      throw new IllegalArgumentException(
          "compare needs at least two inputs (a base and a new one)");
    }
    List<String> labels = labels(runs);
    List<Map<String, Keyed>> keyed = new ArrayList<>();
    for (JmhRun run : runs) {
      keyed.add(keyed(run, options));
    }
    List<Engine.Input> inputs = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Keyed> e : keyed.get(0).entrySet()) {
      List<double[][]> values = new ArrayList<>();
      List<Path> sources = new ArrayList<>();
      List<Integer> looks = new ArrayList<>();
      Keyed base = e.getValue();
      boolean everywhere = true;
      for (int c = 0; c < runs.size(); c++) {
        Keyed k = keyed.get(c).get(e.getKey());
        if (k == null) {
          everywhere = false;
          break;
        }
        if (!k.series.unit().equals(base.series.unit())) {
          throw new CompareException(
              String.format(
                  "mismatched units for %s (%s): %s has %s, %s has %s",
                  base.name,
                  base.series.metric(),
                  runs.get(0).source(),
                  base.series.unit(),
                  runs.get(c).source(),
                  k.series.unit()));
        }
        values.add(k.series.values());
        sources.add(runs.get(c).source());
        looks.add(k.result.looks());
      }
      if (!everywhere) {
        missing.add(base.name + " (" + base.series.metric() + ")");
        continue;
      }
      JmhResult r = base.result;
      inputs.add(
          new Engine.Input(
              base.name,
              r.benchmark(),
              r.params(),
              r.config(),
              base.series.metric(),
              base.series.unit(),
              labels,
              values,
              sources,
              looks));
    }
    for (int c = 1; c < runs.size(); c++) {
      for (Map.Entry<String, Keyed> e : keyed.get(c).entrySet()) {
        if (!keyed.get(0).containsKey(e.getKey())) {
          missing.add(e.getValue().name + " (" + e.getValue().series.metric() + ")");
        }
      }
    }
    List<TableWarning> warnings = new ArrayList<>();
    if (!missing.isEmpty()) {
      List<String> distinct = missing.stream().distinct().toList();
      warnings.add(
          new TableWarning(
              null,
              null,
              new Warning(
                  Warning.Kind.BENCHMARK_SETS_DIFFER,
                  "benchmark sets differ: "
                      + distinct.size()
                      + " row(s) not in every input were left out: "
                      + String.join(", ", distinct.subList(0, Math.min(5, distinct.size())))
                      + (distinct.size() > 5 ? ", ..." : ""))));
    }
    if (inputs.isEmpty()) {
      throw new CompareException(
          options.filter() != null
              ? "no rows match --filter " + options.filter().pattern() + " in every input"
              : "the inputs have no benchmark (with the same params and metric) in common");
    }
    return new Engine(options).table(Table.Kind.COMPARE, labels, inputs, warnings);
  }

  private record Keyed(String name, JmhResult result, Metrics.Series series) {}

  private static Map<String, Keyed> keyed(JmhRun run, Options options) {
    Map<String, Keyed> out = new LinkedHashMap<>();
    for (JmhResult r : run.results()) {
      String name = Names.shortBenchmark(r.benchmark()) + Names.suffix(r.params(), r.config());
      if (options.filter() != null && !options.filter().matcher(name).find()) {
        continue;
      }
      for (Metrics.Series s : Metrics.of(r)) {
        String key =
            r.benchmark() + "\u0000" + r.params() + "\u0000" + r.config() + "\u0000" + s.metric();
        out.putIfAbsent(key, new Keyed(name, r, s));
      }
    }
    return out;
  }

  /** File or folder names; made unique by a suffix when two inputs share a name. */
  private static List<String> labels(List<JmhRun> runs) {
    List<String> labels = new ArrayList<>();
    for (JmhRun r : runs) {
      String l = r.label();
      String candidate = l;
      int i = 2;
      while (labels.contains(candidate)) {
        candidate = l + "#" + i++;
      }
      labels.add(candidate);
    }
    return labels;
  }
}
