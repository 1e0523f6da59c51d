package org.pitfallatlas.analysis.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RunFolders are the two folders one run writes: {@code results/<machine>/<family>/<stamp>/} and
 * {@code profiles/<machine>/<family>/<stamp>/}. A run never reuses a folder: when the stamp is
 * taken, a suffix is added.
 *
 * @param stamp UTC time stamp naming both folders, e.g. {@code 20261122T184005Z}
 * @param results the results folder (JMH JSON, env.json, run.json, log, summary)
 * @param profiles the profiles folder (one sub-folder per profiled benchmark id)
 */
public record RunFolders(String stamp, Path results, Path profiles) {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The stamp for {@code when}. */
  public static String stampOf(Instant when) {
    return STAMP.format(when);
  }

  /** Where the folders of a run would go, without creating anything (for --dry-run). */
  public static RunFolders planned(Path outputRoot, String machine, String family, Instant when) {
    String stamp = stampOf(when);
    return new RunFolders(
        stamp,
        outputRoot.resolve("results").resolve(machine).resolve(family).resolve(stamp),
        outputRoot.resolve("profiles").resolve(machine).resolve(family).resolve(stamp));
  }

  /**
   * Creates fresh folders for a run.
   *
   * @throws RunException if the output root cannot be written, with what to do about it
   */
  public static RunFolders create(Path outputRoot, String machine, String family, Instant when) {
    RunFolders planned = planned(outputRoot, machine, family, when);
    for (int attempt = 1; attempt < 100; attempt++) {
      String stamp = attempt == 1 ? planned.stamp : planned.stamp + "-" + attempt;
      Path results = planned.results.resolveSibling(stamp);
      try {
        Files.createDirectories(results.getParent());
        Files.createDirectory(results);
      } catch (FileAlreadyExistsException e) {
        continue;
      } catch (AccessDeniedException e) {
        throw notWritable(outputRoot, e.getFile());
      } catch (IOException e) {
        throw notWritable(outputRoot, e.getMessage());
      }
      if (!Files.isWritable(results)) {
        throw notWritable(outputRoot, results.toString());
      }
      Path profiles = planned.profiles.resolveSibling(stamp);
      return new RunFolders(stamp, results, profiles);
    }
    throw new RunException(3, "could not find a free run folder under " + planned.results);
  }

  private static RunException notWritable(Path root, String what) {
    return new RunException(
        3,
        "results folder is not writable: "
            + what
            + "\n  Nothing was run. Fix the permissions, or write elsewhere with"
            + " ATLAS_OUTPUT_DIR=<dir> (results/ and profiles/ are created under it).");
  }

  /** Creates the profiles folder on first use. */
  public Path profilesFolder() throws IOException {
    return Files.createDirectories(profiles);
  }
}
