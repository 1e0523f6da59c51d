package org.pitfallatlas.analysis.report;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pitfallatlas.analysis.compare.ConfigPairs;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix;

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
 *
 * <p>This class is the notebook's facade: each section is a small class of its own ({@link
 * GcOpenLoop}, {@link GcBurst}, {@link GcVerdict}, …) reading the loaded run ({@link GcRun}).
 */
public final class GcReport {

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

  private final GcRun run;

  private GcReport(GcRun run) {
    this.run = run;
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
    return new GcReport(GcRunLoader.load(runDir));
  }

  /**
   * Returns the same report with charts and the verdict drawn at another parameter point, e.g.
   * {@code Map.of("garbageKiB", "4", "liveSetMiB", "128")}.
   *
   * @throws IllegalArgumentException if the run has no such point
   */
  public GcReport at(Map<String, String> params) {
    if (run.matrix().cells().stream().noneMatch(c -> c.params().equals(params))) {
      throw new IllegalArgumentException("the run has no point " + params + "; it has " + points());
    }
    return new GcReport(run.at(params));
  }

  /** Returns the parameter points of the run. */
  public List<Map<String, String>> points() {
    Set<Map<String, String>> out = new LinkedHashSet<>();
    run.matrix().cells().forEach(c -> out.add(c.params()));
    return List.copyOf(out);
  }

  /** Returns the point the charts and the verdict are drawn at. */
  public Map<String, String> point() {
    return run.point();
  }

  /** Returns the configurations, in suite order. */
  public List<Config> configs() {
    return run.configs();
  }

  /** Returns the configuration matrix. */
  public ConfigurationMatrix configurationMatrix() {
    return run.matrix();
  }

  /** Returns the family report this one builds on (provenance, the pairs table, the reference). */
  public FamilyReport family() {
    return run.base();
  }

  /** Returns the family's verdicts in three sentences (see {@link FamilyReport#inBrief()}). */
  public Output inBrief() {
    return run.base().inBrief();
  }

  /** Returns the run's provenance: folder, machine, JDK, budget. */
  public Output header() {
    return run.base().header();
  }

  // --- tables --------------------------------------------------------------------------------

  /** Returns the configurations as declared: collector, heap limit, flags, container, status. */
  public Output configurations() {
    return new GcConfigurations(run).declared();
  }

  /**
   * Returns the configuration matrix (every point): throughput, latency percentiles, GC pauses from
   * the GC log, ZGC stalls, GC CPU share, allocation rate and peak RSS per configuration.
   */
  public Output matrix() {
    return new GcConfigurations(run).matrix();
  }

  /**
   * Returns the suite's comparisons (pitfall configuration vs fix configuration) through the
   * statistics engine: the same table as the run's {@code summary.md}.
   */
  public Output configPairs() {
    return new GcClaims(run).configPairs();
  }

  /**
   * Returns the open-loop latency of every configuration at every load, with the GC pauses of the
   * same forks' logs and a consistency check of the tail against them ({@link GcOpenLoop}).
   */
  public Output openLoop() {
    return new GcOpenLoop(run).output();
  }

  /**
   * Returns what the container configurations really got ({@code containers.json}): a real cgroup
   * (v1 or v2) or emulated flags, and the collector and heap the JVM picked inside.
   */
  public Output containers() {
    return new GcContainers(run).output();
  }

  /**
   * Returns the gc rows of the claims ledger ({@code benchmarks/claims.json}) evaluated against
   * this run: the same rules as the overview's ledger, which reads the reference run.
   */
  public Output claims() {
    return new GcClaims(run).claims();
  }

  /**
   * Returns one fork's windows on one time axis with the GC pauses its log stamps inside them
   * ({@link GcTimeline}).
   */
  public Output timeline() {
    return new GcTimeline(run).output();
  }

  /**
   * Returns the allocation claim with the work held constant (AllocationLatency): pitfall and fix
   * latencies per configuration, and the engine's verdict on the p99 ratio ({@link
   * GcAllocationPair}).
   */
  public Output allocationPair() {
    return new GcAllocationPair(run).output();
  }

  /**
   * Returns bursty allocation (BurstLatency): steady windows beside the burst ({@link GcBurst}).
   */
  public Output burst() {
    return new GcBurst(run).output();
  }

  // --- charts --------------------------------------------------------------------------------

  /**
   * Returns throughput against p99 latency, one labelled point per configuration, one colour per
   * collector: down and to the right is better.
   */
  public Output throughputVsLatency() {
    return new GcThroughputVsLatency(run).output();
  }

  /**
   * Returns the open-loop percentile curve at the headline point: latency against percentile, one
   * line per configuration ({@link GcPercentileCurves}).
   */
  public Output percentileCurves() {
    return new GcPercentileCurves(run).output();
  }

  /** Returns p99, p99.9 and max latency per configuration (bars, log scale). */
  public Output latency() {
    return new GcBars(run).latency();
  }

  /**
   * Returns the GC pause distribution per configuration from the GC logs: pause p50, p99 and max
   * (bars, log scale), the pause count in each label, and ZGC's longest allocation stall.
   */
  public Output pauses() {
    return new GcBars(run).pauses();
  }

  /** Returns the peak RSS of the benchmark JVM per configuration against its heap limit (MiB). */
  public Output memory() {
    return new GcBars(run).memory();
  }

  /**
   * Returns the trade-off per collector across heap factors: three line charts (p99 latency,
   * throughput, peak RSS against heap limit / live set), one line per collector.
   */
  public List<Output> tradeOff() {
    return new GcTradeOff(run).outputs();
  }

  /** Shows the three trade-off charts (a convenience for notebooks). */
  public void showTradeOff() {
    tradeOff().forEach(Output::show);
  }

  // --- verdict -------------------------------------------------------------------------------

  /**
   * Returns the verdict, written from the data: for G1 and ZGC, whether more headroom (1.5× → 2× →
   * 4× the live set) removed GC spikes from p99, and what the container trap cost ({@link
   * GcVerdict}).
   */
  public Output verdict() {
    return new GcVerdict(run).output();
  }
}
