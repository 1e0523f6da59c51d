package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.ConfigPairs;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Pairs;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.jmh.JmhReader;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;
import org.pitfallatlas.analysis.latency.LatencyLogs;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.latency.OpenLoopResults;
import org.pitfallatlas.analysis.render.Markdown;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.run.AllocationCheck;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.Verdict;
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

  private static final String TIME = "time";

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
    StringBuilder md = new StringBuilder();
    if (suite != null) {
      md.append("**")
          .append(family)
          .append(" — ")
          .append(suite.title())
          .append("** (Go: ")
          .append(suite.goPitfall())
          .append(")\n\n");
    }
    Path home = homeOrNull();
    String folder =
        home != null && run.startsWith(home) ? home.relativize(run).toString() : run.toString();
    md.append("| results | |\n|:---|:---|\n");
    md.append("| run folder | `").append(folder).append("` |\n");
    md.append("| machine | ")
        .append(info.machine())
        .append(" (")
        .append(info.cpu())
        .append(") |\n");
    md.append("| JDK | ").append(info.jdk()).append(" |\n");
    md.append("| budget | ").append(info.budget()).append(" |\n");
    md.append("| profiler | ").append(info.profiler()).append(" |\n");
    md.append("| status | ").append(info.status()).append(" |\n");
    md.append("| commit | ")
        .append(info.commit())
        .append(info.tree().equals("unknown") ? "" : ", " + info.tree())
        .append(" |\n");
    md.append("| load average (1 min) | ").append(info.load()).append(" |\n");
    md.append("| reading | ")
        .append(
            AtlasPaths.resultsOverride().isPresent()
                ? "`$ATLAS_RESULTS`"
                : "the reference run (results/reference.json)")
        .append(" |\n");
    return Output.markdown(md.toString());
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
   * BoundedConcurrency) as one Markdown table per point: per method, the offered rate, the requests
   * served, the latency percentiles of the served requests (every measured fork merged), the share
   * rejected, the peak and mean number in flight, and the in-flight count Little's law implies
   * (served rate x mean latency). A method that left requests unfinished after a window's grace
   * period is shown as <b>saturated</b>, without latencies: they describe a queue that grows for as
   * long as the overload lasts, and the pairs table has no row for it (its results are dropped, see
   * {@link org.pitfallatlas.analysis.latency.OpenLoopResults}).
   */
  public Output openLoop() {
    List<LatencySummary> all;
    try {
      all = openLoopSummaries();
    } catch (UncheckedIOException e) {
      return Output.markdown("_Cannot read the latency logs: " + e.getMessage() + "_");
    }
    if (all.isEmpty()) {
      return Output.markdown("_No open-loop latency logs in this run._");
    }
    StringBuilder md = new StringBuilder();
    Map<String, List<LatencySummary>> byPoint = new LinkedHashMap<>();
    all.forEach(
        l ->
            byPoint
                .computeIfAbsent(
                    Suite.classOf(l.benchmark())
                        + " "
                        + l.point()
                        + (l.config().equals("default") ? "" : " [" + l.config() + "]"),
                    k -> new ArrayList<>())
                .add(l));
    for (var e : byPoint.entrySet()) {
      md.append("**")
          .append(e.getKey())
          .append("**: ")
          .append(String.format(Locale.ROOT, "%,.0f", e.getValue().get(0).rate()))
          .append(" requests/s offered\n\n")
          .append(
              "| method | forks | served of scheduled | p50 ms | p99 ms | p99.9 ms | max ms |"
                  + " rejected | in flight: peak | mean | λW | peak RSS MB |\n")
          .append("|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (LatencySummary l : e.getValue()) {
        md.append("| ")
            .append(l.benchmark().substring(l.benchmark().lastIndexOf('.') + 1))
            .append(" | ")
            .append(l.forks())
            .append(" | ")
            .append(String.format(Locale.ROOT, "%,d of %,d", l.served(), l.scheduled()))
            .append(" | ");
        if (l.saturated()) {
          double[] unfinished = l.forkCounts("unfinished");
          md.append("**saturated**: it cannot keep up at this rate (")
              .append(l.saturatedForks())
              .append(" of ")
              .append(l.forks())
              .append(" forks left ")
              .append(
                  unfinished == null
                      ? "requests"
                      : String.format(
                          Locale.ROOT, "%,.0f requests", Arrays.stream(unfinished).sum()))
              .append(" unfinished after the grace period) | | | | ");
        } else {
          for (String p : OpenLoopResults.ORDER) {
            md.append(Numbers.value(l.millis(OpenLoopResults.METRICS.get(p)))).append(" | ");
          }
        }
        md.append(count(l, "rejected", "%.1f%%"))
            .append(" | ")
            .append(count(l, "inflight.peak", "%.0f"))
            .append(" | ")
            .append(count(l, "inflight.mean", "%.1f"))
            .append(" | ")
            .append(l.saturated() ? "—" : count(l, "inflight.little", "%.1f"))
            .append(" | ")
            .append(count(l, "rss.peak", "%.0f"))
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append(
        "_Latencies of the served requests, from when each was due; rejected: share of the"
            + " scheduled requests; in flight: dispatched, not yet returned (peak: the most, for a"
            + " thread per request the most request threads alive; mean: what the arrivals found,"
            + " with the requests due but not yet dispatched); λW: the served rate times their mean"
            + " latency, which equals the mean in flight in a steady state (Little's law); peak"
            + " RSS: the fork's resident set high-water mark (the pre-touched heap included). A"
            + " saturated method has no steady state._\n");
    return Output.markdown(md.toString());
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

  private List<LatencySummary> openLoopSummaries() {
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

  /** A per-fork count, the mean over forks (the max for a peak), formatted; "—" without it. */
  private static String count(LatencySummary l, String name, String format) {
    double[] forks = l.forkCounts(name);
    if (forks == null) {
      return "—";
    }
    double v =
        name.endsWith(".peak")
            ? Arrays.stream(forks).max().orElseThrow()
            : Arrays.stream(forks).average().orElseThrow();
    return String.format(Locale.ROOT, format, v);
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
    if (suite == null) {
      return Output.markdown("_No suite file: no allocation expectations to check._");
    }
    List<AllocationCheck.Row> rows = AllocationCheck.check(suite, jmh.source());
    if (rows.isEmpty()) {
      return Output.markdown("_The suite file states no expected B/op for this run's points._");
    }
    StringBuilder md =
        new StringBuilder(
            "| pair | method | params | expected B/op (JOL) | measured B/op | check |\n"
                + "|:---|:---|:---|---:|---:|:---|\n");
    for (AllocationCheck.Row r : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.0f | %.1f | %s |%n",
              r.pair(),
              r.method(),
              r.params(),
              r.expected(),
              r.measured(),
              Double.isNaN(r.measured())
                  ? "not measured"
                  : r.matches() ? "matches" : "**differs**"));
    }
    return Output.markdown(md.toString());
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

  /** Returns the forest plot of one metric ({@code time}, {@code throughput}, {@code p99}…). */
  public Output forestPlot(String metric) {
    String unit = "";
    RowPlot plot =
        new RowPlot(
            family + ": fix/pitfall " + metric + " ratio, 95% simultaneous CI",
            "fix/pitfall (log scale; left of the dashed line: the fix is better)",
            true);
    int n = 0;
    for (Row r : table.rows()) {
      if (!r.metric().equals(metric)) {
        continue;
      }
      Delta d = r.deltas().get(0);
      plot.interval(plot.row(r.name()), d.lo(), d.ratio(), d.hi(), color(d.verdict()));
      n++;
    }
    if (n == 0) {
      return Output.markdown("_No " + metric + " rows in this run._");
    }
    plot.reference(1)
        .legend("fix faster", Charts.FIX)
        .legend("~ (no difference)", Charts.NEUTRAL)
        .legend("equivalent", Charts.EQUIVALENT)
        .legend("fix slower", Charts.SLOWER);
    return plot.output("forest plot of fix/pitfall " + metric + " ratios");
  }

  /**
   * Returns every iteration of every variant at every point, divided by that variant's median, one
   * colour per fork: clusters by colour mean the forks disagree (fork-to-fork variance), which is
   * why the intervals are computed over forks first.
   */
  public Output forkSpread() {
    RowPlot plot =
        new RowPlot(
            family + ": every iteration / the variant's median, one colour per fork",
            "value / median of all forks (1 = the median)",
            false);
    plot.reference(1);
    int forks = 0;
    List<int[]> rowsAndForks = new ArrayList<>();
    for (String cls : pairClasses()) {
      for (JmhResult r : jmh.results()) {
        if (!simple(r.className()).equals(cls)) {
          continue;
        }
        double[][] v = Metrics.of(r).get(0).values();
        forks = Math.max(forks, v.length);
        int row = plot.row(cls + "." + r.methodName() + params(r.params()) + config(r.config()));
        double median = median(Arrays.stream(v).flatMapToDouble(Arrays::stream).toArray());
        for (int f = 0; f < v.length; f++) {
          double offset = v.length == 1 ? 0 : (f - (v.length - 1) / 2.0) * (0.7 / v.length);
          for (double x : v[f]) {
            plot.point(
                row,
                x / median,
                Charts.PALETTE[f % Charts.PALETTE.length],
                RowPlot.Shape.CIRCLE,
                offset);
          }
        }
      }
    }
    for (int f = 0; f < Math.min(forks, Charts.PALETTE.length); f++) {
      plot.legend("fork " + (f + 1), Charts.PALETTE[f]);
    }
    return plot.output("per-fork distributions");
  }

  /**
   * Returns bytes allocated per operation (the table's center of {@code gc.alloc.rate.norm}: the
   * geometric mean of the fork values) of every variant at every point, pitfalls red, fixes green,
   * on a log axis (0 B/op is drawn at 1 B).
   */
  public Output bytesPerOp() {
    Map<String, Column> variants = variants(Metrics.ALLOC);
    if (variants.isEmpty()) {
      return Output.markdown("_No B/op in this run (was -prof gc off?)._");
    }
    RowPlot plot =
        new RowPlot(
            family + ": bytes allocated per operation (geometric mean of the forks)",
            "B/op (log scale; below 1 B/op drawn at 1: nothing allocated)",
            true);
    for (Map.Entry<String, Column> e : variants.entrySet()) {
      Column col = e.getValue();
      double center = Math.max(col.center(), 1);
      plot.point(
          plot.row(e.getKey()), center, Charts.roleColor(col.label()), RowPlot.Shape.DIAMOND, 0);
    }
    plot.legend("pitfall", Charts.PITFALL).legend("fix", Charts.FIX);
    return plot.output("bytes per operation by variant");
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
   * the geometric mean of its fork values) against the swept {@code @Param} (log axes when the
   * values span a factor of 10 or more), or empty when the class has one point only. When the class
   * has several {@code @Param}s, the one with the most values is the x axis and every other one
   * that varies splits the variants into series (e.g. {@code fixIndexedArray executor=VIRTUAL}).
   */
  public Optional<Output> sweep(String pairClass) {
    return sweep(pairClass, TIME);
  }

  /**
   * Returns the parameter sweep of one pair class for one metric: {@code time} (or throughput for
   * throughput-mode classes) or {@code gc.alloc.rate.norm} (B/op), where a growth shape such as n²
   * is often plainer than in the times.
   *
   * @param pairClass the pair class's simple name
   * @param metric {@code time} or {@code gc.alloc.rate.norm}
   */
  public Optional<Output> sweep(String pairClass, String metric) {
    List<Row> rows = sweepRows(pairClass, metric);
    String param = sweptParam(rows);
    if (param == null) {
      return Optional.empty();
    }
    Map<String, Map<String, Column>> byMethod = series(rows, param);
    String unit = rows.get(0).unit();
    String what = metric.equals(TIME) ? TIME : metric.equals(Metrics.ALLOC) ? "B/op" : metric;
    return sweepChart(pairClass, param, unit, what, byMethod);
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
   * Returns how each variant of a pair class grows with the swept {@code @Param}: its center at
   * every point and the slope of log(value) against log(param) — about 1 for linear growth, 2 for
   * n², 0 for flat — fitted by least squares over the points.
   *
   * @param pairClass the pair class's simple name
   * @param metric {@code time} or {@code gc.alloc.rate.norm}
   */
  public Output scaling(String pairClass, String metric) {
    List<Row> rows = sweepRows(pairClass, metric);
    String param = sweptParam(rows);
    if (param == null) {
      return Output.markdown("_" + pairClass + " has no parameter sweep in this run._");
    }
    Map<String, Map<String, Column>> byMethod = series(rows, param);
    List<String> xs = new ArrayList<>();
    byMethod
        .values()
        .forEach(m -> m.keySet().stream().filter(x -> !xs.contains(x)).forEach(xs::add));
    boolean numeric = xs.stream().allMatch(v -> v.matches("[0-9.]+"));
    if (numeric) {
      xs.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
    }
    String unit = rows.get(0).unit();
    StringBuilder md = new StringBuilder("| variant |");
    xs.forEach(x -> md.append(' ').append(param).append('=').append(x).append(" |"));
    md.append(numeric ? " log-log slope |\n|:---|" : "\n|:---|");
    xs.forEach(x -> md.append("---:|"));
    md.append(numeric ? "---:|\n" : "\n");
    for (Map.Entry<String, Map<String, Column>> e : byMethod.entrySet()) {
      md.append("| ").append(e.getKey()).append(" |");
      List<double[]> pts = new ArrayList<>();
      for (String x : xs) {
        Column col = e.getValue().get(x);
        md.append(' ')
            .append(col == null ? "" : Numbers.value(col.center()) + " " + unit)
            .append(" |");
        if (col != null && numeric) {
          pts.add(new double[] {Double.parseDouble(x), col.center()});
        }
      }
      if (numeric) {
        double slope = logLogSlope(pts);
        md.append(' ')
            .append(Double.isNaN(slope) ? "?" : String.format(Locale.ROOT, "%.2f", slope))
            .append(" |");
      }
      md.append('\n');
    }
    return Output.markdown(md.toString());
  }

  /**
   * Returns the JVM flags the forks of a pair class ran with (JMH's {@code jvmArgs}, which include
   * the class's own {@code @Fork(jvmArgsAppend)}), and, when they pin G1's region size, the
   * humongous threshold that follows: half a region.
   *
   * @param pairClass the pair class's simple name
   */
  public Output heapSettings(String pairClass) {
    Set<List<String>> flagSets = new LinkedHashSet<>();
    try {
      com.fasterxml.jackson.databind.JsonNode root =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(jmh.source().toFile());
      for (com.fasterxml.jackson.databind.JsonNode b : root) {
        String bench = b.path("benchmark").asText("");
        String cls = bench.contains(".") ? bench.substring(0, bench.lastIndexOf('.')) : bench;
        if (simple(cls).equals(pairClass)) {
          List<String> flags = new ArrayList<>();
          b.path("jvmArgs").forEach(a -> flags.add(a.asText()));
          flagSets.add(flags);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (flagSets.isEmpty()) {
      return Output.markdown("_No " + pairClass + " results in this run._");
    }
    StringBuilder md = new StringBuilder("| " + pairClass + " forks | |\n|:---|:---|\n");
    for (List<String> flags : flagSets) {
      md.append("| JVM flags | `").append(String.join(" ", flags)).append("` |\n");
      Optional<Long> region =
          flags.stream()
              .filter(f -> f.startsWith("-XX:G1HeapRegionSize="))
              .map(f -> parseBytes(f.substring(f.indexOf('=') + 1)))
              .reduce((a, b) -> b);
      if (region.isPresent()) {
        md.append("| G1 region size (pinned) | ")
            .append(binary(region.get()))
            .append(" |\n| humongous threshold (half a region) | objects of ")
            .append(binary(region.get() / 2))
            .append(" and more |\n");
      } else {
        md.append(
            "| G1 region size | not pinned: G1 chose it from the heap size (ergonomics), so the"
                + " humongous threshold is not known from the results |\n");
      }
    }
    return Output.markdown(md.toString());
  }

  private List<Row> sweepRows(String pairClass, String metric) {
    List<Row> rows = new ArrayList<>();
    for (Row r : table.rows()) {
      boolean wanted =
          metric.equals(TIME)
              ? r.metric().equals(TIME) || r.metric().equals("throughput")
              : r.metric().equals(metric);
      if (wanted && simple(r.benchmark()).equals(pairClass) && !r.params().isEmpty()) {
        rows.add(r);
      }
    }
    return rows;
  }

  /** Per variant (and value of any other varying param): the swept value -> its column. */
  private static Map<String, Map<String, Column>> series(List<Row> rows, String param) {
    Map<String, Set<String>> valuesByParam = paramValues(rows);
    Map<String, Map<String, Column>> byMethod = new LinkedHashMap<>();
    for (Row r : rows) {
      StringBuilder split = new StringBuilder();
      r.params()
          .forEach(
              (k, v) -> {
                if (!k.equals(param) && valuesByParam.get(k).size() > 1) {
                  split.append(' ').append(k).append('=').append(v);
                }
              });
      String value = r.params().get(param) + config(r.config());
      for (Column col : r.columns()) {
        byMethod.computeIfAbsent(col.label() + split, k -> new LinkedHashMap<>()).put(value, col);
      }
    }
    return byMethod;
  }

  private Optional<Output> sweepChart(
      String pairClass,
      String param,
      String unit,
      String what,
      Map<String, Map<String, Column>> byMethod) {
    Set<String> values = new LinkedHashSet<>();
    byMethod.values().forEach(m -> values.addAll(m.keySet()));
    if (values.size() < 2) {
      return Optional.empty();
    }
    boolean numeric = values.stream().allMatch(v -> v.matches("-?[0-9.]+"));
    Map<String, Color> colors = Charts.roleColors(new ArrayList<>(byMethod.keySet()));
    double yMin = Double.MAX_VALUE;
    double yMax = 0;
    for (Map<String, Column> m : byMethod.values()) {
      for (Column col : m.values()) {
        yMin = Math.min(yMin, col.center());
        yMax = Math.max(yMax, col.center());
      }
    }
    boolean logY = yMin > 0 && yMax / yMin >= 10;
    String title = family + " / " + pairClass + ": " + what + " (geometric mean) vs " + param;
    if (numeric) {
      Map<String, double[][]> series = new LinkedHashMap<>();
      double xMin = Double.MAX_VALUE;
      double xMax = 0;
      for (Map.Entry<String, Map<String, Column>> e : byMethod.entrySet()) {
        List<Map.Entry<String, Column>> pts = new ArrayList<>(e.getValue().entrySet());
        pts.sort(
            (a, b) ->
                Double.compare(Double.parseDouble(a.getKey()), Double.parseDouble(b.getKey())));
        double[] xs = pts.stream().mapToDouble(p -> Double.parseDouble(p.getKey())).toArray();
        double[] ys = pts.stream().mapToDouble(p -> p.getValue().center()).toArray();
        for (double x : xs) {
          xMin = Math.min(xMin, x);
          xMax = Math.max(xMax, x);
        }
        series.put(e.getKey(), new double[][] {xs, ys});
      }
      boolean logX = xMin > 0 && xMax / xMin >= 10;
      XYChart c =
          Charts.lines(
              title,
              param + (logX ? " (log)" : ""),
              unit + (logY ? " (log)" : ""),
              series,
              logX,
              logY,
              colors);
      return Optional.of(Charts.output(c, "sweep of " + pairClass + " over " + param));
    }
    List<String> categories = new ArrayList<>(values);
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Column>> e : byMethod.entrySet()) {
      List<Double> ys = new ArrayList<>();
      for (String v : categories) {
        Column col = e.getValue().get(v);
        ys.add(col == null ? 0.0 : col.center());
      }
      series.put(e.getKey(), ys);
    }
    var c = Charts.bars(title, param, unit, categories, series, false, colors);
    return Optional.of(Charts.output(c, "sweep of " + pairClass + " over " + param));
  }

  /**
   * Returns the coordination share of every parallel variant at every point, read off the run
   * against a serial control (see {@link CoordinationShare}): a Markdown table, with the processors
   * the run had.
   *
   * @param serialMethod the control, e.g. {@code baselineSerial}
   */
  public Output coordinationShare(String serialMethod) {
    double cores = CoordinationShare.cores(run);
    List<CoordinationShare> shares = coordinationShares(serialMethod);
    String head =
        "Coordination share = (parallel − serial / cores) / parallel, with serial = `"
            + serialMethod
            + "` at the same point and cores = "
            + (Double.isNaN(cores)
                ? "unknown (env.json missing)"
                : cores == Math.rint(cores) ? String.valueOf((long) cores) : String.valueOf(cores))
            + " (env.json). The share column uses medians over all iterations of all forks; the"
            + " last column is the fork-level estimate (geometric means of steady iterations)"
            + " with its 95% interval for that point (Welch t over forks, not simultaneous).\n\n";
    return Output.markdown(head + CoordinationShare.markdown(shares));
  }

  /**
   * Returns the coordination share of every parallel variant at every point, with the fork-level
   * estimate and its interval (the claims ledger reads the share claim from these).
   *
   * @param serialMethod the control, e.g. {@code baselineSerial}
   */
  public List<CoordinationShare> coordinationShares(String serialMethod) {
    return CoordinationShare.of(jmh, serialMethod, CoordinationShare.cores(run));
  }

  /**
   * Returns the coordination share of every parallel variant against the swept {@code @Param} as a
   * line chart (in %), one line per variant and value of any other varying parameter.
   *
   * @param serialMethod the control, e.g. {@code baselineSerial}
   */
  public Output coordinationShareChart(String serialMethod) {
    List<CoordinationShare> shares = coordinationShares(serialMethod);
    Map<String, Set<String>> values = new LinkedHashMap<>();
    for (CoordinationShare c : shares) {
      c.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
    }
    String param = null;
    for (Map.Entry<String, Set<String>> e : values.entrySet()) {
      boolean numeric = e.getValue().stream().allMatch(v -> v.matches("-?[0-9.]+"));
      if (numeric
          && e.getValue().size() > 1
          && (param == null || e.getValue().size() > values.get(param).size())) {
        param = e.getKey();
      }
    }
    if (param == null) {
      return Output.markdown("_No numeric parameter sweep to draw the coordination share over._");
    }
    Map<String, List<double[]>> points = new LinkedHashMap<>();
    for (CoordinationShare c : shares) {
      if (Double.isNaN(c.share())) {
        continue;
      }
      StringBuilder name = new StringBuilder(c.method());
      String x = param;
      c.params().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .filter(e -> !e.getKey().equals(x) && values.get(e.getKey()).size() > 1)
          .forEach(e -> name.append(' ').append(e.getKey()).append('=').append(e.getValue()));
      name.append(config(c.config()));
      points
          .computeIfAbsent(name.toString(), k -> new ArrayList<>())
          .add(new double[] {Double.parseDouble(c.params().get(param)), 100 * c.share()});
    }
    if (points.isEmpty()) {
      return Output.markdown("_No coordination share could be computed (cores unknown?)._");
    }
    Map<String, double[][]> series = new LinkedHashMap<>();
    double xMin = Double.MAX_VALUE;
    double xMax = 0;
    for (Map.Entry<String, List<double[]>> e : points.entrySet()) {
      List<double[]> pts = new ArrayList<>(e.getValue());
      pts.sort((a, b) -> Double.compare(a[0], b[0]));
      double[] xs = pts.stream().mapToDouble(a -> a[0]).toArray();
      double[] ys = pts.stream().mapToDouble(a -> a[1]).toArray();
      for (double v : xs) {
        xMin = Math.min(xMin, v);
        xMax = Math.max(xMax, v);
      }
      series.put(e.getKey(), new double[][] {xs, ys});
    }
    boolean logX = xMin > 0 && xMax / xMin >= 10;
    XYChart c =
        Charts.lines(
            family + ": coordination share vs " + param,
            param + (logX ? " (log)" : ""),
            "coordination share of runtime (%)",
            series,
            logX,
            false,
            Charts.roleColors(new ArrayList<>(series.keySet())));
    return Charts.output(c, "coordination share over " + param);
  }

  /**
   * Returns links to the flame graphs (cpu and alloc, forward) of both variants of every profiled
   * pair, relative to the folder the report is written to ({@code $ATLAS_REPORT_DIR}).
   */
  public Output flameGraphs() {
    Path profiles = info.profiles();
    if (!Files.isDirectory(profiles)) {
      return Output.markdown(
          "_No flame graphs for this run (profiled with `--profile none`, or the profiles folder "
              + profiles.getFileName()
              + " is not here)._");
    }
    Path from = AtlasPaths.reportDir();
    StringBuilder md =
        new StringBuilder("| pair | variant | point | flame graphs |\n|:---|:---|:---|:---|\n");
    List<Path> dirs;
    try (Stream<Path> s = Files.list(profiles)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int n = 0;
    for (Path dir : dirs) {
      // <package>.<Class>.<method>-<Mode>-<param>-<value>…
      String id = dir.getFileName().toString();
      int dash = id.indexOf('-');
      String bench = dash < 0 ? id : id.substring(0, dash);
      String point = dash < 0 ? "" : profilePoint(id.substring(dash + 1));
      String method = bench.substring(bench.lastIndexOf('.') + 1);
      String cls = simple(bench.substring(0, Math.max(0, bench.lastIndexOf('.'))));
      List<String> links = new ArrayList<>();
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
          String rel = relative(from, f);
          String name =
              f.getFileName()
                  .toString()
                  .replace("flame-", "")
                  .replace("-forward.html", "")
                  .replace(".html", "");
          links.add("[" + name + "](" + rel + ")");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!links.isEmpty()) {
        md.append("| ")
            .append(cls)
            .append(" | ")
            .append(method)
            .append(" | ")
            .append(point)
            .append(" | ")
            .append(String.join(" · ", links))
            .append(" |\n");
        n++;
      }
    }
    if (n == 0) {
      return Output.markdown("_The profiles folder holds no flame graphs._");
    }
    return Output.markdown(md.toString());
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
   * profiled point (time and B/op), and how the class's comparisons came out.
   */
  public Output verdict() {
    StringBuilder md = new StringBuilder();
    int faster = 0;
    int total = 0;
    List<String> vanish = new ArrayList<>();
    for (String cls : pairClasses()) {
      List<Row> time = rows(cls, TIME);
      if (time.isEmpty()) {
        time = rows(cls, "throughput");
      }
      List<Row> bytes = rows(cls, Metrics.ALLOC);
      Map<Verdict, Integer> counts = new LinkedHashMap<>();
      for (Row r : time) {
        counts.merge(r.deltas().get(0).verdict(), 1, Integer::sum);
        total++;
        if (r.deltas().get(0).verdict() == Verdict.FASTER) {
          faster++;
        } else {
          vanish.add(shortName(r) + " (" + r.deltas().get(0).verdict().label() + ")");
        }
      }
      md.append("- **").append(cls).append("**: ");
      Optional<Row> headline = headline(cls, time);
      if (headline.isPresent()) {
        Row r = headline.get();
        Delta d = r.deltas().get(0);
        md.append(sentence(r, d));
        Optional<Row> b = bytes.stream().filter(x -> x.name().equals(r.name())).findFirst();
        b.ifPresent(x -> md.append("; ").append(bytesSentence(x)));
        md.append(". ");
      }
      md.append("Over its ")
          .append(time.size())
          .append(" time comparison")
          .append(time.size() == 1 ? "" : "s")
          .append(": ");
      List<String> parts = new ArrayList<>();
      counts.forEach((v, k) -> parts.add(k + " " + v.label()));
      md.append(String.join(", ", parts)).append(".\n");
    }
    StringBuilder head = new StringBuilder();
    head.append("**Verdict (from ")
        .append(info.machine())
        .append(", ")
        .append(info.budget().split(" ")[0])
        .append(" budget):** the fix is significantly faster in ")
        .append(faster)
        .append(" of ")
        .append(total)
        .append(" pitfall-vs-fix comparisons");
    if (!vanish.isEmpty()) {
      head.append("; no speed-up in ")
          .append(String.join(", ", vanish))
          .append(" — there the JVM does not show the pitfall (or the budget cannot tell)");
    }
    head.append(".\n\n");
    return Output.markdown(head + md.toString());
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
    Path home = homeOrNull();
    Optional<Path> ref = home == null ? Optional.empty() : ReferenceRuns.load(home).run(family);
    if (ref.isEmpty() || !Files.isDirectory(ref.get())) {
      return Output.markdown(
          "_No reference run of " + family + " is committed yet (results/reference.json)._");
    }
    if (ref.get().toAbsolutePath().normalize().equals(run)) {
      return Output.markdown(
          "_This is the reference run. Run `scripts/atlas run "
              + family
              + "` on your machine: its report compares your ratios with these._");
    }
    FamilyReport reference = load(family, ref.get());
    ReferenceComparison cmp = ReferenceComparison.of(table, reference.table());
    StringBuilder md = new StringBuilder();
    md.append("**This run** (")
        .append(info.machine())
        .append(", ")
        .append(info.stamp())
        .append(") **vs the reference** (")
        .append(reference.info().machine())
        .append(", ")
        .append(reference.info().stamp())
        .append("): the fix/pitfall time ratios agree (95% simultaneous intervals overlap) in ")
        .append(cmp.summary(TIME))
        .append(" rows; B/op ratios in ")
        .append(cmp.summary(Metrics.ALLOC))
        .append(".\n\n");
    if (table.rows().stream()
        .anyMatch(r -> r.columns().get(0).forks() < 2 || r.columns().get(0).n() < 3)) {
      md.append(
          "_This run has one fork (or too few iterations) per point, as the smoke budget does: its"
              + " intervals are degenerate, so a \"differs\" here says little. Compare a quick or"
              + " full run._\n\n");
    }
    md.append("Time:\n\n").append(cmp.markdown(TIME)).append("\n");
    md.append("B/op:\n\n").append(cmp.markdown(Metrics.ALLOC));
    return Output.markdown(md.toString());
  }

  // --- helpers -------------------------------------------------------------------------------

  /** Least-squares slope of log(y) against log(x); NaN with fewer than two usable points. */
  static double logLogSlope(List<double[]> points) {
    List<double[]> logs = new ArrayList<>();
    for (double[] p : points) {
      if (p[0] > 0 && p[1] > 0) {
        logs.add(new double[] {Math.log(p[0]), Math.log(p[1])});
      }
    }
    if (logs.size() < 2) {
      return Double.NaN;
    }
    double mx = logs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = logs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (double[] p : logs) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }

  /** {@code 1m} -> 1048576; plain numbers are bytes. */
  static long parseBytes(String v) {
    String t = v.trim().toLowerCase(Locale.ROOT);
    long unit =
        switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1;
        };
    return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
  }

  private static String binary(long bytes) {
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB (" + String.format(Locale.ROOT, "%,d", bytes) + " B)";
    }
    if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB (" + String.format(Locale.ROOT, "%,d", bytes) + " B)";
    }
    return String.format(Locale.ROOT, "%,d B", bytes);
  }

  /** The values each {@code @Param} takes over the rows, in order of appearance. */
  private static Map<String, Set<String>> paramValues(List<Row> rows) {
    Map<String, Set<String>> values = new LinkedHashMap<>();
    for (Row r : rows) {
      r.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
    }
    return values;
  }

  /**
   * The {@code @Param} a sweep puts on its x axis: the one with the most values (numeric ones first
   * on a tie), or null when the rows have no parameters.
   */
  static String sweptParam(List<Row> rows) {
    String best = null;
    int bestCount = 0;
    boolean bestNumeric = false;
    for (Map.Entry<String, Set<String>> e : paramValues(rows).entrySet()) {
      int n = e.getValue().size();
      boolean numeric = e.getValue().stream().allMatch(v -> v.matches("-?[0-9.]+"));
      if (best == null || n > bestCount || (n == bestCount && numeric && !bestNumeric)) {
        best = e.getKey();
        bestCount = n;
        bestNumeric = numeric;
      }
    }
    return best;
  }

  private Optional<PairSpec> spec(String cls) {
    return suite == null
        ? Optional.empty()
        : suite.pairs().stream().filter(p -> p.className().equals(cls)).findFirst();
  }

  List<Row> rows(String cls, String metric) {
    return table.rows().stream()
        .filter(r -> simple(r.benchmark()).equals(cls) && r.metric().equals(metric))
        .toList();
  }

  /** The row at the suite's profiled point with the largest speedup, else the largest overall. */
  Optional<Row> headline(String cls, List<Row> time) {
    Map<String, String> point = spec(cls).map(PairSpec::profileParams).orElse(Map.of());
    List<Row> candidates = time.stream().filter(r -> r.params().equals(point)).toList();
    if (candidates.isEmpty()) {
      candidates = time;
    }
    return candidates.stream().max((a, b) -> Double.compare(speed(a), speed(b)));
  }

  private static double speed(Row r) {
    double s = r.deltas().get(0).speedup(r.direction());
    return Double.isNaN(s) ? -1 : s;
  }

  static String sentence(Row r, Delta d) {
    String pit = r.columns().get(0).label();
    String fix = r.columns().get(1).label();
    String at =
        r.params().isEmpty() ? "" : " at " + params(r.params()).substring(1).replace('/', ' ');
    double s = d.speedup(r.direction());
    String ci =
        "fix/pitfall "
            + ClaimsLedger.ratio(d.ratio())
            + ", 95% simultaneous CI ["
            + ClaimsLedger.ratio(d.lo())
            + ", "
            + ClaimsLedger.ratio(d.hi())
            + "]";
    return switch (d.verdict()) {
      case FASTER -> fix + " is " + Numbers.times(s) + " faster than " + pit + at + " (" + ci + ")";
      case SLOWER ->
          fix + " is " + Numbers.times(1 / s) + " slower than " + pit + at + " (" + ci + ")";
      case EQUIVALENT -> fix + " and " + pit + " are equivalent" + at + " (" + ci + ", within ±2%)";
      case NO_DIFFERENCE ->
          "no significant difference between " + fix + " and " + pit + at + " (" + ci + ")";
    };
  }

  static String bytesSentence(Row r) {
    Column p = r.columns().get(0);
    Column f = r.columns().get(1);
    Delta d = r.deltas().get(0);
    String figures = Numbers.value(p.center()) + " → " + Numbers.value(f.center()) + " B/op";
    if (d.verdict() == Verdict.FASTER) {
      return f.center() < 1
          ? "it allocates nothing where the pitfall allocates "
              + Numbers.value(p.center())
              + " B/op"
          : "it allocates "
              + Numbers.times(d.speedup(Direction.LOWER_IS_BETTER))
              + " less ("
              + figures
              + ")";
    }
    if (d.verdict() == Verdict.SLOWER) {
      return "it allocates more (" + figures + ")";
    }
    return "allocation is the same (" + figures + ")";
  }

  private Map<String, Column> variants(String metric) {
    Map<String, Column> out = new LinkedHashMap<>();
    for (String cls : pairClasses()) {
      for (Row r : rows(cls, metric)) {
        for (Column col : r.columns()) {
          out.putIfAbsent(cls + "." + col.label() + params(r.params()) + config(r.config()), col);
        }
      }
    }
    return out;
  }

  private Path homeOrNull() {
    try {
      return AtlasPaths.home();
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private static String relative(Path from, Path to) {
    try {
      return from.relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      return to.toUri().toString();
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

  private static Color color(Verdict v) {
    return switch (v) {
      case FASTER -> Charts.FIX;
      case SLOWER -> Charts.SLOWER;
      case EQUIVALENT -> Charts.EQUIVALENT;
      case NO_DIFFERENCE -> Charts.NEUTRAL;
    };
  }

  static String shortName(Row r) {
    String name = r.name();
    return name;
  }

  static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  private static String params(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append('/').append(k).append('=').append(v));
    return sb.toString();
  }

  private static String config(String config) {
    return JmhReader.DEFAULT_CONFIG.equals(config) ? "" : "/config=" + config;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
