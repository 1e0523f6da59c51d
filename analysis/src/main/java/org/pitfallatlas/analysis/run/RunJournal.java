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

  public synchronized void finished(String label) {
    finished.add(label);
    save();
  }

  public synchronized void failed(Failure f) {
    failures.add(f);
    save();
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
