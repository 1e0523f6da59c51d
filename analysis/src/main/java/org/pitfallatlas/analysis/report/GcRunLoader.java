package org.pitfallatlas.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;
import org.pitfallatlas.analysis.gclog.GcLogSummary;

/**
 * Loads a {@link GcRun} from a run folder of the gc family: the family report, the configurations
 * the suite declares ({@code benchmarks/suites/gc.json}) and any the run has beyond them, what the
 * run made of each ({@code run.json} failures, the GC logs), and the headline point.
 */
final class GcRunLoader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GcRunLoader() {}

  /**
   * Loads a run folder of the gc family.
   *
   * @throws org.pitfallatlas.analysis.jmh.JmhInputException if the results cannot be read
   */
  static GcRun load(Path runDir) {
    FamilyReport base = FamilyReport.load("gc", runDir);
    Path run = base.run();
    JsonNode runJson = RunInfo.readJson(run.resolve("run.json"));
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
    ConfigurationMatrix matrix = ConfigurationMatrix.of(run, ids, b -> GcRun.everywhere(base, b));
    Map<String, String> point = headlinePoint(base, matrix);
    double liveSet = suite.path("liveSetMiB").asDouble(Double.NaN);
    if (Double.isNaN(liveSet) && point.containsKey("liveSetMiB")) {
      liveSet = Double.parseDouble(point.get("liveSetMiB"));
    }
    List<GcReport.Config> configs = new ArrayList<>();
    for (String id : ids) {
      JsonNode c = node(suite, id);
      Optional<Cell> cell = GcRun.cellOf(matrix, id, point);
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
          new GcReport.Config(
              id, collector, factor, args, container, c.path("why").asText(""), failure));
    }
    return new GcRun(
        base,
        configs,
        matrix,
        point,
        RunInfo.readJson(run.resolve("containers.json")),
        new GcForkLogs(base));
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

  private static JsonNode suiteJson() {
    try {
      return RunInfo.readJson(AtlasPaths.home().resolve("benchmarks/suites/gc.json"));
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
}
