package org.pitfallatlas.analysis.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    return of(inputs, options, null);
  }

  /**
   * Reads and compares JMH JSON files or run folders, under the given column labels.
   *
   * @param inputs two or more files or run folders; the first is the base
   * @param options the options
   * @param labels one label per input (null: each input's shortest distinguishing path)
   * @return the table
   * @throws IllegalArgumentException if the labels do not match the inputs one to one
   */
  public static Table of(List<Path> inputs, Options options, List<String> labels) {
    if (labels != null) {
      checkLabels(labels, inputs.size());
    }
    List<JmhRun> runs = new ArrayList<>();
    for (Path p : inputs) {
      runs.add(JmhReader.read(p));
    }
    return ofRuns(runs, options, labels);
  }

  private static void checkLabels(List<String> labels, int inputs) {
    if (labels.size() != inputs) {
      throw new IllegalArgumentException(
          "--labels gives "
              + labels.size()
              + " label(s) for "
              + inputs
              + " input(s): give one per input, in the same order, e.g. --labels before,after");
    }
    for (String l : labels) {
      if (l.isBlank()) {
        throw new IllegalArgumentException("--labels has an empty label: " + labels);
      }
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("--labels must be distinct: " + labels);
    }
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
    return ofRuns(runs, options, null);
  }

  private static Table ofRuns(List<JmhRun> runs, Options options, List<String> given) {
    if (runs.size() < 2) {
      throw new IllegalArgumentException(
          "compare needs at least two inputs (a base and a new one)");
    }
    List<String> labels = given != null ? List.copyOf(given) : labels(runs);
    Set<String> multiMode = new HashSet<>();
    for (JmhRun run : runs) {
      multiMode.addAll(multiMode(run));
    }
    Map<String, String> shortNames =
        Names.unambiguous(
            runs.stream().flatMap(r -> r.results().stream()).map(JmhResult::benchmark).toList());
    List<Map<String, Keyed>> keyed = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    for (int c = 0; c < runs.size(); c++) {
      keyed.add(keyed(runs.get(c), labels.get(c), options, multiMode, shortNames, duplicates));
    }
    List<Engine.Input> inputs = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> unconvertible = new ArrayList<>();
    java.util.Set<String> threadsDiffer = new java.util.LinkedHashSet<>();
    List<TableWarning> cautions = new ArrayList<>();
    java.util.Set<String> converted = new java.util.LinkedHashSet<>();
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
        double[][] v = k.series.values();
        if (!k.series.unit().equals(base.series.unit())) {
          java.util.OptionalDouble f = Units.factor(k.series.unit(), base.series.unit());
          if (f.isEmpty()) {
            unconvertible.add(
                String.format(
                    "%s (%s): %s has %s, %s has %s",
                    base.name,
                    base.series.metric(),
                    labels.get(0),
                    base.series.unit(),
                    labels.get(c),
                    k.series.unit()));
            everywhere = false;
            break;
          }
          v = Units.scale(v, f.getAsDouble());
          converted.add(labels.get(c) + " " + k.series.unit() + " → " + base.series.unit());
        }
        values.add(v);
        if (k.result.threads() != base.result.threads()
            && k.result.threads() > 0
            && base.result.threads() > 0) {
          threadsDiffer.add(
              base.name
                  + ": "
                  + base.result.threads()
                  + " thread(s) in "
                  + labels.get(0)
                  + ", "
                  + k.result.threads()
                  + " in "
                  + labels.get(c));
        }
        sources.add(runs.get(c).source());
        looks.add(k.result.looks());
      }
      if (!everywhere) {
        if (unconvertible.isEmpty()
            || !unconvertible.get(unconvertible.size() - 1).startsWith(base.name + " (")) {
          List<String> lacking = new ArrayList<>();
          for (int c = 1; c < runs.size(); c++) {
            if (!keyed.get(c).containsKey(e.getKey())) {
              lacking.add(labels.get(c));
            }
          }
          missing.add(
              base.name + " (" + base.series.metric() + "): not in " + String.join(", ", lacking));
        }
        continue;
      }
      JmhResult r = base.result;
      for (int c = 0; c < runs.size(); c++) {
        Keyed k = keyed.get(c).get(e.getKey());
        if (k.series.caution() != null) {
          cautions.add(
              new TableWarning(
                  base.name,
                  labels.get(c),
                  new Warning(Warning.Kind.TOO_FEW_SAMPLES, k.series.caution())));
        }
      }
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
          missing.add(
              e.getValue().name
                  + " ("
                  + e.getValue().series.metric()
                  + "): only in "
                  + labels.get(c)
                  + ", not in the base "
                  + labels.get(0));
        }
      }
    }
    List<TableWarning> warnings = new ArrayList<>(cautions);
    for (String d : duplicates) {
      warnings.add(new TableWarning(null, null, new Warning(Warning.Kind.DUPLICATE_ENTRIES, d)));
    }
    if (!threadsDiffer.isEmpty()) {
      List<String> all = new ArrayList<>(threadsDiffer);
      warnings.add(
          new TableWarning(
              null,
              null,
              new Warning(
                  Warning.Kind.THREADS_DIFFER,
                  all.size()
                      + " row(s) compare runs at different thread counts (@Threads / -t): per-op"
                      + " times under contention are not comparable with single-threaded ones — "
                      + String.join("; ", all.subList(0, Math.min(3, all.size())))
                      + (all.size() > 3 ? "; …" : "")),
              all));
    }
    if (!converted.isEmpty()) {
      warnings.add(
          new TableWarning(
              null,
              null,
              new Warning(
                  Warning.Kind.UNITS_CONVERTED,
                  "units converted to the base's (an exact rescaling): "
                      + String.join(", ", converted))));
    }
    if (!unconvertible.isEmpty()) {
      warnings.add(
          new TableWarning(
              null,
              null,
              new Warning(
                  Warning.Kind.BENCHMARK_SETS_DIFFER,
                  unconvertible.size()
                      + " row(s) left out: their units cannot be converted into each other — "
                      + String.join(
                          "; ", unconvertible.subList(0, Math.min(5, unconvertible.size())))
                      + (unconvertible.size() > 5 ? "; …" : ""))));
    }
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
                      + String.join("; ", distinct.subList(0, Math.min(5, distinct.size())))
                      + (distinct.size() > 5
                          ? "; … (all " + distinct.size() + " in the JSON output's details)"
                          : "")),
              distinct));
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

  /** The benchmarks (with params and config) that this run has in more than one JMH mode. */
  private static Set<String> multiMode(JmhRun run) {
    Map<String, String> firstMode = new HashMap<>();
    Set<String> out = new HashSet<>();
    for (JmhResult r : run.results()) {
      String id = r.benchmark() + "\u0000" + r.params() + "\u0000" + r.config();
      String seen = firstMode.putIfAbsent(id, r.mode());
      if (seen != null && !seen.equals(r.mode())) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * Keys a run's series by benchmark, params, config, JMH mode and metric. The mode is part of a
   * row's identity (avgt, sample and ss all measure time; a Mode.All file has all three), and the
   * row name says it ({@code /mode=ss}) wherever a benchmark appears in several modes. A second
   * entry with the same identity in one file (two runs concatenated, a merge of runs) is not
   * compared: the first is used and the table says how many were set aside.
   */
  private static Map<String, Keyed> keyed(
      JmhRun run,
      String label,
      Options options,
      Set<String> multiMode,
      Map<String, String> shortNames,
      List<String> duplicates) {
    Map<String, Keyed> out = new LinkedHashMap<>();
    Map<String, Integer> extra = new LinkedHashMap<>();
    for (JmhResult r : run.results()) {
      String id = r.benchmark() + "\u0000" + r.params() + "\u0000" + r.config();
      String name =
          shortNames.get(r.benchmark())
              + Names.suffix(r.params(), r.config())
              + (multiMode.contains(id) ? "/mode=" + r.mode() : "");
      if (options.filter() != null && !options.filter().matcher(name).find()) {
        continue;
      }
      boolean counted = false;
      for (Metrics.Series s : Metrics.of(r)) {
        String key = id + "\u0000" + r.mode() + "\u0000" + s.metric();
        Keyed first = out.putIfAbsent(key, new Keyed(name, r, s));
        if (first != null && !counted) {
          extra.merge(
              first.result.threads() != r.threads()
                  ? name + " (threads " + first.result.threads() + " and " + r.threads() + ")"
                  : name,
              1,
              Integer::sum);
          counted = true;
        }
      }
    }
    if (!extra.isEmpty()) {
      int total = extra.values().stream().mapToInt(Integer::intValue).sum();
      List<String> names = new ArrayList<>(extra.keySet());
      duplicates.add(
          label
              + " has "
              + total
              + " duplicate entr"
              + (total == 1 ? "y" : "ies")
              + " (same benchmark, params, mode and configuration; e.g. two JMH runs concatenated,"
              + " or a merge of runs at different thread counts): only the first of each is"
              + " compared — "
              + String.join(", ", names.subList(0, Math.min(5, names.size())))
              + (names.size() > 5 ? ", … (" + names.size() + " benchmarks)" : "")
              + ". Compare the runs as separate inputs instead.");
    }
    return out;
  }

  /**
   * Each input's shortest distinguishing path: the file name, or the run folder's name, with as
   * many parent folders as it takes to tell inputs of the same name apart.
   */
  private static List<String> labels(List<JmhRun> runs) {
    List<Path> paths = new ArrayList<>();
    for (JmhRun r : runs) {
      paths.add(labelPath(r));
    }
    return Names.distinguishing(paths);
  }

  /** The path whose name is the run's label (a run folder for its results.json). */
  private static Path labelPath(JmhRun r) {
    Path p = r.source().toAbsolutePath().normalize();
    for (Path q = p; q != null; q = q.getParent()) {
      if (q.getFileName() != null && q.getFileName().toString().equals(r.label())) {
        return q;
      }
    }
    return p;
  }
}
