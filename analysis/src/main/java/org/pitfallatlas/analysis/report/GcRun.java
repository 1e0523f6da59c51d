package org.pitfallatlas.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;
import org.pitfallatlas.analysis.suite.Suite;

/**
 * A GcRun is the loaded state every section of the gc report reads: the family report it builds on,
 * the configurations in suite order, the configuration matrix, the parameter point the charts and
 * the verdict are drawn at, the run's {@code containers.json}, and its open-loop fork logs (read on
 * first use). {@link GcRunLoader} makes one from a run folder.
 *
 * @param base the family report (provenance, the pitfall-vs-fix table, the suite)
 * @param configs the configurations, in suite order
 * @param matrix the configuration matrix
 * @param point the parameter point of the charts and the verdict
 * @param containers the run's {@code containers.json}, or a missing node
 * @param logs the run's open-loop latency logs and the GC logs beside them
 */
record GcRun(
    FamilyReport base,
    List<GcReport.Config> configs,
    ConfigurationMatrix matrix,
    Map<String, String> point,
    JsonNode containers,
    GcForkLogs logs) {

  /** The latency benchmarks: open-loop (since 2026-11-30), and closed-loop in earlier runs. */
  static final List<String> LATENCY_METHODS =
      List.of("ServiceLatency.openLoop", "ServiceHeap.baselineLatency");

  /** The heap limits of the suite's ladders, as multiples of the live set. */
  static final double[] FACTORS = {1.5, 2.0, 4.0};

  /** The same run drawn at another parameter point (the caller checked that the run has it). */
  GcRun at(Map<String, String> params) {
    return new GcRun(
        base,
        configs,
        matrix,
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params)),
        containers,
        logs);
  }

  /**
   * True when the benchmark's class runs in every configuration (the configuration matrix and
   * comparisons cover only those; AllocationLatency and BurstLatency have sections of their own).
   */
  static boolean everywhere(FamilyReport base, String benchmark) {
    return base.suite().map(s -> s.runsEverywhere(Suite.classOf(benchmark))).orElse(true);
  }

  /** The point as "k1=v1 k2=v2", sorted by name. */
  String pointLabel() {
    return ReportNames.point(new TreeMap<>(point));
  }

  /** The configuration's cell at the point, if the matrix has one (it may be missing). */
  Optional<Cell> cell(String config) {
    return cellOf(matrix, config, point);
  }

  /** The configuration's cell at the point, if it has a result. */
  Optional<Cell> measuredCell(String config) {
    return cell(config).filter(c -> !c.missing());
  }

  static Optional<Cell> cellOf(ConfigurationMatrix m, String config, Map<String, String> point) {
    return m.cells().stream()
        .filter(c -> c.config().equals(config) && c.params().equals(point))
        .findFirst();
  }

  /** The cells with a result at the point, in suite order. */
  List<Cell> measured() {
    List<Cell> out = new ArrayList<>();
    for (GcReport.Config c : configs) {
      measuredCell(c.id()).ifPresent(out::add);
    }
    return out;
  }

  /** The configuration of a collector at a heap factor, if the suite has one. */
  Optional<GcReport.Config> config(String collector, double factor) {
    return configs.stream()
        .filter(c -> c.collector().equals(collector) && c.heapFactor() == factor)
        .findFirst();
  }

  GcReport.Config configOf(Cell cell) {
    return configs.stream().filter(c -> c.id().equals(cell.config())).findFirst().orElseThrow();
  }

  /** The collector of a cell: the suite's name, else the one its GC log reports. */
  String collectorOf(Cell cell) {
    GcReport.Config c = configOf(cell);
    if (List.of("G1", "ZGC", "Parallel", "Serial").contains(c.collector())) {
      return c.collector();
    }
    return cell.gc() == null ? c.collector() : cell.gc().collector();
  }

  String collectorOfConfig(String id) {
    return matrix.cells().stream()
        .filter(cell -> cell.config().equals(id))
        .findFirst()
        .map(this::collectorOf)
        .orElse("?");
  }

  /** The p99 row of a latency benchmark comparing {@code pitfall} with {@code fix} at the point. */
  Optional<Row> p99Row(Table steps, String pitfall, String fix) {
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
}
