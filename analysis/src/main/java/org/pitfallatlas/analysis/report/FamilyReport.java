package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pitfallatlas.analysis.compare.ConfigPairs;
import org.pitfallatlas.analysis.compare.Pairs;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.jmh.JmhReader;
import org.pitfallatlas.analysis.jmh.JmhRun;
import org.pitfallatlas.analysis.latency.LatencyLogs;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.render.Markdown;
import org.pitfallatlas.analysis.suite.PairSpec;
import org.pitfallatlas.analysis.suite.Suite;
import org.pitfallatlas.analysis.suite.SuiteCatalog;

/**
 * A FamilyReport is what a family's notebook shows about one run: where the results come from, the
 * pairs table (the one {@code atlas pairs --format markdown} prints; for a family whose suite
 * declares {@code comparisons}, such as {@code gc}, the {@link ConfigPairs} table of pitfall
 * configuration vs fix configuration instead), charts, links to the flame graphs, a verdict written
 * from the data, and how the run compares with the committed reference.
 *
 * <pre>{@code
 * var report = FamilyReport.load("boxing");   // $ATLAS_RESULTS, else the reference run
 * report.pairsTable().show();
 * report.forestPlot().show();
 * }</pre>
 */
public final class FamilyReport {

  static final String TIME = "time";

  private final String family;
  private final Path run;
  private final Suite suite;
  private final RunInfo info;
  private final JmhRun jmh;
  private final Table table;
  private List<LatencySummary> openLoop;

  private FamilyReport(
      String family, Path run, Suite suite, RunInfo info, JmhRun jmh, Table table) {
    this.family = family;
    this.run = run;
    this.suite = suite;
    this.info = info;
    this.jmh = jmh;
    this.table = table;
  }

  /**
   * Loads the run a family's notebook reads: {@code $ATLAS_RESULTS}, else the family's reference
   * run (see {@link AtlasPaths}).
   *
   * @param family the family, e.g. {@code boxing}
   * @return the report
   */
  public static FamilyReport load(String family) {
    return load(family, AtlasPaths.resultsFor(family));
  }

  /**
   * Loads a given run folder.
   *
   * @param family the family
   * @param runDir the run folder (with {@code results.json})
   * @return the report
   */
  public static FamilyReport load(String family, Path runDir) {
    Path run = runDir.toAbsolutePath().normalize();
    Suite suite = null;
    try {
      suite =
          SuiteCatalog.load(AtlasPaths.home().resolve("benchmarks/suites"))
              .find(family)
              .orElse(null);
    } catch (RuntimeException e) {
      // No checkout (a run folder read on its own): the report works without the suite's prose.
    }
    JmhRun jmh = JmhReader.read(run);
    var options = org.pitfallatlas.analysis.compare.Options.withDefaults();
    Table table =
        suite != null && !suite.comparisons().isEmpty()
            ? ConfigPairs.ofRun(jmh, configSpecs(suite), options, suite::runsEverywhere)
            : Pairs.ofRun(jmh, options);
    return new FamilyReport(family, run, suite, RunInfo.read(run), jmh, table);
  }

  /**
   * Returns the configuration comparisons of a suite (pitfall configuration vs fix configuration),
   * as {@link ConfigPairs} takes them; empty for a family whose pairs are methods.
   */
  static List<ConfigPairs.Spec> configSpecs(Suite suite) {
    return suite.comparisons().stream()
        .map(c -> new ConfigPairs.Spec(c.pitfall(), c.fix(), c.pitfallParams(), c.fixParams()))
        .distinct()
        .toList();
  }

  /** The suite file, or null when the run was read without a checkout. */
  Suite suiteOrNull() {
    return suite;
  }

  /** Returns the family's suite file, if the run was read within a checkout. */
  public Optional<Suite> suite() {
    return Optional.ofNullable(suite);
  }

  /** Returns the family. */
  public String family() {
    return family;
  }

  /** Returns the run folder. */
  public Path run() {
    return run;
  }

  /** Returns what the run folder says about itself. */
  public RunInfo info() {
    return info;
  }

  /** Returns the pairs table (the statistics engine's, with its default options). */
  public Table table() {
    return table;
  }

  /** Returns the JMH results as read. */
  public JmhRun results() {
    return jmh;
  }

  /** Returns the pair classes measured in this run, in suite order. */
  public List<String> pairClasses() {
    Set<String> measured = new LinkedHashSet<>();
    for (Row r : table.rows()) {
      measured.add(simple(r.benchmark()));
    }
    List<String> out = new ArrayList<>();
    if (suite != null) {
      suite.pairs().stream().map(PairSpec::className).filter(measured::contains).forEach(out::add);
    }
    measured.stream().filter(c -> !out.contains(c)).forEach(out::add);
    return out;
  }

  /** Returns the run's provenance as a Markdown table: folder, machine, JDK, budget, profiler. */
  public Output header() {
    return new Provenance(this).header();
  }

  /**
   * Returns the pairs table as Markdown: the same figures as {@code atlas pairs RUN --format
   * markdown}.
   */
  public Output pairsTable() {
    return Output.markdown(Markdown.render(table));
  }

  /**
   * Returns the run's open-loop benchmarks (a fanout class that sheds load, e.g.
   * BoundedConcurrency) as one Markdown table per point (see {@link OpenLoopTable}).
   */
  public Output openLoop() {
    return new OpenLoopTable(this).openLoop();
  }

  /**
   * The open-loop latency of one method at one point (all its forks), read from the run's latency
   * logs; empty when the run has none for it.
   *
   * @param pairClass the class's simple name
   * @param method the benchmark method
   * @param params the point
   * @param config the configuration
   */
  public Optional<LatencySummary> openLoopSummary(
      String pairClass, String method, Map<String, String> params, String config) {
    return openLoopSummaries().stream()
        .filter(
            l ->
                l.benchmark().endsWith("." + pairClass + "." + method)
                    && l.point().equals(params)
                    && l.config().equals(config))
        .findFirst();
  }

  List<LatencySummary> openLoopSummaries() {
    if (openLoop == null) {
      try {
        openLoop =
            LatencySummary.of(LatencyLogs.read(Files.isDirectory(run) ? run : run.getParent()));
      } catch (IOException e) {
        throw new UncheckedIOException(run + ": cannot read the latency logs: " + e, e);
      }
    }
    return openLoop;
  }

  /**
   * Returns each variant's steady-state classification per point: how many of its forks were flat,
   * warmed up, slowed down (their first iterations do not count) or never settled (no verdict for
   * that row).
   */
  public Output steadyState() {
    String md = Markdown.steadyState(table);
    return Output.markdown(md.isEmpty() ? "_No steady-state classification in this table._" : md);
  }

  /** Returns the pairs suite file's claims: what each pair tests. */
  public Output claims() {
    StringBuilder md = new StringBuilder("| pair | what it tests |\n|:---|:---|\n");
    for (String c : pairClasses()) {
      md.append("| ")
          .append(c)
          .append(" | ")
          .append(ClaimsLedger.cell(spec(c).map(PairSpec::claim).orElse("")))
          .append(" |\n");
    }
    return Output.markdown(md.toString());
  }

  /** Returns the measured B/op against the JOL-derived expectations of the suite file. */
  public Output allocationCheck() {
    return new AllocationCheckTable(this).allocationCheck();
  }

  /**
   * Returns a forest plot of the fix/pitfall time ratio with its 95% simultaneous interval (the one
   * the pairs table prints: Bonferroni over the rows of the metric), one row per pair and parameter
   * point, coloured by verdict (green: the fix is faster; grey: ~; blue: equivalent; orange:
   * slower).
   */
  public Output forestPlot() {
    return forestPlot(TIME);
  }

  /**
   * Returns a forest plot of the fix/pitfall ratio of one metric with its 95% simultaneous
   * interval, one row per pair and point (see {@link ForestPlot}).
   *
   * @param metric e.g. {@code time} or {@code gc.alloc.rate.norm}
   */
  public Output forestPlot(String metric) {
    return new ForestPlot(this).forestPlot(metric);
  }

  /**
   * Returns every iteration of every variant at every point, divided by that variant's median, one
   * colour per fork (see {@link ForkSpread}).
   */
  public Output forkSpread() {
    return new ForkSpread(this).forkSpread();
  }

  /** Returns the B/op of every variant at every point as a bar chart (see {@link BytesPerOp}). */
  public Output bytesPerOp() {
    return new BytesPerOp(this).bytesPerOp();
  }

  /** Returns the parameter sweep of every pair class, one chart each. */
  public List<Output> sweeps() {
    List<Output> out = new ArrayList<>();
    for (String c : pairClasses()) {
      sweep(c).ifPresent(out::add);
    }
    return out;
  }

  /** Shows every sweep (a convenience for notebooks). */
  public void showSweeps() {
    sweeps().forEach(Output::show);
  }

  /**
   * Returns the parameter sweep of one pair class: the time of each variant (the table's center,
   * the geometric mean of its fork values, with its 95% interval) against the swept {@code @Param}
   * (log axes when the values span a factor of 10 or more), and the class's controls such as {@code
   * baselineSerial} as grey dashed lines (see {@link SweepChart}), or empty when the class has one
   * point only. When the class has several {@code @Param}s, the one with the most values is the x
   * axis and every other one that varies splits the variants into series (e.g. {@code
   * fixIndexedArray executor=VIRTUAL}).
   */
  public Optional<Output> sweep(String pairClass) {
    return sweep(pairClass, TIME);
  }

  /**
   * Returns the sweep of one metric of a pair class against its swept {@code @Param}, if it has one
   * (see {@link Sweeps}).
   *
   * @param pairClass the pair class's simple name
   * @param metric e.g. {@code time} or {@code gc.alloc.rate.norm}
   */
  public Optional<Output> sweep(String pairClass, String metric) {
    return new Sweeps(this).sweep(pairClass, metric);
  }

  /**
   * Returns how each variant's cost grows with the swept parameter: the log-log slope of each line
   * (see {@link Sweeps}).
   *
   * @param pairClass the pair class's simple name
   * @param metric e.g. {@code time}
   */
  public Output scaling(String pairClass, String metric) {
    return new Sweeps(this).scaling(pairClass, metric);
  }

  /**
   * Returns, for each pair class swept over a numeric {@code @Param}, the fix/pitfall ratio of
   * {@code metric} against that parameter with the pairs table's simultaneous intervals (see {@link
   * RatioCurve}).
   *
   * @param metric {@code time}, {@code gc.alloc.rate.norm}, …
   */
  public List<Output> ratioCurves(String metric) {
    return new RatioCurve(table, family).of(metric);
  }

  /** Shows the fix/pitfall time ratio against the swept parameter of every pair class. */
  public void showRatioCurves() {
    ratioCurves(TIME).forEach(Output::show);
  }

  /**
   * Shows how state accumulates over a pair class's iterations: {@code metric} after each iteration
   * against the running count {@code x}, one line per fork, and each fork's slope (see {@link
   * GrowthCurve}); e.g. {@code report.showGrowth("LeakGrowth", "growth.heap", "growth.requests")}.
   */
  public void showGrowth(String pairClass, String metric, String x) {
    new GrowthCurve(jmh.results()).of(pairClass, metric, x).forEach(Output::show);
  }

  /**
   * Shows every measured iteration in order, one line per fork, for each variant of every pair
   * class at the suite's profiled point (see {@link IterationTimeline}): where warm-up was not
   * over, where a fork jumped, and where forks sat on different levels.
   */
  public void showIterationTimelines() {
    for (String cls : pairClasses()) {
      Map<String, String> point = spec(cls).map(PairSpec::profileParams).orElse(Map.of());
      new IterationTimeline(jmh.results()).of(cls, point).forEach(Output::show);
    }
  }

  /**
   * Shows each fork's result beside a secondary metric the fork recorded about where it ran (see
   * {@link ForkCovariate}); e.g. {@code report.showForkCovariate("FalseSharing", "c2c.rtt")}.
   */
  public void showForkCovariate(String pairClass, String metric) {
    new ForkCovariate(jmh.results()).of(pairClass, metric).forEach(Output::show);
  }

  /**
   * Returns the JVM flags the class's forks ran with and, when they pin G1's region size, the
   * humongous threshold (see {@link HeapSettings}).
   *
   * @param pairClass the pair class's simple name
   */
  public Output heapSettings(String pairClass) {
    return new HeapSettings(this).heapSettings(pairClass);
  }

  /**
   * Returns the coordination share of every parallel variant at every point against a serial
   * control (see {@link CoordinationShares}).
   *
   * @param serialMethod the control, e.g. {@code baselineSerial}
   */
  public Output coordinationShare(String serialMethod) {
    return new CoordinationShares(this).coordinationShare(serialMethod);
  }

  /**
   * Returns the coordination share of every parallel variant at every point, with the fork-level
   * estimate and its interval (the claims ledger reads the share claim from these).
   *
   * @param serialMethod the control, e.g. {@code baselineSerial}
   */
  public List<CoordinationShare> coordinationShares(String serialMethod) {
    return new CoordinationShares(this).coordinationShares(serialMethod);
  }

  /**
   * Returns the coordination share against the swept {@code @Param} as a line chart (in %).
   *
   * @param serialMethod the control, e.g. {@code baselineSerial}
   */
  public Output coordinationShareChart(String serialMethod) {
    return new CoordinationShares(this).coordinationShareChart(serialMethod);
  }

  /**
   * Returns links to the flame graphs of every profiled variant and to each pair's differential
   * flame graphs, relative to the folder the report is written to ({@code $ATLAS_REPORT_DIR}); see
   * {@link Profiles#links()}.
   */
  public Output flameGraphs() {
    return new Profiles(info.profiles()).links();
  }

  /**
   * Returns each profiled variant's top 10 frames by self and by total share, per pair class and
   * event; see {@link Profiles#topFrames()}.
   */
  public Output topFrames() {
    return new Profiles(info.profiles()).topFrames();
  }

  /**
   * Shows a small PNG of the flame graphs of each pair class and event, pitfall vs fix diffs
   * included; see {@link Profiles#images(String...)}.
   *
   * @param events the events to show ({@code "cpu"}, {@code "alloc"}, …); none: every event
   */
  public void showFlameGraphImages(String... events) {
    new Profiles(info.profiles()).images(events).forEach(Output::show);
  }

  /**
   * Returns the family's verdicts in three sentences, written from the data (see {@link InBrief}):
   * what a notebook opens with.
   */
  public Output inBrief() {
    return InBrief.of(this);
  }

  /**
   * Returns the verdict, written from the data: per pair class, the fix against the pitfall at the
   * profiled point (time and B/op), and how the class's comparisons came out (see {@link
   * Verdicts}).
   */
  public Output verdict() {
    return new Verdicts(this).verdict();
  }

  /**
   * Returns the pitfall and fix methods of every pair class, read from the checkout's sources,
   * beside the class's result at the profiled point (see {@link PairCode}); e.g. {@code
   * report.code().show()}.
   */
  public PairCode code() {
    return new PairCode(this, AtlasPaths::home);
  }

  /**
   * Returns how this run compares with the family's committed reference run: per pair and point,
   * whether the fix/pitfall ratio intervals overlap and how far the ratio moved.
   */
  public Output vsReference() {
    return new VsReferenceTable(this).vsReference();
  }

  // --- helpers -------------------------------------------------------------------------------

  Optional<PairSpec> spec(String cls) {
    return suite == null
        ? Optional.empty()
        : suite.pairs().stream().filter(p -> p.className().equals(cls)).findFirst();
  }

  List<Row> rows(String cls, String metric) {
    return table.rows().stream()
        .filter(r -> simple(r.benchmark()).equals(cls) && r.metric().equals(metric))
        .toList();
  }

  Path homeOrNull() {
    try {
      return AtlasPaths.home();
    } catch (IllegalStateException e) {
      return null;
    }
  }

  /** {@code AverageTime-size-10000} -> {@code size=10000}. */
  static String profilePoint(String suffix) {
    String[] parts = suffix.split("-");
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i + 1 < parts.length; i += 2) {
      sb.append(sb.length() == 0 ? "" : " ").append(parts[i]).append('=').append(parts[i + 1]);
    }
    return sb.toString();
  }

  static String shortName(Row r) {
    String name = r.name();
    return name;
  }

  static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  static String params(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append('/').append(k).append('=').append(v));
    return sb.toString();
  }

  static String config(String config) {
    return JmhReader.DEFAULT_CONFIG.equals(config) ? "" : "/config=" + config;
  }
}
