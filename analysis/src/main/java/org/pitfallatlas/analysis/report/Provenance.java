package org.pitfallatlas.analysis.report;

import java.nio.file.Path;

/**
 * The report's header: where the results come from (run folder, machine, JDK, budget, profiler,
 * commit and tree, load average), and which run the notebook reads.
 */
final class Provenance {

  private final FamilyReport report;

  Provenance(FamilyReport report) {
    this.report = report;
  }

  /** Returns the run's provenance as a Markdown table: folder, machine, JDK, budget, profiler. */
  public Output header() {
    StringBuilder md = new StringBuilder();
    if (report.suiteOrNull() != null) {
      md.append("**")
          .append(report.family())
          .append(" — ")
          .append(report.suiteOrNull().title())
          .append("** (Go: ")
          .append(report.suiteOrNull().goPitfall())
          .append(")\n\n");
    }
    Path home = report.homeOrNull();
    String folder =
        home != null && report.run().startsWith(home)
            ? home.relativize(report.run()).toString()
            : report.run().toString();
    md.append("| results | |\n|:---|:---|\n");
    md.append("| run folder | `").append(folder).append("` |\n");
    md.append("| machine | ")
        .append(report.info().machine())
        .append(" (")
        .append(report.info().cpu())
        .append(") |\n");
    md.append("| kernel | ").append(report.info().kernel()).append(" |\n");
    md.append("| JDK | ").append(report.info().jdk()).append(" |\n");
    md.append("| budget | ").append(report.info().budget()).append(" |\n");
    md.append("| profiler | ").append(report.info().profiler()).append(" |\n");
    md.append("| status | ").append(report.info().status()).append(" |\n");
    md.append("| commit | ")
        .append(report.info().commit())
        .append(report.info().tree().equals("unknown") ? "" : ", " + report.info().tree())
        .append(" |\n");
    md.append("| load average (1 min) | ").append(report.info().load()).append(" |\n");
    md.append("| reading | ")
        .append(
            AtlasPaths.resultsOverride().isPresent()
                ? "`$ATLAS_RESULTS`"
                : "the reference run (results/reference.json)")
        .append(" |\n");
    return Output.markdown(md.toString());
  }
}
