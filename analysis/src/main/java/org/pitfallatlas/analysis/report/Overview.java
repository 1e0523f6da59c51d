package org.pitfallatlas.analysis.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pitfallatlas.analysis.compare.Delta;
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

  /**
   * Returns what the atlas found, first: one line per Go claim, grouped by family (each family
   * linked to its notebook), the Go figure, the JVM verdict and the measured fix/pitfall ratio with
   * its 95% simultaneous interval — one line per measured row, labelled with the row's id as the
   * claims chart labels it.
   */
  public Output findings() {
    List<ClaimsLedger.Entry> entries = ledger();
    StringBuilder md =
        new StringBuilder("**What the atlas found:** ")
            .append(ClaimsLedger.tally(entries))
            .append(
                ". Ratios are fix/pitfall: below 1 the fix is better (0.25 = four times better);"
                    + " the bracket is the 95% simultaneous interval over forks. The chart below"
                    + " draws the same rows by id, and the full ledger (every row, its allowed range"
                    + " and why) follows it.\n\n")
            .append(
                "| family | Go claim | Go figure | JVM verdict | measured on the JVM (id: pair, point,")
            .append(" metric: fix/pitfall [95% CI], row verdict) |\n")
            .append("|:---|:---|:---|:---|:---|\n");
    List<ClaimsLedger.Counted> counted = ClaimsLedger.rollUp(entries);
    for (Suite s : suites) {
      boolean first = true;
      for (ClaimsLedger.Counted k : counted) {
        if (!k.rows().get(0).claim().family().equals(s.family())) {
          continue;
        }
        Claim c = k.rows().get(0).claim();
        md.append("| ")
            .append(first ? "[**" + s.family() + "**](" + s.family() + ".ipynb)" : "")
            .append(" | ")
            .append(ClaimsLedger.cell(c.claim()))
            .append(" | ")
            .append(ClaimsLedger.cell(c.sourceFigure() == null ? "—" : c.sourceFigure()))
            .append(" | **")
            .append(k.verdict().label())
            .append("** | ");
        List<String> lines = new ArrayList<>();
        for (ClaimsLedger.Entry e : k.rows()) {
          lines.add(measuredLine(e, k.rows().size() > 1));
        }
        md.append(String.join("<br>", lines)).append(" |\n");
        first = false;
      }
    }
    return Output.markdown(md.toString());
  }

  private static String measuredLine(ClaimsLedger.Entry e, boolean withVerdict) {
    Claim c = e.claim();
    String what = "`" + c.id() + "`: " + ClaimsLedger.cell(c.label());
    if (e.verdict() == ClaimVerdict.NOT_COMPARABLE || e.row().isEmpty() && !c.measuresShare()) {
      return what + " — " + ClaimsLedger.cell(e.note());
    }
    String metric =
        c.metric().equals(Metrics.ALLOC)
            ? "B/op"
            : c.measuresShare()
                ? "share of runtime"
                : c.measuresCpuShare() ? "share of cpu samples" : c.metric();
    return what
        + ", "
        + metric
        + ": "
        + e.measured()
        + (withVerdict ? " (" + e.verdict().label() + ")" : "");
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
            "claims: fix/pitfall ratio measured (95% simultaneous CI) vs the claimed figure (x)",
            "fix/pitfall (log scale; left of the dashed line: the fix is better)", true);
    int n = 0;
    // In the findings table's order: family by family, in suite order.
    List<ClaimsLedger.Entry> entries = ledger();
    List<ClaimsLedger.Entry> ordered = new ArrayList<>();
    for (Suite s : suites) {
      entries.stream().filter(e -> e.claim().family().equals(s.family())).forEach(ordered::add);
    }
    for (ClaimsLedger.Entry e : ordered) {
      if (e.row().isEmpty() || e.claim().measuresShare() || e.claim().measuresCpuShare()) {
        continue;
      }
      // A fix that allocates nothing has a zero ratio: drawn at the edge, labelled.
      double floor = 0.001;
      double lo = Math.max(1 / e.speedupHi(), floor);
      double hi = Math.max(1 / e.speedupLo(), floor);
      double c = Math.max(1 / e.speedup(), floor);
      int row =
          plot.row(e.claim().id() + (e.fixAllocatesNothing() || c <= floor ? " (≤0.001)" : ""));
      plot.interval(row, lo, c, hi, verdictColor(e.verdict()));
      if (e.claim().expectedRatio() != null && e.claim().expectedRatio() > 0) {
        plot.point(row, e.claim().expectedRatio(), java.awt.Color.BLACK, RowPlot.Shape.CROSS, 0);
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
    return plot.output("claims: measured vs claimed fix/pitfall ratios");
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
            .append("** (its runs: `results/")
            .append(machine)
            .append("/<family>/` under `$ATLAS_OUTPUT_DIR`, else under this checkout).\n\n");
    List<String> details = new ArrayList<>();
    md.append(
        "| family | your run | reference run | time ratios agree | B/op ratios agree | largest move |\n");
    md.append("|:---|:---|:---|---:|---:|:---|\n");
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
                  : ClaimsLedger.cell(moved.name()) + ": " + Numbers.ratio(1 + moved.moved()))
          .append(" |\n");
      String off = cmp.disagreements("time");
      String kernels = RunInfo.kernelNote(mine.info(), ref.get().info());
      if (!off.isEmpty() || !kernels.isEmpty()) {
        details.add(
            "**"
                + s.family()
                + "**"
                + (kernels.isEmpty() ? "" : ": " + kernels)
                + (off.isEmpty() ? "\n" : "\n\nTime rows that do not agree:\n\n" + off));
      }
    }
    if (!details.isEmpty()) {
      md.append("\n").append(String.join("\n", details));
    }
    md.append(
        "\nRow by row: each family notebook's \"Your machine vs the reference\" section, or"
            + " `scripts/atlas compare` on two run folders.\n");
    return Output.markdown(md.toString());
  }

  /**
   * Returns a worked example of "your machine vs the reference": one committed run of a family set
   * against the family's reference run, read row by row — what the two intervals are, why they
   * agree or not, what "moved" means — then the whole comparison.
   *
   * @param family the family
   * @param run the other run's folder, relative to the checkout (e.g. a second run from a fresh
   *     clone)
   */
  public Output workedExample(String family, String run) {
    Path dir = home.resolve(run).normalize();
    if (!Files.isRegularFile(dir.resolve("results.json"))) {
      return Output.markdown(
          "_No worked example: `"
              + run
              + "` has no results.json. Pass the folder of a finished run of "
              + family
              + " (relative to the checkout)._");
    }
    Optional<FamilyReport> ref = reference(family);
    if (ref.isEmpty()) {
      return Output.markdown("_No worked example: " + family + " has no reference run yet._");
    }
    FamilyReport mine = FamilyReport.load(family, dir);
    RunInfo a = mine.info();
    RunInfo b = ref.get().info();
    ReferenceComparison cmp = ReferenceComparison.of(mine.table(), ref.get().table());
    List<ReferenceComparison.Item> time =
        cmp.items("time").stream().filter(ReferenceComparison.Item::both).toList();
    StringBuilder md =
        new StringBuilder("**A worked example.** `")
            .append(run)
            .append("` is a run of **")
            .append(family)
            .append("** on ")
            .append(a.machine())
            .append(" (")
            .append(a.budget().split(" ")[0])
            .append(" budget, commit ")
            .append(shortCommit(a.commit()))
            .append(", ")
            .append(a.tree())
            .append("); the reference run is ")
            .append(b.stamp())
            .append(" on ")
            .append(b.machine())
            .append(" (commit ")
            .append(shortCommit(b.commit()))
            .append(", ")
            .append(b.tree())
            .append("). ")
            .append(sourcesChanged(family, a.commit(), b.commit()))
            .append(RunInfo.kernelNote(a, b).isEmpty() ? "" : " " + RunInfo.kernelNote(a, b))
            .append("\n\n");
    if (time.isEmpty()) {
      return Output.markdown(md.append("The two runs share no time rows.").toString());
    }
    ReferenceComparison.Item moved =
        time.stream()
            .filter(i -> !Double.isNaN(i.moved()))
            .max((x, y) -> Double.compare(Math.abs(x.moved()), Math.abs(y.moved())))
            .orElse(time.get(0));
    Delta here = moved.local().orElseThrow();
    Delta there = moved.reference().orElseThrow();
    md.append("Read the row that moved most, **")
        .append(ClaimsLedger.cell(moved.name()))
        .append("**: here the fix/pitfall time ratio is ")
        .append(interval(here))
        .append(", in the reference ")
        .append(interval(there))
        .append(". ")
        .append(
            moved.overlaps()
                ? "The two intervals overlap, so the run **agrees** with the reference on this"
                    + " row: the pitfall costs this run the same share within what the forks can"
                    + " resolve, "
                : "The two intervals do not overlap, so the run **differs** from the reference on"
                    + " this row, ")
        .append("even though the ratio itself moved by ")
        .append(Numbers.ratio(1 + moved.moved()))
        .append(
            " (here / reference, the table's \"moved\" column). Raw times are never compared: a faster machine agrees"
                + " as long as the ratio does.\n\nOver all rows: time ratios agree on ")
        .append(cmp.summary("time"))
        .append(", B/op ratios on ")
        .append(cmp.summary(Metrics.ALLOC))
        .append(".\n\n")
        .append(cmp.markdown("time"));
    return Output.markdown(md.toString());
  }

  private static String interval(Delta d) {
    return ClaimsLedger.ratio(d.ratio())
        + " ["
        + ClaimsLedger.ratio(d.lo())
        + ", "
        + ClaimsLedger.ratio(d.hi())
        + "]";
  }

  private static String shortCommit(String commit) {
    return commit.length() > 7 ? commit.substring(0, 7) : commit;
  }

  /**
   * Says whether the family's benchmark sources differ between two commits (git diff), so a
   * difference between runs can be told apart from a change of code; empty when git cannot say.
   */
  private String sourcesChanged(String family, String a, String b) {
    if (a.equals(b)) {
      return "Both runs were made from the same commit.";
    }
    String dir = "benchmarks/src/main/java/org/pitfallatlas/" + family;
    try {
      Process p =
          new ProcessBuilder("git", "diff", "--name-only", a, b, "--", dir)
              .directory(home.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      List<String> files =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .lines()
              .map(f -> f.substring(f.lastIndexOf('/') + 1))
              .toList();
      if (p.waitFor() != 0) {
        return "";
      }
      return files.isEmpty()
          ? "The family's benchmark sources (`" + dir + "`) are the same in both commits."
          : "Between the two commits the family's benchmark sources changed in "
              + String.join(", ", files)
              + " (`git diff "
              + shortCommit(a)
              + " "
              + shortCommit(b)
              + " -- "
              + dir
              + "` shows how): a ratio that moved there may be a change of code, not of machine.";
    } catch (java.io.IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
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
