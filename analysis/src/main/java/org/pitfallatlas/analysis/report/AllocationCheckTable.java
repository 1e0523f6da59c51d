package org.pitfallatlas.analysis.report;

import java.util.List;
import java.util.Locale;
import org.pitfallatlas.analysis.run.AllocationCheck;

/** The measured B/op of a family's run against the JOL-derived expectations of its suite file. */
final class AllocationCheckTable {

  private final FamilyReport report;

  AllocationCheckTable(FamilyReport report) {
    this.report = report;
  }

  /** Returns the measured B/op against the JOL-derived expectations of the suite file. */
  public Output allocationCheck() {
    if (report.suiteOrNull() == null) {
      return Output.markdown("_No suite file: no allocation expectations to check._");
    }
    List<AllocationCheck.Row> rows =
        AllocationCheck.check(report.suiteOrNull(), report.results().source());
    if (rows.isEmpty()) {
      return Output.markdown("_The suite file states no expected B/op for this run's points._");
    }
    StringBuilder md =
        new StringBuilder(
            "| pair | method | params | expected B/op (JOL) | measured B/op | check |\n"
                + "|:---|:---|:---|---:|---:|:---|\n");
    for (AllocationCheck.Row r : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.0f | %.1f | %s |%n",
              r.pair(),
              r.method(),
              r.params(),
              r.expected(),
              r.measured(),
              Double.isNaN(r.measured())
                  ? "not measured"
                  : r.matches() ? "matches" : "**differs**"));
    }
    return Output.markdown(md.toString());
  }
}
