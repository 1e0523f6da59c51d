package org.pitfallatlas.analysis.suite;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A SuiteCatalog is the set of suite files in one folder, one per family. */
public final class SuiteCatalog {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path folder;
  private final List<Suite> suites;

  private SuiteCatalog(Path folder, List<Suite> suites) {
    this.folder = folder;
    this.suites = suites;
  }

  /**
   * Reads every {@code *.json} in {@code folder}.
   *
   * @throws IllegalArgumentException if the folder is missing, or a file is not a valid suite
   */
  public static SuiteCatalog load(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no suite folder at " + folder);
    }
    List<Suite> suites = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        suites.add(read(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SuiteCatalog(folder, Collections.unmodifiableList(suites));
  }

  /**
   * Reads one suite file and checks it names its family like its file.
   *
   * @throws IllegalArgumentException if the file is not JSON or not a suite
   */
  public static Suite read(Path file) {
    Suite s;
    try {
      s = JSON.readValue(file.toFile(), Suite.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "suite file " + file + " is not a valid suite: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read suite file " + file + ": " + e, e);
    }
    String expected = file.getFileName().toString().replaceFirst("\\.json$", "");
    if (s.family() == null || !s.family().equals(expected)) {
      throw new IllegalArgumentException(
          "suite file " + file + " must declare \"family\": \"" + expected + "\"");
    }
    return s;
  }

  public List<Suite> suites() {
    return suites;
  }

  public List<String> families() {
    return suites.stream().map(Suite::family).toList();
  }

  public Optional<Suite> find(String family) {
    return suites.stream().filter(s -> s.family().equals(family)).findFirst();
  }

  public Path folder() {
    return folder;
  }
}
