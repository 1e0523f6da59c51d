package org.pitfallatlas.analysis.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pitfallatlas.analysis.env.Machine;
import org.pitfallatlas.analysis.report.ReferenceRuns;
import org.pitfallatlas.analysis.report.Reports;
import org.pitfallatlas.analysis.run.RunException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atlas report}: execute a family's notebook headless for a run, or refresh notebooks. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Execute a family's notebook (notebooks/<family>.ipynb, Java kernel) headless for one run and"
          + " write report.ipynb and report.html into the run folder (never overwriting).",
      "Without --results: the newest run of the family on this machine.",
      "'overview' renders notebooks/00-overview.ipynb (claims ledger, this machine vs the"
          + " reference) into results/<machine>/overview/.",
      "Jupyter missing: installed with apt-get on Debian/Ubuntu as root; elsewhere the command to"
          + " install it is printed and report.md (same tables and verdict) is written instead."
    },
    footer = {
      "",
      "Examples:",
      "  scripts/atlas report boxing",
      "  scripts/atlas report boxing --results results/my-machine/boxing/20260101T120000Z",
      "  scripts/atlas report overview",
      "  scripts/atlas report --all --update-notebooks   (refresh the committed notebooks from"
          + " results/reference.json)"
    })
final class ReportCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FAMILY",
      description = "The family (see atlas list), or 'overview'.")
  String family;

  @Option(
      names = "--results",
      paramLabel = "DIR",
      description = "The run folder to report (default: the newest run on this machine).")
  Path results;

  @Option(
      names = {"--update-notebook", "--update-notebooks"},
      description =
          "Re-execute the committed notebook(s) in place against the reference runs"
              + " (results/reference.json), so they carry outputs.")
  boolean update;

  @Option(names = "--all", description = "With --update-notebooks: every notebook in notebooks/.")
  boolean all;

  @Override
  public Integer call() throws Exception {
    Path home = Project.home();
    PrintStream out = System.out;
    if (all) {
      if (!update) {
        throw new RunException(2, "--all goes with --update-notebooks");
      }
      List<String> names = new ArrayList<>();
      try (var s = Files.list(home.resolve("notebooks"))) {
        s.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".ipynb"))
            .sorted()
            .forEach(n -> names.add(n.replaceFirst("\\.ipynb$", "")));
      }
      for (String n : names) {
        String f = n.equals(Reports.OVERVIEW) ? "overview" : n;
        if (!f.equals("overview") && ReferenceRuns.load(home).run(f).isEmpty()) {
          out.println("    " + n + ".ipynb: skipped (no reference run in results/reference.json)");
          continue;
        }
        double s = Reports.updateInPlace(home, f, out);
        out.printf(Locale.ROOT, "    notebooks/%s.ipynb updated (%.1f s)%n", n, s);
      }
      return 0;
    }
    if (family == null) {
      throw new RunException(2, "name a family (or 'overview'), or pass --all --update-notebooks");
    }
    if (!family.equals("overview") && Project.suites().find(family).isEmpty()) {
      throw new RunException(
          2,
          "unknown family '"
              + family
              + "'. Families: "
              + String.join(", ", Project.suites().families())
              + ", or overview");
    }
    if (update) {
      double s = Reports.updateInPlace(home, family, out);
      out.printf(
          Locale.ROOT,
          "notebooks/%s.ipynb updated from the reference run (%.1f s)%n",
          family.equals("overview") ? Reports.OVERVIEW : family,
          s);
      return 0;
    }
    if (family.equals("overview")) {
      Path dir =
          Project.outputRoot()
              .resolve("results")
              .resolve(Machine.current().slug())
              .resolve("overview");
      Reports.Rendered r = Reports.overview(home, dir, out);
      out.printf(Locale.ROOT, "report: %s (%.1f s)%n", r.html().orElseThrow(), r.seconds());
      return 0;
    }
    Path run = results;
    if (run == null) {
      String machine = Machine.current().slug();
      run =
          ReferenceRuns.latestLocal(Project.outputRoot(), machine, family)
              .orElseThrow(
                  () ->
                      new RunException(
                          2,
                          "no run of "
                              + family
                              + " on this machine ("
                              + machine
                              + ") under "
                              + Project.outputRoot().resolve("results")
                              + "; run scripts/atlas run "
                              + family
                              + ", or pass --results DIR"));
    }
    run = run.toAbsolutePath().normalize();
    if (!Files.isDirectory(run)) {
      throw new RunException(2, "--results " + results + ": no such folder");
    }
    Reports.Rendered r = Reports.family(home, family, run, out);
    if (r.html().isPresent()) {
      out.printf(Locale.ROOT, "report: %s (%.1f s)%n", r.html().get(), r.seconds());
    } else {
      out.printf(Locale.ROOT, "report (Markdown): %s%n", r.markdown().orElseThrow());
    }
    return 0;
  }
}
