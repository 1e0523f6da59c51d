package org.pitfallatlas.analysis.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pitfallatlas.analysis.jmh.JmhReader;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;

/**
 * Pairs compare, within one run, every {@code pitfall*} method of a class with every {@code fix*}
 * method of the same class at the same params (and JVM configuration): the engine of {@code atlas
 * pairs}. The pitfall is the base column and the fix the compared one, so a row's ratio is
 * fix/pitfall and {@link Delta#speedup} is how many times better the fix is. {@code baseline*}
 * methods are not paired. Every metric is compared: time (or throughput), SampleTime percentiles,
 * and B/op.
 *
 * <pre>{@code
 * Table t = Pairs.of(Path.of("results/.../run-2025-01-01T12-00-00"));
 * System.out.print(Markdown.render(t));
 * }</pre>
 */
public final class Pairs {
  /** Prefix of the methods that show a pitfall. */
  public static final String PITFALL = "pitfall";

  /** Prefix of the methods that show its fix. */
  public static final String FIX = "fix";

  private Pairs() {}

  /**
   * Pairs a run with default options.
   *
   * @param runDirOrFile a run folder (with {@code results.json}) or a JMH JSON file
   * @return the table
   * @throws org.pitfallatlas.analysis.jmh.JmhInputException if the input cannot be read
   * @throws CompareException if there are no pairs or values are invalid
   */
  public static Table of(Path runDirOrFile) {
    return of(runDirOrFile, Options.withDefaults());
  }

  /**
   * Pairs a run.
   *
   * @param runDirOrFile a run folder (with {@code results.json}) or a JMH JSON file
   * @param options the options
   * @return the table
   * @throws org.pitfallatlas.analysis.jmh.JmhInputException if the input cannot be read
   * @throws CompareException if there are no pairs or values are invalid
   */
  public static Table of(Path runDirOrFile, Options options) {
    return ofRun(JmhReader.read(runDirOrFile), options);
  }

  /**
   * Pairs a run already read.
   *
   * @param run the run
   * @param options the options
   * @return the table
   * @throws CompareException if there are no pairs or values are invalid
   */
  public static Table ofRun(JmhRun run, Options options) {
    Found found = inputs(run, options);
    if (found.inputs().isEmpty()) {
      throw new CompareException(
          run.source()
              + ": no pairs: a pair is a pitfall… and a fix… method of the same class at the"
              + " same params"
              + (options.filter() != null
                  ? " matching --filter " + options.filter().pattern()
                  : ""));
    }
    return new Engine(options)
        .table(Table.Kind.PAIRS, List.of(PITFALL, FIX), found.inputs(), found.cautions());
  }

  /** The engine's inputs for a run's method pairs, and the cautions met on the way. */
  record Found(List<Engine.Input> inputs, List<TableWarning> cautions) {}

  /**
   * Finds a run's method pairs (possibly none): every pitfall… and fix… method of a class at the
   * same params, configuration and mode, one input per metric both have.
   */
  static Found inputs(JmhRun run, Options options) {
    // Group by class, params, config and JMH mode, keeping file order: a pitfall measured in
    // avgt is never paired with a fix measured in single-shot or sample mode.
    Map<String, List<JmhResult>> groups = new LinkedHashMap<>();
    Map<String, java.util.Set<String>> modes = new LinkedHashMap<>();
    for (JmhResult r : run.results()) {
      String where = r.className() + "\u0000" + r.params() + "\u0000" + r.config();
      groups.computeIfAbsent(where + "\u0000" + r.mode(), k -> new ArrayList<>()).add(r);
      modes.computeIfAbsent(where, k -> new java.util.TreeSet<>()).add(r.mode());
    }
    List<Engine.Input> inputs = new ArrayList<>();
    List<TableWarning> cautions = new ArrayList<>();
    for (List<JmhResult> group : groups.values()) {
      List<JmhResult> pitfalls =
          group.stream().filter(r -> r.methodName().startsWith(PITFALL)).toList();
      List<JmhResult> fixes = group.stream().filter(r -> r.methodName().startsWith(FIX)).toList();
      for (JmhResult p : pitfalls) {
        for (JmhResult f : fixes) {
          String name =
              Names.shortClass(p.className())
                  + "."
                  + p.methodName()
                  + " vs "
                  + f.methodName()
                  + Names.suffix(p.params(), p.config())
                  + (modes.get(p.className() + "\u0000" + p.params() + "\u0000" + p.config()).size()
                          > 1
                      ? "/mode=" + p.mode()
                      : "");
          if (options.filter() != null && !options.filter().matcher(name).find()) {
            continue;
          }
          Map<String, Metrics.Series> fixSeries = new LinkedHashMap<>();
          for (Metrics.Series s : Metrics.of(f)) {
            fixSeries.put(s.metric(), s);
          }
          for (Metrics.Series ps : Metrics.of(p)) {
            Metrics.Series fs = fixSeries.get(ps.metric());
            if (fs == null) {
              continue;
            }
            if (!fs.unit().equals(ps.unit())) {
              throw new CompareException(
                  String.format(
                      "%s: mismatched units for %s (%s): %s has %s, %s has %s",
                      run.source(),
                      name,
                      ps.metric(),
                      p.methodName(),
                      ps.unit(),
                      f.methodName(),
                      fs.unit()));
            }
            for (Metrics.Series x : List.of(ps, fs)) {
              if (x.caution() != null) {
                cautions.add(
                    new TableWarning(
                        name,
                        x == ps ? p.methodName() : f.methodName(),
                        new org.pitfallatlas.analysis.stats.Warning(
                            org.pitfallatlas.analysis.stats.Warning.Kind.TOO_FEW_SAMPLES,
                            x.caution())));
              }
            }
            inputs.add(
                new Engine.Input(
                    name,
                    p.className(),
                    p.params(),
                    p.config(),
                    ps.metric(),
                    ps.unit(),
                    List.of(p.methodName(), f.methodName()),
                    List.of(ps.values(), fs.values()),
                    List.of(run.source(), run.source()),
                    List.of(p.looks(), f.looks())));
          }
        }
      }
    }
    return new Found(inputs, cautions);
  }
}
