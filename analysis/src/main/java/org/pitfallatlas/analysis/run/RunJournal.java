package org.pitfallatlas.analysis.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.stats.SteadyState;

/**
 * A RunJournal keeps a run's two growing records on disk after every step, so that whatever stops
 * the run, what finished is kept: {@code results.json} (every finished JMH result, one JSON array,
 * JMH's own format plus a {@code config} field) and {@code run.json} (status, progress, failures).
 * Files are replaced atomically: a reader never sees half a file.
 */
public final class RunJournal {

  /** Status of a run as {@code run.json} records it. */
  public enum Status {
    RUNNING,
    COMPLETE,
    INCOMPLETE,
    INTERRUPTED
  }

  /**
   * A Failure is a benchmark point that did not produce a result.
   *
   * @param benchmark point label
   * @param config configuration id
   * @param exitCode JMH's exit code
   * @param reason the telling line of its output (e.g. {@code OutOfMemoryError})
   */
  public record Failure(String benchmark, String config, int exitCode, String reason) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path folder;
  private final Map<String, Object> header;
  private final ArrayNode results = JSON.createArrayNode();
  private final List<String> finished = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private final List<String> profiled = new ArrayList<>();
  private final List<String> disturbed = new ArrayList<>();
  private final List<String> futile = new ArrayList<>();
  private int planned;
  private Status status = Status.RUNNING;

  public RunJournal(Path folder, Map<String, Object> header, int planned) {
    this.folder = folder;
    this.header = new LinkedHashMap<>(header);
    this.planned = planned;
  }

  /** The merged JMH results file. */
  public Path resultsFile() {
    return folder.resolve("results.json");
  }

  /**
   * Appends the entries of one JMH result file, tagging each with its configuration, and rewrites
   * {@code results.json}.
   *
   * @return the number of entries added
   */
  public synchronized int addResults(Path jmhJson, String config) {
    JsonNode node;
    try {
      node = JSON.readTree(jmhJson.toFile());
    } catch (IOException e) {
      return 0;
    }
    if (node == null || !node.isArray()) {
      return 0;
    }
    for (JsonNode entry : node) {
      if (entry instanceof ObjectNode o) {
        o.put("config", config);
        results.add(o);
      }
    }
    write(resultsFile(), results);
    return node.size();
  }

  /**
   * Folds the entries of a one-fork JMH result file into {@code results.json}: a point seen before
   * gets one more fork (see {@link ForkMerger}), a new point becomes a new entry. Each entry
   * records its forks' provenance in {@code "forkOrder"} (one object per fork: round, position in
   * the run, start time) and the number of looks the runner's stopping rule may take in {@code
   * "looks"}, which the analysis uses to widen its intervals.
   *
   * @param jmhJson a JMH JSON file from a {@code -f 1} invocation
   * @param config the configuration id
   * @param fork where this fork sits in the run's interleaved order
   * @param looks how many times the stopping rule may look at this point (1: a fixed design)
   * @return the number of entries merged or added
   */
  public synchronized int addFork(
      Path jmhJson, String config, Map<String, Object> fork, int looks) {
    JsonNode node;
    try {
      node = JSON.readTree(jmhJson.toFile());
    } catch (IOException e) {
      return 0;
    }
    if (node == null || !node.isArray()) {
      return 0;
    }
    for (JsonNode entry : node) {
      if (!(entry instanceof ObjectNode o)) {
        continue;
      }
      o.put("config", config);
      ObjectNode target = null;
      for (JsonNode existing : results) {
        if (ForkMerger.key(existing).equals(ForkMerger.key(o))) {
          target = (ObjectNode) existing;
          break;
        }
      }
      if (target == null) {
        target = o;
        target.putArray("forkOrder");
        results.add(target);
      } else {
        ForkMerger.append(target, o);
      }
      target.put("looks", looks);
      ((ArrayNode) target.get("forkOrder")).add(JSON.valueToTree(fork));
      classifyLastFork(target);
    }
    write(resultsFile(), results);
    return node.size();
  }

  /**
   * Appends the steady-state classification of the entry's newest fork to its {@code "steadyState"}
   * array (one object per fork: kind, first steady iteration, changepoints).
   */
  private static void classifyLastFork(ObjectNode entry) {
    JsonNode pm = entry.path("primaryMetric");
    JsonNode raw = pm.path("rawData");
    if (!raw.isArray() || raw.isEmpty()) {
      return;
    }
    JsonNode last = raw.get(raw.size() - 1);
    double[] series = new double[last.size()];
    for (int i = 0; i < series.length; i++) {
      series[i] = last.get(i).asDouble();
    }
    ArrayNode states =
        entry.get("steadyState") instanceof ArrayNode a ? a : entry.putArray("steadyState");
    ObjectNode s = states.addObject();
    try {
      SteadyState.Result r =
          SteadyState.withDefaults()
              .classify(series, Metrics.direction(pm.path("scoreUnit").asText("ns/op")));
      s.put("kind", r.kind().label());
      s.put("steadyFrom", r.steadyFrom());
      ArrayNode cps = s.putArray("changepoints");
      r.changepoints().forEach(cps::add);
    } catch (IllegalArgumentException e) {
      s.put("kind", "unclassified");
      s.put("reason", e.getMessage());
    }
  }

  /** The raw data ({@code [fork][iteration]}) of the primary metric of a point so far, or null. */
  public synchronized double[][] primaryRawData(
      String benchmark, Map<String, String> params, String config) {
    for (JsonNode e : results) {
      if (!e.path("benchmark").asText().equals(benchmark)
          || !e.path("config").asText("default").equals(config)) {
        continue;
      }
      boolean same = e.path("params").size() == params.size();
      for (Map.Entry<String, String> p : params.entrySet()) {
        same &= p.getValue().equals(e.path("params").path(p.getKey()).asText(null));
      }
      if (!same) {
        continue;
      }
      JsonNode raw = e.path("primaryMetric").path("rawData");
      if (!raw.isArray()) {
        return null;
      }
      double[][] out = new double[raw.size()][];
      for (int f = 0; f < raw.size(); f++) {
        out[f] = new double[raw.get(f).size()];
        for (int i = 0; i < out[f].length; i++) {
          out[f][i] = raw.get(f).get(i).asDouble();
        }
      }
      return out;
    }
    return null;
  }

  /** The score unit of a point's primary metric ({@code us/op}, {@code ops/s}), or null. */
  public synchronized String primaryUnit(String benchmark) {
    for (JsonNode e : results) {
      if (e.path("benchmark").asText().equals(benchmark)) {
        return e.path("primaryMetric").path("scoreUnit").asText(null);
      }
    }
    return null;
  }

  /**
   * Records in {@code run.json} what the forks' iteration series did: how many forks of the run
   * were flat, warmed up, slowed down, never settled or too short to tell, and which forks were not
   * flat (those are the ones whose early iterations the verdicts drop, or that get none).
   */
  public synchronized void recordSteadyState() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<String> notFlat = new ArrayList<>();
    for (JsonNode e : results) {
      JsonNode states = e.path("steadyState");
      for (int f = 0; f < states.size(); f++) {
        String kind = states.get(f).path("kind").asText();
        counts.merge(kind, 1, Integer::sum);
        if (!kind.equals(SteadyState.Kind.FLAT.label())
            && !kind.equals(SteadyState.Kind.TOO_SHORT.label())) {
          String b = e.path("benchmark").asText();
          notFlat.add(
              b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1)
                  + (e.path("params").isEmpty() ? "" : " " + e.path("params"))
                  + " ["
                  + e.path("config").asText("default")
                  + "]"
                  + " fork "
                  + (f + 1)
                  + ": "
                  + kind
                  + (states.get(f).has("steadyFrom")
                      ? " (steady from iteration "
                          + (states.get(f).path("steadyFrom").asInt() + 1)
                          + ")"
                      : ""));
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("forks", counts);
    m.put("notFlat", notFlat);
    header.put("steadyState", m);
    save();
  }

  /** Records a named value in {@code run.json} (e.g. the machine checks, the fork order). */
  public synchronized void record(String name, Object value) {
    header.put(name, value);
    save();
  }

  public synchronized void finished(String label) {
    finished.add(label);
    save();
  }

  public synchronized void failed(Failure f) {
    failures.add(f);
    save();
  }

  /** Records a fork measured while other processes or the hypervisor used the machine. */
  public synchronized void disturbed(String fork, String why) {
    disturbed.add(fork + ": " + why);
    save();
  }

  /** Records a comparison the stopping rule stopped as futile (undecided even at the cap). */
  public synchronized void futile(String comparison) {
    futile.add(comparison);
    save();
  }

  /** The forks measured while something else used the machine, with the reason. */
  public synchronized List<String> disturbed() {
    return List.copyOf(disturbed);
  }

  public synchronized void profiled(String id) {
    profiled.add(id);
    save();
  }

  public synchronized void status(Status s) {
    status = s;
    save();
  }

  public synchronized Status status() {
    return status;
  }

  public synchronized List<Failure> failures() {
    return List.copyOf(failures);
  }

  public synchronized int finishedCount() {
    return finished.size();
  }

  /** Rewrites {@code run.json}. */
  public synchronized void save() {
    Map<String, Object> m = new LinkedHashMap<>(header);
    m.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
    m.put("updated", Instant.now().toString());
    m.put("loadAverage", org.pitfallatlas.analysis.env.Machine.loadAverage());
    m.put("planned", planned);
    m.put("finished", finished.size());
    m.put("failed", failures.size());
    m.put("finishedPoints", finished);
    m.put("failures", failures);
    m.put("profiled", profiled);
    m.put("disturbedForks", disturbed);
    m.put("stoppedAsFutile", futile);
    write(folder.resolve("run.json"), m);
  }

  /** Writes {@code value} as JSON to {@code file} atomically. */
  public static void write(Path file, Object value) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), value);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
