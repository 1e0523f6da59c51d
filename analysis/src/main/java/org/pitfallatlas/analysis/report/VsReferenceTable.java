package org.pitfallatlas.analysis.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pitfallatlas.analysis.compare.Metrics;

/**
 * How a run compares with its family's committed reference run: per pair and point, whether the
 * fix/pitfall ratio intervals overlap and how far the ratio moved (see {@link
 * ReferenceComparison}).
 */
final class VsReferenceTable {

  private final FamilyReport report;

  VsReferenceTable(FamilyReport report) {
    this.report = report;
  }

  /**
   * Returns how this run compares with the family's committed reference run: per pair and point,
   * whether the fix/pitfall ratio intervals overlap and how far the ratio moved.
   */
  public Output vsReference() {
    Path home = report.homeOrNull();
    Optional<Path> ref =
        home == null ? Optional.empty() : ReferenceRuns.load(home).run(report.family());
    if (ref.isEmpty() || !Files.isDirectory(ref.get())) {
      return Output.markdown(
          "_No reference run of "
              + report.family()
              + " is committed yet (results/reference.json)._");
    }
    if (ref.get().toAbsolutePath().normalize().equals(report.run())) {
      return Output.markdown(
          "_This is the reference run. Run `scripts/atlas run "
              + report.family()
              + "` on your machine: its report compares your ratios with these._");
    }
    FamilyReport reference = FamilyReport.load(report.family(), ref.get());
    ReferenceComparison cmp = ReferenceComparison.of(report.table(), reference.table());
    StringBuilder md = new StringBuilder();
    md.append("**This run** (")
        .append(report.info().machine())
        .append(", ")
        .append(report.info().stamp())
        .append(") **vs the reference** (")
        .append(reference.info().machine())
        .append(", ")
        .append(reference.info().stamp())
        .append("): the fix/pitfall time ratios agree (95% simultaneous intervals overlap) in ")
        .append(cmp.summary(FamilyReport.TIME))
        .append(" rows; B/op ratios in ")
        .append(cmp.summary(Metrics.ALLOC))
        .append(".\n\n");
    String kernels = RunInfo.kernelNote(report.info(), reference.info());
    if (!kernels.isEmpty()) {
      md.append(kernels).append("\n\n");
    }
    if (report.table().rows().stream()
        .anyMatch(r -> r.columns().get(0).forks() < 2 || r.columns().get(0).n() < 3)) {
      md.append(
          "_This run has one fork (or too few iterations) per point, as the smoke budget does: its"
              + " intervals are degenerate, so a \"differs\" here says little. Compare a quick or"
              + " full run._\n\n");
    }
    md.append("Time:\n\n").append(cmp.markdown(FamilyReport.TIME)).append("\n");
    md.append("B/op:\n\n").append(cmp.markdown(Metrics.ALLOC));
    return Output.markdown(md.toString());
  }
}
