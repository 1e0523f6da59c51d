package org.pitfallatlas.analysis.report;

import java.util.List;

/**
 * GcConfigurations are the gc notebook's two tables of configurations: as the suite declares them
 * (collector, heap limit, flags, container, whether it fits), and the configuration matrix of what
 * each measured at every point.
 *
 * @param run the loaded run
 */
record GcConfigurations(GcRun run) {

  /** The configurations as declared: collector, heap limit, flags, container, status. */
  Output declared() {
    StringBuilder md =
        new StringBuilder(
            "| configuration | collector | heap (× live set) | JVM flags | container | result |\n"
                + "|:---|:---|---:|:---|:---|:---|\n");
    for (GcReport.Config c : run.configs()) {
      md.append("| ")
          .append(c.id())
          .append(" | ")
          .append(c.collector())
          .append(" | ")
          .append(Double.isNaN(c.heapFactor()) ? "ergonomic" : GcFormat.factor(c.heapFactor()))
          .append(" | `")
          .append(c.jvmArgs().isEmpty() ? "(none)" : String.join(" ", c.jvmArgs()))
          .append("` | ")
          .append(c.container().isEmpty() ? "—" : c.container())
          .append(" | ")
          .append(
              c.failure().isEmpty()
                  ? "measured"
                  : "**does not fit** — " + ClaimsLedger.cell(c.failure()))
          .append(" |\n");
    }
    return Output.markdown(md.toString());
  }

  /** The configuration matrix at every point, then the configurations that do not fit. */
  Output matrix() {
    StringBuilder md = new StringBuilder(run.matrix().toMarkdown());
    List<GcReport.Config> failed =
        run.configs().stream().filter(c -> !c.failure().isEmpty()).toList();
    if (!failed.isEmpty()) {
      md.append("Does not fit:\n\n");
      failed.forEach(
          c -> md.append("- `").append(c.id()).append("`: ").append(c.failure()).append('\n'));
    }
    return Output.markdown(md.toString());
  }
}
