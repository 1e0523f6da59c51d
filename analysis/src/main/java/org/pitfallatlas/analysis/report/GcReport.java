package org.pitfallatlas.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pitfallatlas.analysis.compare.CompareException;
import org.pitfallatlas.analysis.compare.ConfigPairs;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;
import org.pitfallatlas.analysis.gclog.GcLogParser;
import org.pitfallatlas.analysis.gclog.GcLogSummary;
import org.pitfallatlas.analysis.latency.LatencyLogs;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.render.Markdown;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.SteadyState;
import org.pitfallatlas.analysis.stats.Verdict;
import org.pitfallatlas.analysis.suite.Suite;

/**
 * A GcReport is what the {@code gc} notebook shows about one run: a family whose pairs are JVM
 * configurations (collector × heap limit, and a container with and without explicit settings)
 * rather than methods. It puts together the {@link ConfigurationMatrix} (throughput, latency
 * percentiles, GC pauses from the GC log, ZGC stalls, peak RSS per configuration), the {@link
 * ConfigPairs} table of the suite's comparisons, the container configurations as the JVM really saw
 * them ({@code containers.json}), charts of the trade-off, and a verdict on the headroom claim and
 * the container trap written from the data.
 *
 * <pre>{@code
 * var gc = GcReport.load();   // $ATLAS_RESULTS, else the reference run
 * gc.matrix().show();
 * gc.throughputVsLatency().show();
 * gc.verdict().show();
 * }</pre>
 *
 * <p>Charts and the verdict are drawn at one parameter point, the suite's profiled point ({@code
 * garbageKiB=64}, where the GC works hardest) unless {@link #at(Map)} picks another; the tables
 * show every point.
 */
public final class GcReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The latency benchmarks: open-loop (since 2026-11-30), and closed-loop in earlier runs. */
  private static final List<String> LATENCY_METHODS =
      List.of("ServiceLatency.openLoop", "ServiceHeap.baselineLatency");

  private static final double[] FACTORS = {1.5, 2.0, 4.0};

  /**
   * A Config is one configuration as the suite declares it, with what the run made of it.
   *
   * @param id the configuration id
   * @param collector the collector the suite names ({@code "ergonomic (expect Serial)"} for the
   *     container trap), else the one the GC log reports
   * @param heapFactor heap limit / live set, NaN when the JVM chooses
   * @param jvmArgs the configuration's flags
   * @param container {@code "1 CPU, 1024 MiB"} or empty
   * @param why the suite's explanation, or empty
   * @param failure why the configuration has no result (run.json), or empty
   */
  public record Config(
      String id,
      String collector,
      double heapFactor,
      List<String> jvmArgs,
      String container,
      String why,
      String failure) {}

  private final FamilyReport base;
  private final Path run;
  private final List<Config> configs;
  private final ConfigurationMatrix matrix;
  private final Map<String, String> point;
  private final JsonNode containers;
  private List<LatencyLogs.Fork> latencyForks;

  /** GC log lines per open-loop fork log, read on first use (several sections read them). */
  private final Map<Path, List<String>> gcLines = new java.util.HashMap<>();

  private GcReport(
      FamilyReport base,
      List<Config> configs,
      ConfigurationMatrix matrix,
      Map<String, String> point,
      JsonNode containers) {
    this.base = base;
    this.run = base.run();
    this.configs = configs;
    this.matrix = matrix;
    this.point = point;
    this.containers = containers;
  }

  /** Loads the run the gc notebook reads: {@code $ATLAS_RESULTS}, else the reference run. */
  public static GcReport load() {
    return load(AtlasPaths.resultsFor("gc"));
  }

  /**
   * Loads a run folder of the gc family.
   *
   * @param runDir the run folder ({@code results.json}, {@code gc/<config>/*.log}, {@code
   *     containers.json}, {@code run.json})
   * @return the report
   * @throws org.pitfallatlas.analysis.jmh.JmhInputException if the results cannot be read
   */
  public static GcReport load(Path runDir) {
    FamilyReport base = FamilyReport.load("gc", runDir);
    Path run = base.run();
    JsonNode runJson = tree(run.resolve("run.json"));
    Map<String, String> failures = new LinkedHashMap<>();
    for (JsonNode f : runJson.path("failures")) {
      failures.merge(
          f.path("config").asText(),
          f.path("benchmark").asText() + ": " + f.path("reason").asText(),
          (a, b) -> a);
    }
    JsonNode suite = suiteJson();
    List<String> ids = new ArrayList<>();
    for (JsonNode c : suite.path("configurations")) {
      ids.add(c.path("id").asText());
    }
    base.results().results().stream()
        .map(r -> r.config())
        .filter(c -> !ids.contains(c))
        .distinct()
        .forEach(ids::add);
    ConfigurationMatrix matrix = ConfigurationMatrix.of(run, ids, b -> everywhere(base, b));
    Map<String, String> point = headlinePoint(base, matrix);
    double liveSet = suite.path("liveSetMiB").asDouble(Double.NaN);
    if (Double.isNaN(liveSet) && point.containsKey("liveSetMiB")) {
      liveSet = Double.parseDouble(point.get("liveSetMiB"));
    }
    List<Config> configs = new ArrayList<>();
    for (String id : ids) {
      JsonNode c = node(suite, id);
      Optional<Cell> cell = cellOf(matrix, id, point);
      GcLogSummary gc = cell.map(Cell::gc).orElse(null);
      String collector =
          c.hasNonNull("collector")
              ? c.get("collector").asText()
              : gc == null ? "?" : gc.collector();
      double factor =
          c.hasNonNull("heapFactor")
              ? c.get("heapFactor").asDouble()
              : gc != null && gc.heapMaxMiB() > 0 && liveSet > 0
                  ? gc.heapMaxMiB() / liveSet
                  : Double.NaN;
      List<String> args = new ArrayList<>();
      c.path("jvmArgs").forEach(a -> args.add(a.asText()));
      String container =
          c.path("container").isObject()
              ? c.at("/container/cpus").asInt()
                  + " CPU"
                  + (c.at("/container/cpus").asInt() == 1 ? "" : "s")
                  + ", "
                  + c.at("/container/memoryMiB").asLong()
                  + " MiB"
              : "";
      boolean missing = cell.map(Cell::missing).orElse(true);
      String failure =
          failures.getOrDefault(id, missing ? "no result (not run, or lost; see run.json)" : "");
      configs.add(
          new Config(id, collector, factor, args, container, c.path("why").asText(""), failure));
    }
    return new GcReport(base, configs, matrix, point, tree(run.resolve("containers.json")));
  }

  /**
   * Returns the same report with charts and the verdict drawn at another parameter point, e.g.
   * {@code Map.of("garbageKiB", "4", "liveSetMiB", "128")}.
   *
   * @throws IllegalArgumentException if the run has no such point
   */
  public GcReport at(Map<String, String> params) {
    if (matrix.cells().stream().noneMatch(c -> c.params().equals(params))) {
      throw new IllegalArgumentException("the run has no point " + params + "; it has " + points());
    }
    return new GcReport(base, configs, matrix, Map.copyOf(params), containers);
  }

  /** Returns the parameter points of the run. */
  public List<Map<String, String>> points() {
    Set<Map<String, String>> out = new LinkedHashSet<>();
    matrix.cells().forEach(c -> out.add(c.params()));
    return List.copyOf(out);
  }

  /** Returns the point the charts and the verdict are drawn at. */
  public Map<String, String> point() {
    return point;
  }

  /** Returns the configurations, in suite order. */
  public List<Config> configs() {
    return configs;
  }

  /** Returns the configuration matrix. */
  public ConfigurationMatrix configurationMatrix() {
    return matrix;
  }

  /** Returns the family report this one builds on (provenance, the pairs table, the reference). */
  public FamilyReport family() {
    return base;
  }

  /** Returns the family's verdicts in three sentences (see {@link FamilyReport#inBrief()}). */
  public Output inBrief() {
    return base.inBrief();
  }

  /** Returns the run's provenance: folder, machine, JDK, budget. */
  public Output header() {
    return base.header();
  }

  // --- tables --------------------------------------------------------------------------------

  /** Returns the configurations as declared: collector, heap limit, flags, container, status. */
  public Output configurations() {
    StringBuilder md =
        new StringBuilder(
            "| configuration | collector | heap (× live set) | JVM flags | container | result |\n"
                + "|:---|:---|---:|:---|:---|:---|\n");
    for (Config c : configs) {
      md.append("| ")
          .append(c.id())
          .append(" | ")
          .append(c.collector())
          .append(" | ")
          .append(Double.isNaN(c.heapFactor()) ? "ergonomic" : factor(c.heapFactor()))
          .append(" | `")
          .append(c.jvmArgs().isEmpty() ? "(none)" : String.join(" ", c.jvmArgs()))
          .append("` | ")
          .append(c.container().isEmpty() ? "—" : c.container())
          .append(" | ")
          .append(
              c.failure().isEmpty()
                  ? "measured"
                  : "**does not fit** — " + ClaimsLedger.cell(c.failure()))
          .append(" |\n");
    }
    return Output.markdown(md.toString());
  }

  /**
   * Returns the configuration matrix (every point): throughput, latency percentiles, GC pauses from
   * the GC log, ZGC stalls, GC CPU share, allocation rate and peak RSS per configuration.
   */
  public Output matrix() {
    StringBuilder md = new StringBuilder(matrix.toMarkdown());
    List<Config> failed = configs.stream().filter(c -> !c.failure().isEmpty()).toList();
    if (!failed.isEmpty()) {
      md.append("Does not fit:\n\n");
      failed.forEach(
          c -> md.append("- `").append(c.id()).append("`: ").append(c.failure()).append('\n'));
    }
    return Output.markdown(md.toString());
  }

  /**
   * Returns the suite's comparisons (pitfall configuration vs fix configuration) through the
   * statistics engine: the same table as the run's {@code summary.md}.
   */
  public Output configPairs() {
    StringBuilder md = new StringBuilder(Markdown.render(base.table()));
    // Comparisons with a side that has no result are table warnings, not rows: say which.
    base.table().warnings().forEach(w -> md.append("- ⚠ ").append(w.describe()).append('\n'));
    return Output.markdown(md.toString());
  }

  /**
   * Returns the open-loop latency of every configuration at every load: the offered rate (the same
   * for every configuration at a load), p50/p99/p99.9/max of every measured request of every fork
   * merged into one histogram, the p99 interval over forks (95%, Student t on the fork values'
   * logarithms), the stall meter's p99 and max, and from the same forks' GC logs the share of the
   * measurement windows spent in pauses and the longest pause. "Consistent" checks the tail against
   * the log: a pause stops the service thread, so a request due during the longest pause waits for
   * it; the max latency must reach that pause minus one arrival interval. A saturated configuration
   * (a window left requests unserved) shows as saturated, without latencies.
   */
  public Output openLoop() {
    List<LatencySummary> all;
    try {
      all = LatencySummary.of(latencyForks());
    } catch (java.io.IOException e) {
      return Output.markdown("_Cannot read the latency logs: " + e.getMessage() + "_");
    }
    if (all.isEmpty()) {
      return Output.markdown(
          "_No latency logs in this run: it predates the open-loop generator (its latency rows come"
              + " from JMH's closed-loop SampleTime mode, which hides GC pauses; see the notes)._");
    }
    Map<String, GcLogSummary> pauses = new LinkedHashMap<>();
    for (Cell c : matrix.cells()) {
      if (c.gc() != null) {
        pauses.put(c.config() + " " + c.params(), c.gc());
      }
    }
    StringBuilder md = new StringBuilder();
    Map<Map<String, String>, List<LatencySummary>> byPoint = new LinkedHashMap<>();
    all.forEach(l -> byPoint.computeIfAbsent(l.point(), k -> new ArrayList<>()).add(l));
    for (var e : byPoint.entrySet()) {
      LatencySummary first = e.getValue().get(0);
      md.append("**")
          .append(e.getKey())
          .append("**: ")
          .append(String.format(Locale.ROOT, "%,.0f", first.rate()))
          .append(" requests/s offered to every configuration\n\n")
          .append(
              "| configuration | forks | requests | p50 ms | p99 ms [95% CI over forks] | p99.9 ms"
                  + " | max ms | stall p99 / max ms | GC pauses: share of window, longest ms |"
                  + " consistent | p99 per iteration, per fork |\n")
          .append("|:---|---:|---:|---:|---:|---:|---:|---:|---:|:---|:---|\n");
      for (LatencySummary l : e.getValue()) {
        GcLogSummary g = pauses.get(l.config() + " " + l.point());
        String gcCell =
            g == null || g.wallSeconds() <= 0
                ? "—"
                : String.format(
                    Locale.ROOT,
                    "%.1f%%, %s",
                    100 * g.totalPauseMillis() / (g.wallSeconds() * 1000),
                    Numbers.value(g.pauseMax()));
        md.append("| `").append(l.config()).append("` | ").append(l.forks()).append(" | ");
        if (l.saturated()) {
          md.append(String.format(Locale.ROOT, "%,d of %,d served", l.served(), l.scheduled()))
              .append(" | **saturated**: it cannot keep up at this rate (")
              .append(l.saturatedForks())
              .append(" of ")
              .append(l.forks())
              .append(" forks) | | | | | ")
              .append(gcCell)
              .append(" | | |\n");
          continue;
        }
        double[] ci = l.forkInterval(99, 0.95);
        double longest = g == null ? Double.NaN : g.pauseMax();
        double period = 1000.0 / l.rate();
        String consistent =
            Double.isNaN(longest) || longest <= 0
                ? "—"
                : l.millis(100) >= longest - period
                    ? "yes"
                    : "**no**: max " + Numbers.value(l.millis(100)) + " < longest pause";
        md.append(String.format(Locale.ROOT, "%,d", l.served()))
            .append(" | ")
            .append(Numbers.value(l.millis(50)))
            .append(" | ")
            .append(Numbers.value(l.millis(99)))
            .append(
                l.forks() < 2
                    ? " (1 fork)"
                    : " [" + Numbers.value(ci[0]) + ", " + Numbers.value(ci[1]) + "]")
            .append(" | ")
            .append(Numbers.value(l.millis(99.9)))
            .append(" | ")
            .append(Numbers.value(l.millis(100)))
            .append(" | ")
            .append(Numbers.value(l.stallMillis(99)))
            .append(" / ")
            .append(Numbers.value(l.stallMillis(100)))
            .append(" | ")
            .append(gcCell)
            .append(" | ")
            .append(consistent)
            .append(" | ")
            .append(steadiness(l))
            .append(" |\n");
      }
      md.append('\n');
    }
    return Output.markdown(md.toString());
  }

  /**
   * Returns what the container configurations really got ({@code containers.json}): a real cgroup
   * (v1 or v2) or emulated flags, and the collector and heap the JVM picked inside — checked by the
   * runner before the run with {@code java -version}, and by the benchmark forks' own GC logs.
   */
  public Output containers() {
    if (containers.isMissingNode() || !containers.isObject() || containers.isEmpty()) {
      return Output.markdown(
          "_No containers.json in this run: its container configurations were not run, or the run"
              + " predates container limits._");
    }
    StringBuilder md =
        new StringBuilder(
            "| configuration | limit | applied as | the JVM saw | it picked (java -version) |"
                + " the forks' GC log | limit took effect |\n"
                + "|:---|:---|:---|:---|:---|:---|:---|\n");
    containers
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode c = e.getValue();
              JsonNode v = c.path("jvmView");
              Optional<Cell> cell = cellOf(matrix, e.getKey(), point);
              GcLogSummary gc = cell.map(Cell::gc).orElse(null);
              String mode = c.path("mode").asText("?");
              if (mode.equals("emulated")) {
                mode +=
                    " (-XX:ActiveProcessorCount, -XX:MaxRAM: nothing enforces the limit; "
                        + ClaimsLedger.cell(c.path("fallbackReason").asText(""))
                        + ")";
              }
              md.append("| ")
                  .append(e.getKey())
                  .append(" | ")
                  .append(c.path("cpus").asInt())
                  .append(" CPU, ")
                  .append(c.path("memoryMiB").asLong())
                  .append(" MiB | ")
                  .append(mode)
                  .append(" | ")
                  .append(v.path("cpusAvailable").asInt())
                  .append(" CPU, ")
                  .append(v.path("memoryMiB").asLong())
                  .append(" MiB")
                  .append(
                      v.path("containerized").asBoolean()
                          ? " (" + v.path("containerProvider").asText() + ")"
                          : " (not containerized)")
                  .append(" | ")
                  .append(v.path("collector").asText("?"))
                  .append(", heap ")
                  .append(v.path("heapMaxMiB").asLong())
                  .append(" MiB (")
                  .append(
                      Numbers.percent(
                          v.path("heapMaxMiB").asDouble() / c.path("memoryMiB").asDouble(1)))
                  .append(" of the limit) | ")
                  .append(
                      gc == null
                          ? "no log"
                          : gc.collector()
                              + ", heap "
                              + gc.heapMaxMiB()
                              + " MiB, "
                              + gc.cpusAvailable()
                              + " CPU")
                  .append(" | ")
                  .append(c.path("tookEffect").asBoolean() ? "yes" : "**no**")
                  .append(" |\n");
            });
    return Output.markdown(md.toString());
  }

  /**
   * Returns the gc rows of the claims ledger ({@code benchmarks/claims.json}) evaluated against
   * this run: the same rules as the overview's ledger, which reads the reference run.
   */
  public Output claims() {
    ClaimsLedger ledger;
    try {
      ledger = ClaimsLedger.load(AtlasPaths.home());
    } catch (RuntimeException e) {
      return Output.markdown("_No checkout here, so no claims ledger: " + e.getMessage() + "_");
    }
    List<ClaimsLedger.Entry> entries =
        ledger.claims("gc").stream()
            .map(c -> ClaimsLedger.evaluate(c, Optional.of(base.table())))
            .toList();
    return Output.markdown(ClaimsLedger.markdown(entries));
  }

  // --- charts --------------------------------------------------------------------------------

  /**
   * Returns throughput against p99 latency, one labelled point per configuration, one colour per
   * collector: down and to the right is better.
   */
  public Output throughputVsLatency() {
    XYChart c = new XYChart(Charts.WIDTH + 120, Charts.HEIGHT);
    Charts.style(
        c, "gc: throughput vs p99 latency at " + pointLabel(), "throughput (ops/s)", "p99 (log)");
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setMarkerSize(10);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    Map<String, List<Cell>> byCollector = new LinkedHashMap<>();
    String unit = "";
    for (Cell cell : measured()) {
      if (Double.isNaN(cell.throughput()) || !(cell.p99() > 0)) {
        continue;
      }
      byCollector.computeIfAbsent(collectorOf(cell), k -> new ArrayList<>()).add(cell);
      unit = cell.latencyUnit();
    }
    if (byCollector.isEmpty()) {
      return Output.markdown("_No configuration has both throughput and latency at this point._");
    }
    c.setYAxisTitle("p99 latency, " + unit + " (log)");
    for (Map.Entry<String, List<Cell>> e : byCollector.entrySet()) {
      double[] xs = e.getValue().stream().mapToDouble(Cell::throughput).toArray();
      double[] ys = e.getValue().stream().mapToDouble(Cell::p99).toArray();
      XYSeries s = c.addSeries(e.getKey(), xs, ys);
      Color color = collectorColor(e.getKey());
      s.setMarkerColor(color);
      s.setMarker(SeriesMarkers.CIRCLE);
      for (Cell cell : e.getValue()) {
        AnnotationText t =
            new AnnotationText(cell.config(), cell.throughput(), cell.p99() * 1.18, false);
        c.addAnnotation(t);
      }
    }
    c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    c.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
    return Charts.output(c, "throughput vs p99 per configuration");
  }

  /**
   * Returns the open-loop percentile curve at the headline point: latency against percentile, one
   * line per configuration, on HdrHistogram's axis (x = 1 / (1 - percentile), log: 90%, 99%, 99.9%
   * evenly spaced), from every measured request of every fork. Saturated configurations are left
   * out (named in the title's note).
   */
  public Output percentileCurves() {
    List<LatencySummary> all;
    try {
      all = LatencySummary.of(latencyForks());
    } catch (java.io.IOException e) {
      return Output.markdown("_Cannot read the latency logs: " + e.getMessage() + "_");
    }
    List<LatencySummary> here =
        all.stream().filter(l -> l.point().equals(point) && !l.saturated()).toList();
    if (here.isEmpty()) {
      return Output.markdown("_No open-loop latency at " + pointLabel() + "._");
    }
    XYChart c = new XYChart(Charts.WIDTH + 160, Charts.HEIGHT);
    Charts.style(
        c,
        "gc: open-loop latency by percentile at " + pointLabel(),
        "percentile (1 / (1 - p), log): 10 = p90, 100 = p99, 1000 = p99.9",
        "latency, ms (log)");
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setMarkerSize(0);
    for (LatencySummary l : here) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (double q : new double[] {50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99}) {
        double v = l.millis(q);
        if (v > 0) {
          xs.add(1 / (1 - q / 100));
          ys.add(v);
        }
      }
      if (xs.size() >= 2) {
        XYSeries sr = c.addSeries(l.config(), xs, ys);
        sr.setLineColor(collectorColor(collectorOfConfig(l.config())));
      }
    }
    return Charts.output(c, "open-loop latency percentile curves per configuration");
  }

  /**
   * Returns one fork's windows on one time axis: for a representative fork (the profiled
   * configuration at the headline point, its first fork), every window of arrivals — warm-up and
   * measured — with its latency p99 and max, the stall meter's max, and the GC pauses that its GC
   * log stamps inside the same window (count, longest, total). Both logs use the JVM's up-time, so
   * a window with a long pause should show a max latency about as long.
   */
  public Output timeline() {
    String config =
        configs.stream()
            .map(Config::id)
            .filter(id -> id.equals("g1-2x"))
            .findFirst()
            .orElse(configs.isEmpty() ? "" : configs.get(0).id());
    List<LatencyLogs.Fork> forks;
    try {
      forks = latencyForks();
    } catch (java.io.IOException e) {
      return Output.markdown("_Cannot read the latency logs: " + e.getMessage() + "_");
    }
    Optional<LatencyLogs.Fork> fork =
        forks.stream()
            .filter(f -> f.config().equals(config) && f.point().equals(point))
            .findFirst();
    if (fork.isEmpty()) {
      return Output.markdown("_No open-loop fork of " + config + " at " + pointLabel() + "._");
    }
    String name = fork.get().file().getFileName().toString().replaceAll("\\.hlog$", "");
    List<String> lines = gcLines(fork.get());
    if (lines.isEmpty()) {
      return Output.markdown("_No GC log for " + name + " in " + run.resolve("gc") + "._");
    }
    StringBuilder md =
        new StringBuilder(
            "`"
                + config
                + "`, "
                + pointLabel()
                + ", fork `"
                + name
                + "` (JVM up-time in seconds; latencies and pauses in ms)\n\n"
                + "| window (s) | kind | requests | latency p99 | latency max | stall max |"
                + " GC pauses in the window | longest pause | paused |\n"
                + "|:---|:---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (LatencyLogs.Iteration i : fork.get().iterations()) {
      GcLogSummary g = GcLogParser.parse(lines, i.startSeconds(), i.endSeconds());
      md.append(String.format(Locale.ROOT, "| %.2f–%.2f | ", i.startSeconds(), i.endSeconds()))
          .append(i.warmup() ? "warm-up" : i.burst() ? "**burst**" : "measured")
          .append(" | ")
          .append(i.served())
          .append(" | ")
          .append(num(i.latency().getValueAtPercentile(99) / 1e6))
          .append(" | ")
          .append(num(i.latency().getMaxValue() / 1e6))
          .append(" | ")
          .append(num(i.stall().getMaxValue() / 1e6))
          .append(" | ")
          .append(g.pauseCount())
          .append(" | ")
          .append(g.pauseCount() == 0 ? "—" : num(g.pauseMax()))
          .append(" | ")
          .append(num(g.totalPauseMillis()))
          .append(" |\n");
    }
    return Output.markdown(md.toString());
  }

  /** The latency logs of the classes that run in every configuration. */
  private List<LatencyLogs.Fork> latencyForks() throws java.io.IOException {
    return allLatencyForks().stream().filter(f -> everywhere(base, f.benchmark())).toList();
  }

  /** The latency logs of one class (simple name). */
  private List<LatencyLogs.Fork> latencyForks(String className) throws java.io.IOException {
    return allLatencyForks().stream()
        .filter(f -> Suite.classOf(f.benchmark()).equals(className))
        .toList();
  }

  /** The run's open-loop fork logs, read on first use and kept (several sections read them). */
  private List<LatencyLogs.Fork> allLatencyForks() throws java.io.IOException {
    if (latencyForks == null) {
      latencyForks = LatencyLogs.read(run);
    }
    return latencyForks;
  }

  /**
   * A fork's GC log lines (the log beside its latency log, gzipped or not), or empty if it has none
   * or it cannot be read; read once per fork.
   */
  private List<String> gcLines(LatencyLogs.Fork fork) {
    return gcLines.computeIfAbsent(fork.file(), k -> readGcLines(fork));
  }

  private List<String> readGcLines(LatencyLogs.Fork fork) {
    String name = fork.file().getFileName().toString().replaceAll("\\.hlog$", "");
    Path dir = run.resolve("gc").resolve(fork.config());
    Path log = dir.resolve(name + ".log.gz");
    if (!Files.isRegularFile(log)) {
      log = dir.resolve(name + ".log");
    }
    try {
      return Files.isRegularFile(log) ? readMaybeGzipped(log) : List.of();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  /** GC pauses inside some windows of some forks: {count, total ms, longest ms, window seconds}. */
  private double[] pausesIn(
      List<LatencyLogs.Fork> forks,
      java.util.function.Function<LatencyLogs.Fork, List<LatencyLogs.Iteration>> windows) {
    double count = 0;
    double total = 0;
    double longest = 0;
    double seconds = 0;
    for (LatencyLogs.Fork f : forks) {
      List<String> lines = gcLines(f);
      if (lines.isEmpty()) {
        return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
      }
      for (LatencyLogs.Iteration i : windows.apply(f)) {
        GcLogSummary g = GcLogParser.parse(lines, i.startSeconds(), i.endSeconds());
        count += g.pauseCount();
        total += g.totalPauseMillis();
        longest = Math.max(longest, g.pauseCount() == 0 ? 0 : g.pauseMax());
        seconds += i.endSeconds() - i.startSeconds();
      }
    }
    return new double[] {count, total, longest, seconds};
  }

  private static String pauseCell(double[] p) {
    if (Double.isNaN(p[0])) {
      return "—";
    }
    return String.format(
        Locale.ROOT,
        "%.0f, %.1f%%, %s",
        p[0],
        p[3] > 0 ? 100 * p[1] / (p[3] * 1000) : 0.0,
        p[0] == 0 ? "—" : num(p[2]));
  }

  /**
   * The allocation claim with the work held constant (AllocationLatency): per configuration it ran
   * in, the same request with its buffers allocated per request (pitfall) and reused (fix), at one
   * offered rate — the merged percentiles, the p99 interval over forks, the GC pauses inside the
   * measured windows (count, share of the windows, longest) — and the engine's verdict on the p99
   * ratio (the row of the pitfall-vs-fix table, corrected with the other p99 rows).
   */
  public Output allocationPair() {
    List<LatencyLogs.Fork> pairForks;
    try {
      pairForks = latencyForks("AllocationLatency");
    } catch (java.io.IOException e) {
      return Output.markdown("_Cannot read the latency logs: " + e.getMessage() + "_");
    }
    List<LatencySummary> all = LatencySummary.of(pairForks);
    if (all.isEmpty()) {
      return Output.markdown(
          "_No AllocationLatency in this run (the constant-work allocation pair was added after"
              + " it)._");
    }
    StringBuilder md =
        new StringBuilder(
            "| configuration | point | variant | requests/s | p50 ms | p99 ms [95% CI over forks] |"
                + " p99.9 ms | max ms | GC pauses in the windows: count, share, longest ms |\n"
                + "|:---|:---|:---|---:|---:|---:|---:|---:|---:|\n");
    for (LatencySummary l : all) {
      String variant = l.benchmark().substring(l.benchmark().lastIndexOf('.') + 1);
      List<LatencyLogs.Fork> forks =
          pairForks.stream()
              .filter(
                  f ->
                      f.benchmark().equals(l.benchmark())
                          && f.config().equals(l.config())
                          && f.point().equals(l.point()))
              .toList();
      md.append("| `")
          .append(l.config())
          .append("` | ")
          .append(l.point().getOrDefault("load", ""))
          .append(" load | ")
          .append(variant)
          .append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f", l.rate()))
          .append(" | ");
      if (l.saturated()) {
        md.append("**saturated** | | | | ")
            .append(pauseCell(pausesIn(forks, LatencyLogs.Fork::measured)))
            .append(" |\n");
        continue;
      }
      double[] ci = l.forkInterval(99, 0.95);
      md.append(Numbers.value(l.millis(50)))
          .append(" | ")
          .append(Numbers.value(l.millis(99)))
          .append(
              l.forks() < 2
                  ? " (1 fork)"
                  : " [" + Numbers.value(ci[0]) + ", " + Numbers.value(ci[1]) + "]")
          .append(" | ")
          .append(Numbers.value(l.millis(99.9)))
          .append(" | ")
          .append(Numbers.value(l.millis(100)))
          .append(" | ")
          .append(pauseCell(pausesIn(forks, LatencyLogs.Fork::measured)))
          .append(" |\n");
    }
    md.append("\n");
    List<org.pitfallatlas.analysis.compare.Row> rows =
        base.table().rows().stream()
            .filter(r -> r.benchmark().endsWith("AllocationLatency"))
            .filter(
                r -> org.pitfallatlas.analysis.latency.OpenLoopResults.ORDER.contains(r.metric()))
            .toList();
    if (!rows.isEmpty()) {
      md.append("| configuration | metric | fix/pitfall [95% simult. CI] | p (Bonf.) | verdict |\n")
          .append("|:---|:---|---:|---:|:---|\n");
      for (var r : rows) {
        var d = r.deltas().get(0);
        md.append("| `")
            .append(r.config())
            .append("` | ")
            .append(r.metric())
            .append(" | ")
            .append(Numbers.value(d.ratio()))
            .append(" [")
            .append(Numbers.value(d.lo()))
            .append(", ")
            .append(Numbers.value(d.hi()))
            .append("] | ")
            .append(
                Double.isNaN(d.pAdjusted())
                    ? "—"
                    : d.pAdjusted() < 0.001
                        ? "<0.001"
                        : String.format(Locale.ROOT, "%.3f", d.pAdjusted()))
            .append(" | ")
            .append(d.verdict().label())
            .append(" |\n");
      }
      md.append(
          "\n_The ratio is the fixes' geometric mean over forks divided by the pitfalls' (below 1:"
              + " the reused buffers have the lower latency); the interval and p are corrected"
              + " together with every other row of the same metric in the pitfall-vs-fix table._\n");
    }
    return Output.markdown(md.toString());
  }

  /**
   * Bursty allocation (BurstLatency): per configuration it ran in, the latency of the steady
   * windows (including the recovery after the burst) beside the burst window's — in which every
   * request allocates burstFactor times more — with the GC pauses inside each. A configuration
   * whose burst left requests unserved shows as saturated.
   */
  public Output burst() {
    List<LatencyLogs.Fork> forks;
    try {
      forks = latencyForks("BurstLatency");
    } catch (java.io.IOException e) {
      return Output.markdown("_Cannot read the latency logs: " + e.getMessage() + "_");
    }
    List<LatencySummary> all = LatencySummary.of(forks);
    if (all.isEmpty()) {
      return Output.markdown(
          "_No BurstLatency in this run (the bursty-allocation load was added after it)._");
    }
    StringBuilder md =
        new StringBuilder(
            "| configuration | requests/s | windows | p99 ms [95% CI over forks] | p99.9 ms | max ms"
                + " | stall max ms | GC pauses: count, share, longest ms |\n"
                + "|:---|---:|:---|---:|---:|---:|---:|---:|\n");
    for (LatencySummary l : all) {
      List<LatencyLogs.Fork> mine =
          forks.stream()
              .filter(f -> f.config().equals(l.config()) && f.point().equals(l.point()))
              .toList();
      String rate = String.format(Locale.ROOT, "%,.0f", l.rate());
      long servedBurst = 0;
      long scheduledBurst = 0;
      double stallBurst = 0;
      for (LatencyLogs.Fork f : mine) {
        for (LatencyLogs.Iteration i : f.bursts()) {
          servedBurst += i.served();
          scheduledBurst += i.scheduled();
          stallBurst = Math.max(stallBurst, i.stall().getMaxValue() / 1e6);
        }
      }
      double[] steadyCi = l.forkInterval(99, 0.95);
      md.append("| `")
          .append(l.config())
          .append("` | ")
          .append(rate)
          .append(" | steady (")
          .append(mine.isEmpty() ? 0 : mine.get(0).steady().size())
          .append(" per fork) | ")
          .append(Numbers.value(l.millis(99)))
          .append(
              l.forks() < 2
                  ? " (1 fork)"
                  : " [" + Numbers.value(steadyCi[0]) + ", " + Numbers.value(steadyCi[1]) + "]")
          .append(" | ")
          .append(Numbers.value(l.millis(99.9)))
          .append(" | ")
          .append(Numbers.value(l.millis(100)))
          .append(" | ")
          .append(Numbers.value(l.stallMillis(100)))
          .append(" | ")
          .append(pauseCell(pausesIn(mine, LatencyLogs.Fork::steady)))
          .append(" |\n");
      md.append("| `")
          .append(l.config())
          .append("` | ")
          .append(rate)
          .append(" | **burst** (")
          .append(l.point().getOrDefault("burstFactor", "?"))
          .append("× garbage) | ");
      if (!l.hasBurst()) {
        md.append("no burst window in this run (fewer than 2 measured windows) | | | | |\n");
        continue;
      }
      if (servedBurst < scheduledBurst) {
        md.append(
                String.format(
                    Locale.ROOT, "**saturated**: %,d of %,d served |", servedBurst, scheduledBurst))
            .append(" | | ")
            .append(Numbers.value(stallBurst))
            .append(" | ")
            .append(pauseCell(pausesIn(mine, LatencyLogs.Fork::bursts)))
            .append(" |\n");
        continue;
      }
      double[] b = l.forkBurstMillis(99);
      double[] bci =
          org.pitfallatlas.analysis.stats.ForkRatio.withConfidence(0.95)
              .meanInterval(java.util.Arrays.stream(b).map(Math::log).toArray());
      md.append(Numbers.value(l.burstMillis(99)))
          .append(
              b.length < 2
                  ? " (1 fork)"
                  : " ["
                      + Numbers.value(Math.exp(bci[0]))
                      + ", "
                      + Numbers.value(Math.exp(bci[1]))
                      + "]")
          .append(" | ")
          .append(Numbers.value(l.burstMillis(99.9)))
          .append(" | ")
          .append(Numbers.value(l.burstMillis(100)))
          .append(" | ")
          .append(Numbers.value(stallBurst))
          .append(" | ")
          .append(pauseCell(pausesIn(mine, LatencyLogs.Fork::bursts)))
          .append(" |\n");
    }
    md.append(
        "\n_Steady windows: every measured window but the burst, so the recovery after it counts"
            + " here; the burst window's requests each allocate burstFactor × garbageKiB. A"
            + " saturated burst left requests unserved at the end of its grace period: the"
            + " configuration could not absorb the burst at this rate on this machine._\n");
    return Output.markdown(md.toString());
  }

  /**
   * True when the benchmark's class runs in every configuration (the configuration matrix and
   * comparisons cover only those; AllocationLatency and BurstLatency have sections of their own).
   */
  private static boolean everywhere(FamilyReport base, String benchmark) {
    return base.suite().map(s -> s.runsEverywhere(Suite.classOf(benchmark))).orElse(true);
  }

  private static List<String> readMaybeGzipped(Path file) throws java.io.IOException {
    if (!file.toString().endsWith(".gz")) {
      return Files.readAllLines(file);
    }
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .lines()
          .toList();
    }
  }

  /**
   * The steady-state check of an open-loop point: each fork's p99 per measurement iteration,
   * classified as the atlas classifies any fork ({@link SteadyState}), counted by kind — "3 flat",
   * or "2 flat, 1 warm-up" when a fork's tail was still falling (a warm-up too short). A tail
   * percentile per short window is noisy by nature (a window with a pause and one without), so this
   * flags trends, not noise.
   */
  static String steadiness(LatencySummary l) {
    Map<String, Integer> kinds = new java.util.TreeMap<>();
    for (double[] series : l.forkIterationP99()) {
      SteadyState.Result r =
          Options.DEFAULT_STEADY_STATE.apply(series.clone(), Direction.LOWER_IS_BETTER);
      kinds.merge(r.kind().label(), 1, Integer::sum);
    }
    return kinds.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private String collectorOfConfig(String id) {
    return matrix.cells().stream()
        .filter(cell -> cell.config().equals(id))
        .findFirst()
        .map(this::collectorOf)
        .orElse("?");
  }

  /** Returns p99, p99.9 and max latency per configuration (bars, log scale). */
  public Output latency() {
    Map<String, ToDoubleFunction<Cell>> series = new LinkedHashMap<>();
    series.put("p99", Cell::p99);
    series.put("p99.9", Cell::p999);
    series.put("max", Cell::max);
    String unit = measured().stream().map(Cell::latencyUnit).findFirst().orElse("");
    return bars(
        "gc: tail latency per configuration at " + pointLabel(),
        "latency, " + unit + " (log)",
        series,
        true,
        Map.of(
            "p99", new Color(0x5DADE2), "p99.9", new Color(0x2874A6), "max", new Color(0x1B2631)),
        "tail latency per configuration");
  }

  /**
   * Returns the GC pause distribution per configuration from the GC logs: pause p50, p99 and max
   * (bars, log scale), the pause count in each label, and ZGC's longest allocation stall.
   */
  public Output pauses() {
    Map<String, ToDoubleFunction<Cell>> series = new LinkedHashMap<>();
    series.put("pause p50", c -> c.gc() == null ? Double.NaN : c.gc().pauseP50());
    series.put("pause p99", c -> c.gc() == null ? Double.NaN : c.gc().pauseP99());
    series.put("pause max", c -> c.gc() == null ? Double.NaN : c.gc().pauseMax());
    series.put(
        "longest allocation stall (ZGC)",
        c -> c.gc() == null ? Double.NaN : c.gc().allocationStallMax());
    return bars(
        "gc: GC pauses per configuration (GC log) at " + pointLabel(),
        "ms (log)",
        series,
        true,
        Map.of(
            "pause p50", new Color(0xF5B041),
            "pause p99", new Color(0xCA6F1E),
            "pause max", new Color(0x784212),
            "longest allocation stall (ZGC)", new Color(0xC0392B)),
        "GC pause distribution per configuration",
        c ->
            c.gc() == null
                ? ""
                : " ("
                    + c.gc().pauseCount()
                    + (c.gc().allocationStallCount() > 0
                        ? ", " + c.gc().allocationStallCount() + " st."
                        : "")
                    + ")");
  }

  /** Returns the peak RSS of the benchmark JVM per configuration against its heap limit (MiB). */
  public Output memory() {
    Map<String, ToDoubleFunction<Cell>> series = new LinkedHashMap<>();
    series.put(
        "heap limit (MiB)",
        c -> c.gc() == null || c.gc().heapMaxMiB() <= 0 ? Double.NaN : c.gc().heapMaxMiB());
    // PeakRssProfiler reports MB (10^6 bytes); shown in MiB next to the heap.
    series.put("peak RSS (MiB)", c -> c.peakRssMB() * 1e6 / (1024 * 1024));
    return bars(
        "gc: peak RSS of the benchmark JVM vs its heap limit at " + pointLabel(),
        "MiB",
        series,
        false,
        Map.of("heap limit (MiB)", new Color(0xABB2B9), "peak RSS (MiB)", new Color(0x6C3483)),
        "peak RSS against the heap limit");
  }

  /**
   * Returns the trade-off per collector across heap factors: three line charts (p99 latency,
   * throughput, peak RSS against heap limit / live set), one line per collector.
   */
  public List<Output> tradeOff() {
    List<Output> out = new ArrayList<>();
    out.add(tradeOffChart("p99 latency", Cell::p99, true));
    out.add(tradeOffChart("throughput (ops/s)", Cell::throughput, false));
    out.add(tradeOffChart("peak RSS (MB)", Cell::peakRssMB, false));
    return out;
  }

  /** Shows the three trade-off charts (a convenience for notebooks). */
  public void showTradeOff() {
    tradeOff().forEach(Output::show);
  }

  private Output tradeOffChart(String what, ToDoubleFunction<Cell> y, boolean log) {
    Map<String, double[][]> series = new LinkedHashMap<>();
    Map<String, Color> colors = new LinkedHashMap<>();
    List<String> gaps = new ArrayList<>();
    String unit = "";
    for (String collector : List.of("G1", "ZGC", "Parallel")) {
      List<double[]> pts = new ArrayList<>();
      for (double f : FACTORS) {
        Optional<Config> cfg =
            configs.stream()
                .filter(c -> c.collector().equals(collector) && c.heapFactor() == f)
                .findFirst();
        if (cfg.isEmpty()) {
          continue;
        }
        Optional<Cell> cell = cellOf(matrix, cfg.get().id(), point).filter(c -> !c.missing());
        double v = cell.map(y::applyAsDouble).orElse(Double.NaN);
        if (cell.isEmpty() || Double.isNaN(v) || (log && v <= 0)) {
          gaps.add(cfg.get().id());
          continue;
        }
        unit = cell.get().latencyUnit();
        pts.add(new double[] {f, v});
      }
      if (!pts.isEmpty()) {
        series.put(
            collector,
            new double[][] {
              pts.stream().mapToDouble(p -> p[0]).toArray(),
              pts.stream().mapToDouble(p -> p[1]).toArray()
            });
        colors.put(collector, collectorColor(collector));
      }
    }
    if (series.isEmpty()) {
      return Output.markdown("_No " + what + " for any collector at this point._");
    }
    String yTitle = what.equals("p99 latency") ? "p99, " + unit : what;
    XYChart c =
        Charts.lines(
            "gc: " + what + " vs heap limit at " + pointLabel(),
            "heap limit / live set"
                + (gaps.isEmpty() ? "" : "   (no result: " + String.join(", ", gaps) + ")"),
            yTitle + (log ? " (log)" : ""),
            series,
            false,
            log,
            colors);
    c.getStyler().setXAxisMin(1.0).setXAxisMax(4.5);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return Charts.output(c, what + " per collector across heap factors");
  }

  private Output bars(
      String title,
      String yTitle,
      Map<String, ToDoubleFunction<Cell>> series,
      boolean log,
      Map<String, Color> colors,
      String alt) {
    return bars(title, yTitle, series, log, colors, alt, c -> "");
  }

  /**
   * Grouped horizontal bars, one row per configuration (a {@link RowPlot}: XChart's bar charts
   * refuse a log axis); a configuration without a result keeps its row, labelled "does not fit",
   * with no bars. Series with no value anywhere are left out.
   */
  private Output bars(
      String title,
      String xTitle,
      Map<String, ToDoubleFunction<Cell>> series,
      boolean log,
      Map<String, Color> colors,
      String alt,
      java.util.function.Function<Cell, String> suffix) {
    Map<String, ToDoubleFunction<Cell>> drawn = new LinkedHashMap<>();
    for (Map.Entry<String, ToDoubleFunction<Cell>> e : series.entrySet()) {
      boolean any =
          measured().stream()
              .mapToDouble(e.getValue())
              .anyMatch(v -> !Double.isNaN(v) && (!log || v > 0));
      if (any) {
        drawn.put(e.getKey(), e.getValue());
      }
    }
    if (drawn.isEmpty()) {
      return Output.markdown("_Nothing to draw for " + alt + " at this point._");
    }
    int k = drawn.size();
    double thickness = 0.8 / k;
    RowPlot plot = new RowPlot(title, xTitle, log).rowHeight(8 + 7 * k);
    for (Config cfg : configs) {
      Optional<Cell> cell = cellOf(matrix, cfg.id(), point).filter(c -> !c.missing());
      int row =
          plot.row(
              cfg.id() + cell.map(suffix).orElse("") + (cell.isEmpty() ? " — does not fit" : ""));
      if (cell.isEmpty()) {
        continue;
      }
      int i = 0;
      for (Map.Entry<String, ToDoubleFunction<Cell>> e : drawn.entrySet()) {
        double v = e.getValue().applyAsDouble(cell.get());
        double offset = (i - (k - 1) / 2.0) * thickness;
        if (!Double.isNaN(v)) {
          plot.bar(row, v, colors.get(e.getKey()), offset, thickness * 0.9);
        }
        i++;
      }
    }
    drawn.keySet().forEach(name -> plot.legend(name, colors.get(name)));
    return plot.output(alt);
  }

  // --- verdict -------------------------------------------------------------------------------

  /**
   * Returns the verdict, written from the data: for G1 and ZGC, whether more headroom (1.5× → 2× →
   * 4× the live set) removed GC spikes from p99 — p99 and max latency, pause p99 and count, ZGC
   * stalls, with the statistics engine's verdict on p99 — and what the container trap cost.
   */
  public Output verdict() {
    StringBuilder md = new StringBuilder();
    RunInfo info = base.info();
    md.append("**Verdict (from ")
        .append(info.machine())
        .append(", ")
        .append(info.budget().split(" ")[0])
        .append(" budget, at ")
        .append(pointLabel())
        .append("):**\n\n");
    Table steps = headroomSteps();
    for (String collector : List.of("G1", "ZGC")) {
      md.append("- ").append(headroomVerdict(collector, steps)).append('\n');
    }
    md.append("- ").append(containerVerdict()).append('\n');
    rowVerdict(
            "**G1's pause goal** (`g1-2x` → `g1-2x-pause5`, -XX:MaxGCPauseMillis=5, open loop",
            r ->
                r.benchmark().endsWith("ServiceLatency.openLoop")
                    && r.name().contains("g1-2x vs g1-2x-pause5"))
        .ifPresent(t -> md.append("- ").append(t).append('\n'));
    rowVerdict(
            "**Allocation hot spot, same work** (AllocationLatency: buffers reused instead of"
                + " allocated per request, open loop",
            r -> r.benchmark().endsWith("AllocationLatency"))
        .ifPresent(
            t ->
                md.append("- ")
                    .append(t)
                    .append(" The claim is a 30–50% cut (a ratio of 0.5–0.7).\n"));
    return Output.markdown(md.toString());
  }

  /**
   * One sentence from the p99 rows of the pitfall-vs-fix table that {@code which} selects: the
   * ratio fix/pitfall with its interval and verdict per row; empty when the run has none.
   */
  private Optional<String> rowVerdict(
      String lead, java.util.function.Predicate<org.pitfallatlas.analysis.compare.Row> which) {
    List<String> parts = new ArrayList<>();
    for (var r : base.table().rows()) {
      if (!r.metric().equals("p99") || !which.test(r) || r.deltas().isEmpty()) {
        continue;
      }
      var d = r.deltas().get(0);
      parts.add(
          String.format(
              Locale.ROOT,
              "%sat %s: p99 × %s [%s, %s], %s",
              r.config().equals("default") ? "" : "`" + r.config() + "` ",
              "load " + r.params().getOrDefault("load", "?"),
              Numbers.value(d.ratio()),
              Numbers.value(d.lo()),
              Numbers.value(d.hi()),
              d.verdict() == org.pitfallatlas.analysis.stats.Verdict.NO_DIFFERENCE
                  ? "undecided"
                  : "**" + d.verdict().label() + "**"));
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(lead + "): " + String.join("; ", parts) + " (fix/pitfall, 95% simult.).");
  }

  /** The statistics engine's comparisons of adjacent heap factors, per collector. */
  private Table headroomSteps() {
    List<ConfigPairs.Spec> specs = new ArrayList<>();
    for (String collector : List.of("G1", "ZGC", "Parallel")) {
      for (int i = 0; i + 1 < FACTORS.length; i++) {
        Optional<Config> a = config(collector, FACTORS[i]);
        Optional<Config> b = config(collector, FACTORS[i + 1]);
        if (a.isPresent() && b.isPresent()) {
          specs.add(new ConfigPairs.Spec(a.get().id(), b.get().id()));
        }
      }
    }
    try {
      return ConfigPairs.ofRun(
          base.results(),
          specs,
          Options.withDefaults(),
          c -> base.suite().map(s -> s.runsEverywhere(c)).orElse(true),
          false);
    } catch (CompareException e) {
      return null;
    }
  }

  private String headroomVerdict(String collector, Table steps) {
    List<Config> ladder = new ArrayList<>();
    for (double f : FACTORS) {
      config(collector, f).ifPresent(ladder::add);
    }
    if (ladder.isEmpty()) {
      return "**" + collector + "**: not in this run.";
    }
    List<String> fits = new ArrayList<>();
    List<Cell> cells = new ArrayList<>();
    for (Config c : ladder) {
      Optional<Cell> cell = cellOf(matrix, c.id(), point).filter(x -> !x.missing());
      if (cell.isEmpty()) {
        fits.add(factor(c.heapFactor()) + " does not fit");
      } else {
        cells.add(cell.get());
      }
    }
    StringBuilder s = new StringBuilder("**").append(collector).append("** (");
    s.append(String.join(" → ", ladder.stream().map(c -> factor(c.heapFactor())).toList()))
        .append(" the live set): ");
    if (cells.size() < 2) {
      return s.append("too few configurations with results to compare")
          .append(fits.isEmpty() ? "" : " (" + String.join(", ", fits) + ")")
          .append('.')
          .toString();
    }
    String unit = cells.get(0).latencyUnit();
    s.append("p99 ")
        .append(series(cells, Cell::p99))
        .append(' ')
        .append(unit)
        .append(", max ")
        .append(series(cells, Cell::max))
        .append(' ')
        .append(unit)
        .append("; GC pauses ")
        .append(series(cells, c -> c.gc() == null ? Double.NaN : c.gc().pauseCount()))
        .append(" (pause p99 ")
        .append(series(cells, c -> c.gc() == null ? Double.NaN : c.gc().pauseP99()))
        .append(" ms)");
    boolean zgc = collector.equals("ZGC");
    if (zgc) {
      s.append(", allocation stalls ")
          .append(series(cells, c -> c.gc() == null ? Double.NaN : c.gc().allocationStallCount()));
    }
    if (!fits.isEmpty()) {
      s.append("; ").append(String.join(", ", fits));
    }
    s.append(". ");

    // The engine's verdict on p99 for each step, and whether it had the samples to tell.
    List<String> stepText = new ArrayList<>();
    int better = 0;
    int worse = 0;
    int undecided = 0;
    boolean thin = false;
    for (int i = 0; i + 1 < ladder.size(); i++) {
      Optional<Row> r = p99Row(steps, ladder.get(i).id(), ladder.get(i + 1).id());
      if (r.isEmpty()) {
        continue;
      }
      Verdict v = r.get().deltas().get(0).verdict();
      // The engine's test needs two fork values a side (the fork is the unit).
      boolean few = r.get().columns().stream().anyMatch(c -> c.forks() < 2);
      thin |= few;
      String step =
          factor(ladder.get(i).heapFactor()) + "→" + factor(ladder.get(i + 1).heapFactor());
      stepText.add(step + ": " + (few ? "~ (one fork: no test)" : v.label()));
      if (few || v == Verdict.NO_DIFFERENCE || v == Verdict.EQUIVALENT) {
        undecided++;
      } else if (v == Verdict.FASTER) {
        better++;
      } else {
        worse++;
      }
    }
    if (!stepText.isEmpty()) {
      s.append("p99 per step (statistics engine): ")
          .append(String.join("; ", stepText))
          .append(". ");
    }

    // Closed loop vs open loop: how many requests a pause can reach.
    Cell tight = cells.get(0);
    Cell roomy = cells.get(cells.size() - 1);
    GcLogSummary g = tight.gc();
    double hitShare = Double.NaN;
    if (g != null && tight.throughput() > 0 && point.containsKey("load")) {
      // Open loop: every request due during a pause waits for it, so the paused share of time is
      // the share of requests the GC reaches.
      double timeShare =
          g.wallSeconds() > 0
              ? (g.totalPauseMillis() + g.allocationStallTotalMillis()) / 1000.0 / g.wallSeconds()
              : Double.NaN;
      s.append("At ")
          .append(factor(configOf(tight).heapFactor()))
          .append(" the GC holds the thread ")
          .append(share(timeShare))
          .append(" of the measured time, and every request due then waits (open loop: ")
          .append(timeShare < 0.01 ? "below the 1% that p99 sees). " : "enough to reach p99). ");
    } else if (g != null && tight.throughput() > 0) {
      hitShare =
          (g.pausesPerSecond() + g.allocationStallCount() / Math.max(1e-9, g.wallSeconds()))
              / tight.throughput();
      double timeShare =
          g.wallSeconds() > 0
              ? (g.totalPauseMillis() + g.allocationStallTotalMillis()) / 1000.0 / g.wallSeconds()
              : Double.NaN;
      s.append("At ")
          .append(factor(configOf(tight).heapFactor()))
          .append(" the ")
          .append(zgc ? "pauses and stalls" : "pauses")
          .append(" delay about ")
          .append(share(hitShare))
          .append(" of requests in this closed-loop benchmark (one request per pause waits; the")
          .append(" others are never sent), ")
          .append(hitShare < 0.01 ? "below the 1% that p99 sees" : "enough to reach p99")
          .append("; in a service whose requests arrive on their own, the GC holds the thread ")
          .append(share(timeShare))
          .append(" of the time, and every request arriving then waits. ");
    }

    boolean tailFell = roomy.max() < tight.max() * 0.8 || roomy.p999() < tight.p999() * 0.8;
    boolean gcFell =
        roomy.gc() != null
            && tight.gc() != null
            && (roomy.gc().pauseCount() < tight.gc().pauseCount()
                || roomy.gc().allocationStallCount() < tight.gc().allocationStallCount());
    boolean p99Fell = roomy.p99() < tight.p99();
    s.append("**");
    if (thin) {
      s.append("Cannot tell from this run")
          .append("** (one fork and too few iterations for a test): read the direction only —")
          .append(" p99 ")
          .append(p99Fell ? "fell" : "did not fall")
          .append(", the far tail (p99.9/max) ")
          .append(tailFell ? "fell" : "did not fall")
          .append(", and the GC ")
          .append(gcFell ? "ran less often" : "did not run less often")
          .append(" with more headroom. Run the quick or full budget for a verdict.");
    } else if (better > 0 && worse == 0 && gcFell) {
      s.append("The claim reproduces")
          .append("**: more headroom lowered p99 significantly, and the GC log shows why —")
          .append(" fewer pauses")
          .append(zgc ? " and stalls" : "")
          .append('.');
    } else if (better > 0 && worse == 0) {
      s.append("Partly")
          .append("**: p99 fell with more headroom, but the GC log does not show fewer pauses or")
          .append(" stalls, so the cause is not established.");
    } else if (tailFell && gcFell) {
      s.append("Partly")
          .append("**: more headroom made GC ")
          .append(zgc ? "stalls and pauses" : "pauses")
          .append(" rarer and cut the far tail (p99.9/max), but not p99")
          .append(hitShare < 0.01 ? ": the pauses reach fewer than 1% of requests." : ".");
    } else {
      s.append("The claim does not reproduce")
          .append("**: more headroom did not remove GC from the tail")
          .append(worse > 0 ? " (p99 got significantly worse in a step)" : "")
          .append(". On the JVM the pause length is set by what survives (the live young")
          .append(" objects), not by the heap size; headroom changes how often, not how long.");
    }
    return s.toString();
  }

  private String containerVerdict() {
    Optional<Cell> erg = cellOf(matrix, "container-ergonomics", point).filter(c -> !c.missing());
    Optional<Cell> exp = cellOf(matrix, "container-explicit", point).filter(c -> !c.missing());
    JsonNode ev = containers.path("container-ergonomics");
    StringBuilder s = new StringBuilder("**Container trap** (");
    if (ev.isMissingNode()) {
      return s.append("not in this run).").toString();
    }
    long mem = ev.path("memoryMiB").asLong();
    JsonNode view = ev.path("jvmView");
    s.append(ev.path("cpus").asInt())
        .append(" CPU, ")
        .append(mem)
        .append(" MiB, ")
        .append(ev.path("mode").asText())
        .append("): with no flags the JVM picked **")
        .append(view.path("collector").asText("?"))
        .append("** and a heap of **")
        .append(view.path("heapMaxMiB").asLong())
        .append(" MiB** (")
        .append(Numbers.percent(view.path("heapMaxMiB").asDouble() / Math.max(1, mem)))
        .append(" of the container)");
    JsonNode xv = containers.path("container-explicit").path("jvmView");
    if (!xv.isMissingNode()) {
      s.append("; with explicit settings ")
          .append(xv.path("collector").asText("?"))
          .append(" and ")
          .append(xv.path("heapMaxMiB").asLong())
          .append(" MiB");
    }
    s.append(". ");
    if (erg.isEmpty() || exp.isEmpty()) {
      return s.append(erg.isEmpty() ? "The ergonomic configuration" : "The explicit configuration")
          .append(" has no result here (does not fit).")
          .toString();
    }
    Cell a = erg.get();
    Cell b = exp.get();
    s.append("Explicit vs ergonomic: throughput ")
        .append(num(a.throughput()))
        .append(" → ")
        .append(num(b.throughput()))
        .append(" ops/s, p99 ")
        .append(num(a.p99()))
        .append(" → ")
        .append(num(b.p99()))
        .append(' ')
        .append(a.latencyUnit())
        .append(", max ")
        .append(num(a.max()))
        .append(" → ")
        .append(num(b.max()))
        .append(' ')
        .append(a.latencyUnit());
    if (a.gc() != null && b.gc() != null) {
      s.append(", GC pauses ")
          .append(a.gc().pauseCount())
          .append(" (max ")
          .append(num(a.gc().pauseMax()))
          .append(" ms) → ")
          .append(b.gc().pauseCount())
          .append(" (max ")
          .append(num(b.gc().pauseMax()))
          .append(" ms)");
    }
    s.append(", peak RSS ")
        .append(num(a.peakRssMB()))
        .append(" → ")
        .append(num(b.peakRssMB()))
        .append(" MB. ");
    Optional<Row> p99 = p99Row(base.table(), "container-ergonomics", "container-explicit");
    if (p99.isEmpty() || p99.get().columns().stream().anyMatch(c -> c.forks() < 2)) {
      s.append(
          "_One fork a side: no test (the fork is the unit of replication): the direction only._ ");
    } else {
      s.append("p99: ")
          .append(p99.get().deltas().get(0).verdict().label())
          .append(" (statistics engine). ");
    }
    boolean betterThroughput = b.throughput() > a.throughput() * 1.05;
    boolean betterTail = b.p99() < a.p99() * 0.95 && b.max() < a.max();
    s.append("**");
    if (betterThroughput && betterTail) {
      s.append("The explicit settings win on throughput and tail latency");
    } else if (betterThroughput || betterTail) {
      s.append("Mixed: the explicit settings win on ")
          .append(betterThroughput ? "throughput" : "tail latency")
          .append(" and lose on ")
          .append(betterThroughput ? "tail latency" : "throughput");
    } else {
      s.append("The ergonomic choice was not worse here")
          .append("**: with one CPU, Serial's short young pauses and no concurrent threads")
          .append(
              " competing for the CPU cost less than G1's barriers and concurrent work; the trap")
          .append(" is the memory left unused (")
          .append(Numbers.percent(1 - view.path("heapMaxMiB").asDouble() / Math.max(1, mem)))
          .append(" of the container outside the heap), which matters once the live set grows");
      return s.append(".").toString();
    }
    return s.append("**.").toString();
  }

  // --- helpers -------------------------------------------------------------------------------

  private List<Cell> measured() {
    List<Cell> out = new ArrayList<>();
    for (Config c : configs) {
      cellOf(matrix, c.id(), point).filter(x -> !x.missing()).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Config> config(String collector, double factor) {
    return configs.stream()
        .filter(c -> c.collector().equals(collector) && c.heapFactor() == factor)
        .findFirst();
  }

  private Config configOf(Cell cell) {
    return configs.stream().filter(c -> c.id().equals(cell.config())).findFirst().orElseThrow();
  }

  private String collectorOf(Cell cell) {
    Config c = configOf(cell);
    if (List.of("G1", "ZGC", "Parallel", "Serial").contains(c.collector())) {
      return c.collector();
    }
    return cell.gc() == null ? c.collector() : cell.gc().collector();
  }

  private Optional<Row> p99Row(Table steps, String pitfall, String fix) {
    if (steps == null) {
      return Optional.empty();
    }
    return steps.rows().stream()
        .filter(r -> LATENCY_METHODS.stream().anyMatch(m -> r.benchmark().endsWith("." + m)))
        .filter(r -> r.metric().equals("p99"))
        .filter(r -> r.columns().get(0).label().equals(pitfall))
        .filter(r -> r.columns().get(1).label().equals(fix))
        .filter(r -> r.params().equals(point))
        .findFirst();
  }

  private static Optional<Cell> cellOf(
      ConfigurationMatrix m, String config, Map<String, String> point) {
    return m.cells().stream()
        .filter(c -> c.config().equals(config) && c.params().equals(point))
        .findFirst();
  }

  private static Map<String, String> headlinePoint(FamilyReport base, ConfigurationMatrix m) {
    Map<String, String> wanted =
        base.suite()
            .flatMap(s -> s.pairs().stream().findFirst())
            .map(p -> p.profileParams())
            .orElse(Map.of());
    // An open-loop run: its latencies at half the slowest configuration's capacity (the load the
    // claims ledger reads), at the profiled point.
    for (Cell c : m.cells()) {
      if ("0.5".equals(c.params().get("load"))
          && c.params().entrySet().containsAll(wanted.entrySet())) {
        return c.params();
      }
    }
    for (Cell c : m.cells()) {
      if (c.params().equals(wanted)) {
        return c.params();
      }
    }
    return m.cells().isEmpty() ? Map.of() : m.cells().get(0).params();
  }

  private String pointLabel() {
    StringBuilder sb = new StringBuilder();
    new java.util.TreeMap<>(point)
        .forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }

  private static String series(List<Cell> cells, ToDoubleFunction<Cell> f) {
    List<String> parts = new ArrayList<>();
    for (Cell c : cells) {
      double v = f.applyAsDouble(c);
      parts.add(Double.isNaN(v) ? "?" : num(v));
    }
    return String.join(" → ", parts);
  }

  /** Counts as integers, other figures to 3 significant digits: 24, 0.0950, 82.0, 14,000. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e7) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  private static String factor(double f) {
    return (f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f)) + "×";
  }

  private static String share(double fraction) {
    if (Double.isNaN(fraction)) {
      return "?";
    }
    return String.format(
        Locale.ROOT,
        fraction < 0.001 ? "%.3f%%" : fraction < 0.1 ? "%.2f%%" : "%.0f%%",
        100 * fraction);
  }

  static Color collectorColor(String collector) {
    return switch (collector) {
      case "G1" -> new Color(0x1F77B4);
      case "ZGC" -> new Color(0x2CA02C);
      case "Parallel" -> new Color(0xFF7F0E);
      case "Serial" -> new Color(0xD62728);
      default -> new Color(0x7F7F7F);
    };
  }

  private static JsonNode suiteJson() {
    try {
      Path f = AtlasPaths.home().resolve("benchmarks/suites/gc.json");
      return tree(f);
    } catch (RuntimeException e) {
      return JSON.createObjectNode();
    }
  }

  private static JsonNode node(JsonNode suite, String id) {
    for (JsonNode c : suite.path("configurations")) {
      if (c.path("id").asText().equals(id)) {
        return c;
      }
    }
    return JSON.createObjectNode();
  }

  private static JsonNode tree(Path f) {
    if (!Files.isRegularFile(f)) {
      return JSON.missingNode();
    }
    try {
      JsonNode n = JSON.readTree(f.toFile());
      return n == null ? JSON.missingNode() : n;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}
