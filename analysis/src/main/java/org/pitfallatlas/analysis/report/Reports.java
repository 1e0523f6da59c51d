package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reports renders the notebooks: a family's notebook for one run (into the run folder), the
 * overview, and the committed notebooks refreshed in place from the reference runs. When Jupyter is
 * missing and cannot be installed, it says how to install it and writes {@code report.md} — the
 * same tables and verdict, from the statistics engine — so a run is never without its report.
 */
public final class Reports {

  /** The overview notebook's name, without {@code .ipynb}. */
  public static final String OVERVIEW = "00-overview";

  /**
   * What rendering produced.
   *
   * @param html the HTML report, if Jupyter ran
   * @param notebook the executed notebook, if Jupyter ran
   * @param markdown the Markdown fallback, if Jupyter did not
   * @param seconds how long it took
   */
  public record Rendered(
      Optional<Path> html, Optional<Path> notebook, Optional<Path> markdown, double seconds) {}

  private Reports() {}

  /** Returns the notebook of a family (or {@code overview}), {@code notebooks/<name>.ipynb}. */
  public static Path notebook(Path home, String family) {
    String name = family.equals("overview") ? OVERVIEW : family;
    return home.resolve("notebooks").resolve(name + ".ipynb");
  }

  /**
   * Executes a family's notebook against a run and writes {@code report.ipynb} and {@code
   * report.html} into the run folder (never overwriting: {@code report-2.html}, …).
   *
   * @param home the checkout
   * @param family the family
   * @param run the run folder
   * @param log where progress goes
   * @return what was written
   * @throws IOException if the notebook fails
   * @throws IllegalArgumentException if the family has no notebook or the run folder no results
   */
  public static Rendered family(Path home, String family, Path run, PrintStream log)
      throws IOException {
    long t0 = System.nanoTime();
    Path nb = notebook(home, family);
    if (!Files.isRegularFile(run.resolve("results.json"))) {
      throw new IllegalArgumentException(run + " is not a run folder (no results.json)");
    }
    Optional<Jupyter> jupyter = Jupyter.prepare(home, log);
    if (jupyter.isEmpty() || !Files.isRegularFile(nb)) {
      Path md = free(run, "report", ".md");
      Files.writeString(md, markdown(family, run), StandardCharsets.UTF_8);
      if (jupyter.isEmpty()) {
        log.println("    Jupyter is not installed, so no HTML report. Install it with:");
        log.println("      " + Jupyter.installHint());
        log.println("    then: scripts/atlas report " + family + " --results " + run);
      } else {
        log.println(
            "    no notebook " + home.relativize(nb) + " yet: wrote the Markdown report only");
      }
      return new Rendered(Optional.empty(), Optional.empty(), Optional.of(md), secs(t0));
    }
    String base =
        free(run, "report", ".html").getFileName().toString().replaceFirst("\\.html$", "");
    Path executed = run.resolve(base + ".ipynb");
    Path html = run.resolve(base + ".html");
    Map<String, String> env = new LinkedHashMap<>();
    env.put(AtlasPaths.HOME, home.toString());
    env.put(AtlasPaths.RESULTS, run.toAbsolutePath().toString());
    env.put(AtlasPaths.REPORT_DIR, run.toAbsolutePath().toString());
    jupyter.get().execute(nb, executed, env);
    jupyter.get().toHtml(executed, html);
    return new Rendered(Optional.of(html), Optional.of(executed), Optional.empty(), secs(t0));
  }

  /**
   * Executes the overview notebook for this machine and writes it under {@code
   * <output>/results/<machine>/overview/}.
   */
  public static Rendered overview(Path home, Path outputDir, PrintStream log) throws IOException {
    long t0 = System.nanoTime();
    Jupyter jupyter = require(home, log);
    Files.createDirectories(outputDir);
    String base =
        free(outputDir, "overview", ".html").getFileName().toString().replaceFirst("\\.html$", "");
    Path executed = outputDir.resolve(base + ".ipynb");
    Path html = outputDir.resolve(base + ".html");
    Map<String, String> env = new LinkedHashMap<>();
    env.put(AtlasPaths.HOME, home.toString());
    env.put(AtlasPaths.REPORT_DIR, outputDir.toAbsolutePath().toString());
    jupyter.execute(notebook(home, "overview"), executed, env);
    jupyter.toHtml(executed, html);
    return new Rendered(Optional.of(html), Optional.of(executed), Optional.empty(), secs(t0));
  }

  /**
   * Re-executes a committed notebook in place against the reference runs, so that it carries
   * outputs a code host shows without running anything.
   *
   * @param home the checkout
   * @param family a family or {@code overview}
   * @param log where progress goes
   * @return the seconds it took
   */
  public static double updateInPlace(Path home, String family, PrintStream log) throws IOException {
    long t0 = System.nanoTime();
    Path nb = notebook(home, family);
    if (!Files.isRegularFile(nb)) {
      throw new IllegalArgumentException("no notebook " + nb);
    }
    if (!family.equals("overview") && ReferenceRuns.load(home).run(family).isEmpty()) {
      throw new IllegalArgumentException(
          "results/reference.json names no reference run for "
              + family
              + "; add \""
              + family
              + "\": \"results/<machine>/"
              + family
              + "/<stamp>\" first");
    }
    Jupyter jupyter = require(home, log);
    Path tmp = Files.createTempDirectory("atlas-notebook-");
    try {
      Path executed = tmp.resolve(nb.getFileName());
      Map<String, String> env = new LinkedHashMap<>();
      env.put(AtlasPaths.HOME, home.toString());
      env.put(AtlasPaths.REPORT_DIR, nb.getParent().toAbsolutePath().toString());
      env.put(AtlasPaths.RESULTS, "");
      jupyter.execute(nb, executed, env);
      Files.move(executed, nb, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      try (var s = Files.list(tmp)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(tmp);
    }
    return secs(t0);
  }

  /**
   * Returns the family's report as Markdown, without Jupyter: provenance, the pairs table, the
   * verdict, the allocation check, the flame graphs and the comparison with the reference.
   */
  public static String markdown(String family, Path run) {
    if (family.equals("gc")) {
      GcReport gc = GcReport.load(run);
      return "# gc — report\n\n"
          + gc.header().text()
          + "\n## Verdict\n\n"
          + gc.verdict().text()
          + "\n## Configurations\n\n"
          + gc.configurations().text()
          + "\n## Configuration matrix\n\n"
          + gc.matrix().text()
          + "\n## What the containers got\n\n"
          + gc.containers().text()
          + "\n## Pitfall configuration vs fix configuration\n\n"
          + gc.configPairs().text()
          + "\n## Claims\n\n"
          + gc.claims().text()
          + '\n';
    }
    FamilyReport r = FamilyReport.load(family, run);
    StringBuilder md = new StringBuilder("# ").append(family).append(" — report\n\n");
    md.append(r.header().text()).append("\n## Verdict\n\n").append(r.verdict().text());
    md.append("\n## Pairs: fix vs pitfall\n\n").append(r.pairsTable().text());
    md.append("\n## Allocation per operation vs JOL\n\n").append(r.allocationCheck().text());
    md.append("\n## Flame graphs\n\n").append(r.flameGraphs().text());
    md.append("\n## This run vs the reference\n\n").append(r.vsReference().text()).append('\n');
    return md.toString();
  }

  private static Jupyter require(Path home, PrintStream log) {
    return Jupyter.prepare(home, log)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Jupyter is not installed; install it with: " + Jupyter.installHint()));
  }

  /** Returns {@code dir/<base><ext>}, or {@code <base>-2<ext>}, … whichever does not exist. */
  static Path free(Path dir, String base, String ext) {
    Path p = dir.resolve(base + ext);
    for (int i = 2; Files.exists(p) || Files.exists(dir.resolve(stem(p) + ".ipynb")); i++) {
      p = dir.resolve(base + "-" + i + ext);
    }
    return p;
  }

  private static String stem(Path p) {
    return p.getFileName().toString().replaceFirst("\\.[a-z]+$", "");
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
