package org.pitfallatlas.analysis.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.env.Machine;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.stats.Verdict;
import org.pitfallatlas.analysis.suite.PairSpec;
import org.pitfallatlas.analysis.suite.Suite;
import org.pitfallatlas.analysis.suite.SuiteCatalog;

/**
 * The Overview is what the atlas's front notebook shows: every family and pair with its verdict
 * (from the committed reference runs), the claims ledger, and "your machine vs the reference" — the
 * newest run of each family on this machine against the reference run.
 */
public final class Overview {

  private final Path home;
  private final List<Suite> suites;
  private final ReferenceRuns references;
  private final Map<String, Optional<FamilyReport>> reports = new LinkedHashMap<>();

  private Overview(Path home, List<Suite> suites, ReferenceRuns references) {
    this.home = home;
    this.suites = suites;
    this.references = references;
  }

  /** Loads the overview of the checkout {@link AtlasPaths#home()}. */
  public static Overview load() {
    Path home = AtlasPaths.home();
    return new Overview(
        home,
        SuiteCatalog.load(home.resolve("benchmarks/suites")).suites(),
        ReferenceRuns.load(home));
  }

  /** Returns the reference report of a family, if it has a reference run. */
  public Optional<FamilyReport> reference(String family) {
    return reports.computeIfAbsent(
        family,
        f ->
            references
                .run(f)
                .filter(p -> Files.isRegularFile(p.resolve("results.json")))
                .map(p -> FamilyReport.load(f, p)));
  }

  /** Returns one line per family: its pairs and how their time comparisons came out. */
  public Output families() {
    StringBuilder md =
        new StringBuilder(
            "| family | Go pitfall | pairs | reference run | fix faster (time) | fix allocates less |\n"
                + "|:---|:---|---:|:---|:---|:---|\n");
    for (Suite s : suites) {
      Optional<FamilyReport> r = reference(s.family());
      md.append("| **")
          .append(s.family())
          .append("** ")
          .append(ClaimsLedger.cell(s.title()))
          .append(" | ")
          .append(ClaimsLedger.cell(s.goPitfall() == null ? "" : s.goPitfall()))
          .append(" | ")
          .append(s.pairs().size())
          .append(" | ");
      if (r.isEmpty()) {
        md.append("_none yet_ | | |\n");
        continue;
      }
      RunInfo info = r.get().info();
      md.append(info.machine())
          .append(", ")
          .append(info.budget().split(" ")[0])
          .append(", ")
          .append(info.stamp())
          .append(" | ")
          .append(tally(r.get().table(), "time"))
          .append(" | ")
          .append(tally(r.get().table(), Metrics.ALLOC))
          .append(" |\n");
    }
    return Output.markdown(md.toString());
  }

  /**
   * Returns one line per pair class: what it tests (from the suite file) and its best time and B/op
   * result in the reference run.
   */
  public Output pairs() {
    StringBuilder md =
        new StringBuilder(
            "| family | pair | what it tests | best time speedup (point) | verdicts |\n"
                + "|:---|:---|:---|:---|:---|\n");
    for (Suite s : suites) {
      Optional<FamilyReport> r = reference(s.family());
      for (PairSpec p : s.pairs()) {
        md.append("| ")
            .append(s.family())
            .append(" | ")
            .append(p.className())
            .append(" | ")
            .append(ClaimsLedger.cell(p.claim() == null ? "" : p.claim()))
            .append(" | ");
        if (r.isEmpty()) {
          md.append("not measured | |\n");
          continue;
        }
        List<Row> rows =
            r.get().table().rows().stream()
                .filter(x -> FamilyReport.simple(x.benchmark()).equals(p.className()))
                .filter(x -> x.metric().equals("time"))
                .toList();
        Optional<Row> best =
            rows.stream()
                .max(
                    (a, b) ->
                        Double.compare(
                            a.deltas().get(0).speedup(a.direction()),
                            b.deltas().get(0).speedup(b.direction())));
        md.append(
                best.map(
                        b ->
                            Numbers.times(b.deltas().get(0).speedup(b.direction()))
                                + " ("
                                + b.name().substring(b.name().indexOf('.') + 1)
                                + ")")
                    .orElse("not measured"))
            .append(" | ")
            .append(counts(rows))
            .append(" |\n");
      }
    }
    return Output.markdown(md.toString());
  }

  /** Returns the claims ledger evaluated against the reference runs. */
  public List<ClaimsLedger.Entry> ledger() {
    return ClaimsLedger.load(home).evaluateReports(this::reference);
  }

  /** Returns the claims ledger as a Markdown table, with a tally. */
  public Output claims() {
    List<ClaimsLedger.Entry> entries = ledger();
    return Output.markdown(
        "**Claims:** "
            + ClaimsLedger.tally(entries)
            + ".\n\n"
            + ClaimsLedger.RULE
            + "\n\n"
            + ClaimsLedger.markdown(entries));
  }

  /**
   * Returns the measured claims as a forest plot: the fix's speedup with its interval, and the
   * claimed speedup as a cross.
   */
  public Output claimsChart() {
    RowPlot plot =
        new RowPlot(
            "claims: measured speedup of the fix (95% simultaneous CI) vs the claimed figure (x)",
            "how many times better the fix is (log scale; right of 1: better)", true);
    int n = 0;
    for (ClaimsLedger.Entry e : ledger()) {
      if (e.row().isEmpty()) {
        continue;
      }
      // A fix that allocates nothing has an unbounded speedup: drawn at the edge, labelled.
      double cap = 1000;
      double lo = Math.min(e.speedupLo(), cap);
      double hi = Math.min(e.speedupHi(), cap);
      double c = Math.min(e.speedup(), cap);
      int row = plot.row(e.claim().id() + (e.fixAllocatesNothing() || c >= cap ? " (≥1000×)" : ""));
      plot.interval(row, lo, c, hi, verdictColor(e.verdict()));
      if (e.claim().expectedRatio() != null && e.claim().expectedRatio() > 0) {
        plot.point(
            row, 1 / e.claim().expectedRatio(), java.awt.Color.BLACK, RowPlot.Shape.CROSS, 0);
      }
      n++;
    }
    if (n == 0) {
      return Output.markdown("_No claim is measured yet: no reference runs._");
    }
    plot.reference(1)
        .legend("reproduces", Charts.FIX)
        .legend("stronger / weaker on the JVM", Charts.SLOWER)
        .legend("no effect / contradicted", Charts.PITFALL)
        .legend("inconclusive", Charts.NEUTRAL)
        .legend("x claimed", java.awt.Color.BLACK);
    return plot.output("claims: measured vs claimed speedups");
  }

  /**
   * Returns, for each family, the newest run on this machine ({@code $ATLAS_OUTPUT_DIR/results/
   * <machine>/<family>/}) against the family's reference run.
   */
  public Output vsReference() {
    String machine = Machine.current().slug();
    Path output = AtlasPaths.outputRoot();
    StringBuilder md =
        new StringBuilder("This machine: **")
            .append(machine)
            .append("** (results in `")
            .append(output)
            .append("`).\n\n");
    md.append(
        "| family | your run | reference run | time ratios agree | B/op ratios agree | largest move |\n");
    md.append("|:---|:---|:---|---:|---:|:---|\n");
    List<String> details = new ArrayList<>();
    for (Suite s : suites) {
      Optional<FamilyReport> ref = reference(s.family());
      Optional<Path> local = ReferenceRuns.latestLocal(output, machine, s.family());
      md.append("| ").append(s.family()).append(" | ");
      if (local.isEmpty()) {
        md.append("_none: `scripts/atlas run ").append(s.family()).append("`_ | ");
      } else {
        md.append(local.get().getFileName()).append(" | ");
      }
      if (ref.isEmpty()) {
        md.append("_none yet_ | | | |\n");
        continue;
      }
      md.append(ref.get().info().machine())
          .append(", ")
          .append(ref.get().info().stamp())
          .append(" | ");
      if (local.isEmpty()) {
        md.append(" | | |\n");
        continue;
      }
      if (local.get().toAbsolutePath().normalize().equals(ref.get().run())) {
        md.append("_this is the reference run_ | | |\n");
        continue;
      }
      FamilyReport mine = FamilyReport.load(s.family(), local.get());
      ReferenceComparison cmp = ReferenceComparison.of(mine.table(), ref.get().table());
      ReferenceComparison.Item moved =
          cmp.items("time").stream()
              .filter(i -> !Double.isNaN(i.moved()))
              .max((a, b) -> Double.compare(Math.abs(a.moved()), Math.abs(b.moved())))
              .orElse(null);
      md.append(cmp.summary("time"))
          .append(" | ")
          .append(cmp.summary(Metrics.ALLOC))
          .append(" | ")
          .append(
              moved == null
                  ? ""
                  : ClaimsLedger.cell(moved.name()) + ": " + Numbers.change(1 + moved.moved()))
          .append(" |\n");
      details.add(
          "**"
              + s.family()
              + "**, time (fix/pitfall here vs reference):\n\n"
              + cmp.markdown("time"));
    }
    if (!details.isEmpty()) {
      md.append("\n").append(String.join("\n", details));
    }
    return Output.markdown(md.toString());
  }

  private static String tally(Table t, String metric) {
    return counts(t.rows().stream().filter(r -> r.metric().equals(metric)).toList());
  }

  private static String counts(List<Row> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    long faster = rows.stream().filter(r -> r.deltas().get(0).verdict() == Verdict.FASTER).count();
    Map<Verdict, Long> rest = new LinkedHashMap<>();
    rows.stream()
        .map(r -> r.deltas().get(0).verdict())
        .filter(v -> v != Verdict.FASTER)
        .forEach(v -> rest.merge(v, 1L, Long::sum));
    StringBuilder sb = new StringBuilder().append(faster).append(" of ").append(rows.size());
    rest.forEach((v, k) -> sb.append(", ").append(k).append(' ').append(v.label()));
    return sb.toString();
  }

  private static java.awt.Color verdictColor(ClaimVerdict v) {
    return switch (v) {
      case REPRODUCES -> Charts.FIX;
      case STRONGER, WEAKER -> Charts.SLOWER;
      case NO_EFFECT, CONTRADICTED -> Charts.PITFALL;
      case INCONCLUSIVE, MIXED, NOT_MEASURED, NOT_COMPARABLE -> Charts.NEUTRAL;
    };
  }
}
