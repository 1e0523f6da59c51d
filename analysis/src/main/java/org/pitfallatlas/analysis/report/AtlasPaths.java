package org.pitfallatlas.analysis.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * AtlasPaths says where a report finds things, from environment variables so that notebooks take
 * their parameters without papermill:
 *
 * <ul>
 *   <li>{@code ATLAS_HOME}: the atlas checkout (else {@code -Datlas.home}, else the first folder
 *       upwards from the working directory that has {@code benchmarks/suites});
 *   <li>{@code ATLAS_RESULTS}: the run folder a family notebook reads (else the family's committed
 *       reference run, from {@code results/reference.json});
 *   <li>{@code ATLAS_OUTPUT_DIR}: where this machine's runs are (else the checkout);
 *   <li>{@code ATLAS_REPORT_DIR}: the folder the executed notebook is written to, so that links to
 *       flame graphs are relative to it (else the working directory).
 * </ul>
 */
public final class AtlasPaths {

  /** The variable naming the run folder a family notebook reads. */
  public static final String RESULTS = "ATLAS_RESULTS";

  /** The variable naming the atlas checkout. */
  public static final String HOME = "ATLAS_HOME";

  /** The variable naming the folder the report is written to. */
  public static final String REPORT_DIR = "ATLAS_REPORT_DIR";

  private AtlasPaths() {}

  /**
   * Returns the atlas checkout.
   *
   * @throws IllegalStateException if none is found, saying how to set it
   */
  public static Path home() {
    String env = System.getenv(HOME);
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    String prop = System.getProperty("atlas.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("benchmarks/suites"))) {
        return d;
      }
    }
    throw new IllegalStateException(
        "cannot find the atlas checkout from "
            + dir
            + "; set "
            + HOME
            + " to the folder holding benchmarks/ and results/");
  }

  /** Returns where this machine's runs go: {@code $ATLAS_OUTPUT_DIR}, else the checkout. */
  public static Path outputRoot() {
    String env = System.getenv("ATLAS_OUTPUT_DIR");
    return env == null || env.isBlank() ? home() : Path.of(env).toAbsolutePath().normalize();
  }

  /** Returns the folder the report is written to: {@code $ATLAS_REPORT_DIR}, else the cwd. */
  public static Path reportDir() {
    String env = System.getenv(REPORT_DIR);
    return (env == null || env.isBlank() ? Path.of("") : Path.of(env)).toAbsolutePath().normalize();
  }

  /** Returns {@code $ATLAS_RESULTS} when set. */
  public static Optional<Path> resultsOverride() {
    String env = System.getenv(RESULTS);
    return env == null || env.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(env).toAbsolutePath().normalize());
  }

  /**
   * Returns the run folder a family's notebook reads: {@code $ATLAS_RESULTS}, else the family's
   * reference run.
   *
   * @throws IllegalStateException if neither exists, saying what to do
   */
  public static Path resultsFor(String family) {
    Optional<Path> override = resultsOverride();
    if (override.isPresent()) {
      return override.get();
    }
    Path home = home();
    return ReferenceRuns.load(home)
        .run(family)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no results for "
                        + family
                        + ": "
                        + RESULTS
                        + " is not set and "
                        + home.resolve(ReferenceRuns.FILE)
                        + " names no reference run for it. Run scripts/atlas report "
                        + family
                        + " --results <run folder>"));
  }
}
