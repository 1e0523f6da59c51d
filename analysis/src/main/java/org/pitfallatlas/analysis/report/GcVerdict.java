package org.pitfallatlas.analysis.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.pitfallatlas.analysis.compare.CompareException;
import org.pitfallatlas.analysis.compare.ConfigPairs;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * GcVerdict is the gc notebook's verdict, written from the data: per collector whether more
 * headroom removed GC spikes from p99 ({@link GcHeadroomVerdict}), what the container trap cost
 * ({@link GcContainerVerdict}), and the engine's p99 rows for G1's pause goal and for the
 * constant-work allocation pair.
 *
 * @param run the loaded run
 */
record GcVerdict(GcRun run) {

  /** The verdict as a bulleted list under a line naming the machine, budget and point. */
  Output output() {
    StringBuilder md = new StringBuilder();
    RunInfo info = run.base().info();
    md.append("**Verdict (from ")
        .append(info.machine())
        .append(", ")
        .append(info.budget().split(" ")[0])
        .append(" budget, at ")
        .append(run.pointLabel())
        .append("):**\n\n");
    Table steps = headroomSteps();
    for (String collector : List.of("G1", "ZGC")) {
      md.append("- ").append(new GcHeadroomVerdict(run, steps).of(collector)).append('\n');
    }
    md.append("- ").append(new GcContainerVerdict(run).sentence()).append('\n');
    rowVerdict(
            "**G1's pause goal** (`g1-2x` → `g1-2x-pause5`, -XX:MaxGCPauseMillis=5, open loop",
            r ->
                r.benchmark().endsWith("ServiceLatency.openLoop")
                    && r.name().contains("g1-2x vs g1-2x-pause5"))
        .ifPresent(t -> md.append("- ").append(t).append('\n'));
    rowVerdict(
            "**Allocation hot spot, same work** (AllocationLatency: buffers reused instead of"
                + " allocated per request, open loop",
            r -> r.benchmark().endsWith("AllocationLatency"))
        .ifPresent(
            t ->
                md.append("- ")
                    .append(t)
                    .append(" The claim is a 30–50% cut (a ratio of 0.5–0.7).\n"));
    return Output.markdown(md.toString());
  }

  /**
   * One sentence from the p99 rows of the pitfall-vs-fix table that {@code which} selects: the
   * ratio fix/pitfall with its interval and verdict per row; empty when the run has none.
   */
  private Optional<String> rowVerdict(String lead, Predicate<Row> which) {
    List<String> parts = new ArrayList<>();
    for (Row r : run.base().table().rows()) {
      if (!r.metric().equals("p99") || !which.test(r) || r.deltas().isEmpty()) {
        continue;
      }
      var d = r.deltas().get(0);
      parts.add(
          String.format(
              Locale.ROOT,
              "%sat %s: p99 × %s [%s, %s], %s",
              r.config().equals("default") ? "" : "`" + r.config() + "` ",
              "load " + r.params().getOrDefault("load", "?"),
              Numbers.value(d.ratio()),
              Numbers.value(d.lo()),
              Numbers.value(d.hi()),
              d.verdict() == Verdict.NO_DIFFERENCE
                  ? "undecided"
                  : "**" + d.verdict().label() + "**"));
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(lead + "): " + String.join("; ", parts) + " (fix/pitfall, 95% simult.).");
  }

  /** The statistics engine's comparisons of adjacent heap factors, per collector; null if none. */
  private Table headroomSteps() {
    List<ConfigPairs.Spec> specs = new ArrayList<>();
    for (String collector : List.of("G1", "ZGC", "Parallel")) {
      for (int i = 0; i + 1 < GcRun.FACTORS.length; i++) {
        Optional<GcReport.Config> a = run.config(collector, GcRun.FACTORS[i]);
        Optional<GcReport.Config> b = run.config(collector, GcRun.FACTORS[i + 1]);
        if (a.isPresent() && b.isPresent()) {
          specs.add(new ConfigPairs.Spec(a.get().id(), b.get().id()));
        }
      }
    }
    FamilyReport base = run.base();
    try {
      return ConfigPairs.ofRun(
          base.results(),
          specs,
          Options.withDefaults(),
          c -> base.suite().map(s -> s.runsEverywhere(c)).orElse(true),
          false);
    } catch (CompareException e) {
      return null;
    }
  }
}
