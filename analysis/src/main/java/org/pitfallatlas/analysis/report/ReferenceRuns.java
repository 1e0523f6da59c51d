package org.pitfallatlas.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ReferenceRuns are the committed reference runs, one per family, listed in {@code
 * results/reference.json} as {@code {"boxing": "results/<machine>/boxing/<stamp>", …}} (paths
 * relative to the checkout). Keys starting with {@code _} are comments.
 */
public final class ReferenceRuns {

  /** The file, relative to the checkout. */
  public static final String FILE = "results/reference.json";

  /**
   * The variable naming another reference file (tests, or comparing against a colleague's runs).
   */
  public static final String OVERRIDE = "ATLAS_REFERENCE";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Path> runs;

  private ReferenceRuns(Map<String, Path> runs) {
    this.runs = Collections.unmodifiableMap(runs);
  }

  /**
   * Reads {@code results/reference.json} of a checkout (or the file {@code $ATLAS_REFERENCE}
   * names); a missing file lists no runs. Relative run paths are relative to the checkout.
   *
   * @param home the checkout
   * @return the reference runs
   * @throws IllegalArgumentException if the file is not a JSON object of strings
   */
  public static ReferenceRuns load(Path home) {
    String override = System.getenv(OVERRIDE);
    Path file = override == null || override.isBlank() ? home.resolve(FILE) : Path.of(override);
    return read(file, home);
  }

  /**
   * Reads a reference file.
   *
   * @param file the file
   * @param home the checkout relative paths are resolved against
   * @return the reference runs
   * @throws IllegalArgumentException if the file is not a JSON object of strings
   */
  public static ReferenceRuns read(Path file, Path home) {
    if (!Files.exists(file)) {
      return new ReferenceRuns(Map.of());
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          file + ": expected an object {\"<family>\": \"results/<machine>/<family>/<stamp>\"}");
    }
    Map<String, Path> runs = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("_")) {
        continue;
      }
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException(
            file + ": \"" + e.getKey() + "\" must name a run folder (a string)");
      }
      runs.put(e.getKey(), home.resolve(e.getValue().asText()).normalize());
    }
    return new ReferenceRuns(runs);
  }

  /** Returns the reference run folder of a family, if one is listed. */
  public Optional<Path> run(String family) {
    return Optional.ofNullable(runs.get(family));
  }

  /** Returns every family's reference run, in file order. */
  public Map<String, Path> all() {
    return runs;
  }

  /**
   * Returns the newest run of a family on a machine: the last folder (by its UTC stamp name) under
   * {@code <outputRoot>/results/<machine>/<family>/} that holds a {@code results.json}.
   */
  public static Optional<Path> latestLocal(Path outputRoot, String machine, String family) {
    Path dir = outputRoot.resolve("results").resolve(machine).resolve(family);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (var s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("results.json")))
          .max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
