package org.pitfallatlas.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;
import org.pitfallatlas.analysis.gclog.GcLogSummary;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * GcContainers is the gc notebook's table of what the container configurations really got ({@code
 * containers.json}): a real cgroup (v1 or v2) or emulated flags, and the collector and heap the JVM
 * picked inside — checked by the runner before the run with {@code java -version}, and by the
 * benchmark forks' own GC logs.
 *
 * @param run the loaded run
 */
record GcContainers(GcRun run) {

  /** The table, one row per container configuration. */
  Output output() {
    JsonNode containers = run.containers();
    if (containers.isMissingNode() || !containers.isObject() || containers.isEmpty()) {
      return Output.markdown(
          "_No containers.json in this run: its container configurations were not run, or the run"
              + " predates container limits._");
    }
    StringBuilder md =
        new StringBuilder(
            "| configuration | limit | applied as | the JVM saw | it picked (java -version) |"
                + " the forks' GC log | limit took effect |\n"
                + "|:---|:---|:---|:---|:---|:---|:---|\n");
    containers.fields().forEachRemaining(e -> row(md, e.getKey(), e.getValue()));
    return Output.markdown(md.toString());
  }

  private void row(StringBuilder md, String id, JsonNode c) {
    JsonNode v = c.path("jvmView");
    GcLogSummary gc = run.cell(id).map(Cell::gc).orElse(null);
    String mode = c.path("mode").asText("?");
    if (mode.equals("emulated")) {
      mode +=
          " (-XX:ActiveProcessorCount, -XX:MaxRAM: nothing enforces the limit; "
              + ClaimsLedger.cell(c.path("fallbackReason").asText(""))
              + ")";
    }
    md.append("| ")
        .append(id)
        .append(" | ")
        .append(c.path("cpus").asInt())
        .append(" CPU, ")
        .append(c.path("memoryMiB").asLong())
        .append(" MiB | ")
        .append(mode)
        .append(" | ")
        .append(v.path("cpusAvailable").asInt())
        .append(" CPU, ")
        .append(v.path("memoryMiB").asLong())
        .append(" MiB")
        .append(
            v.path("containerized").asBoolean()
                ? " (" + v.path("containerProvider").asText() + ")"
                : " (not containerized)")
        .append(" | ")
        .append(v.path("collector").asText("?"))
        .append(", heap ")
        .append(v.path("heapMaxMiB").asLong())
        .append(" MiB (")
        .append(Numbers.percent(v.path("heapMaxMiB").asDouble() / c.path("memoryMiB").asDouble(1)))
        .append(" of the limit) | ")
        .append(
            gc == null
                ? "no log"
                : gc.collector()
                    + ", heap "
                    + gc.heapMaxMiB()
                    + " MiB, "
                    + gc.cpusAvailable()
                    + " CPU")
        .append(" | ")
        .append(c.path("tookEffect").asBoolean() ? "yes" : "**no**")
        .append(" |\n");
  }
}
