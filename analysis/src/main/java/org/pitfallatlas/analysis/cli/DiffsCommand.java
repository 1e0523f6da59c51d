package org.pitfallatlas.analysis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pitfallatlas.analysis.profile.DiffFlameGraphs;
import org.pitfallatlas.analysis.report.ReferenceRuns;
import org.pitfallatlas.analysis.report.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code atlas diffs}: writes the differential flame graphs (pitfall vs fix) of runs profiled
 * before the runner wrote them, from the HTML flame graphs already there. Writes only files that do
 * not exist.
 */
@Command(
    name = "diffs",
    mixinStandardHelpOptions = true,
    description = {
      "Write the differential flame graphs, pitfall vs fix, of runs that do not have them yet:"
          + " profiles/<machine>/<family>/<stamp>/diff/<Class>.<pitfall>-vs-<fix>/"
          + "flame-<event>-diff.html, made by async-profiler's converter (--diff) from the run's"
          + " HTML flame graphs. Red: more in the pitfall; blue: less; yellow: not in the fix."
          + " Existing files are never overwritten. (scripts/atlas run writes them itself.)",
      "Exit status: 0 ok, 2 bad input."
    })
final class DiffsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "RUN",
      arity = "0..*",
      description =
          "A run folder (results/<machine>/<family>/<stamp>) or its profiles folder"
              + " (profiles/<machine>/<family>/<stamp>).")
  List<Path> runs = new ArrayList<>();

  @Option(
      names = "--reference",
      description = "Every committed reference run (results/reference.json).")
  boolean reference;

  @Option(names = "--dry-run", description = "Print the files that would be written; write none.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> folders = new ArrayList<>();
    if (reference) {
      ReferenceRuns.load(Project.home()).all().values().forEach(r -> folders.add(profiles(r)));
    }
    for (Path r : runs) {
      folders.add(profiles(r));
    }
    if (folders.isEmpty()) {
      throw new IllegalArgumentException(
          "name a run folder (or its profiles folder), or give --reference");
    }
    long t0 = System.nanoTime();
    int written = 0;
    int existing = 0;
    for (Path p : folders) {
      List<DiffFlameGraphs.Diff> plan = DiffFlameGraphs.plan(p);
      if (plan.isEmpty()) {
        out.println(p + ": no pitfall and fix with a flame graph of the same event");
      }
      for (DiffFlameGraphs.Diff d : plan) {
        if (Files.exists(d.output())) {
          existing++;
          continue;
        }
        if (!dryRun) {
          DiffFlameGraphs.write(d);
        }
        out.println((dryRun ? "would write " : "wrote ") + d.output());
        written++;
      }
    }
    out.printf(
        Locale.ROOT,
        "%d differential flame graph(s) %s, %d already there, %d run(s), %.1f s%n",
        written,
        dryRun ? "to write" : "written",
        existing,
        folders.size(),
        (System.nanoTime() - t0) / 1e9);
    out.flush();
    return 0;
  }

  /**
   * Returns the profiles folder of a run folder, or the folder itself when it is a profiles folder.
   *
   * @throws IllegalArgumentException if it is neither
   */
  static Path profiles(Path given) {
    // Absolute first: a run folder's profiles are found beside results/, up four folders, and a
    // relative path has no such parents (it would fall back to the absolute path run.json names,
    // which may be another checkout's).
    Path run = given.toAbsolutePath().normalize();
    if (!Files.isDirectory(run)) {
      throw new IllegalArgumentException(run + " is not a folder: name a run folder");
    }
    if (Files.isRegularFile(run.resolve("results.json"))
        || Files.isRegularFile(run.resolve("run.json"))) {
      Path p = RunInfo.read(run).profiles();
      if (!Files.isDirectory(p)) {
        throw new IllegalArgumentException(
            run
                + " has no profiles folder (looked for "
                + p
                + "): was it run with --profile none?");
      }
      return p;
    }
    return run;
  }
}
