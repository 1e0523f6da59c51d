package org.pitfallatlas.analysis.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.pitfallatlas.analysis.compare.ConfigPairs;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.latency.OpenLoopResults;
import org.pitfallatlas.analysis.profile.ProfileFolders;
import org.pitfallatlas.analysis.profile.ProfileShare;
import org.pitfallatlas.analysis.profile.SlicedStacks;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * The ClaimsLedger puts each claim from the Go sources next to what the atlas measured: claim →
 * pair → measured ratio with its interval → verdict. The numbers are the pairs table's (the same
 * engine as {@code atlas pairs}); this class only looks rows up and decides the claim's verdict.
 *
 * <p>Rules, in the metric's own direction (speedup = how many times better the fix is). A claimed
 * figure is read as a range of effects, where the effect is the logarithm of the speedup, so "±25%"
 * is a quarter of the effect (−18% runtime, a 1.22× speedup, allows 1.17–1.28×):
 *
 * <ul>
 *   <li>a bare figure ({@link Claim#EXACT}): its effect ±25% ({@link #EXACT_TOLERANCE});
 *   <li>"~" ({@link Claim#ABOUT}): its effect ±50% ({@link #ABOUT_TOLERANCE});
 *   <li>"up to X" ({@link Claim#UP_TO}): a best case, from half of X's effect to X's effect, each
 *       end widened by the bare figure's 25%;
 *   <li>a range ({@link Claim#RANGE}): from its smaller to its larger effect, widened the same way.
 * </ul>
 *
 * Then:
 *
 * <ul>
 *   <li><b>not comparable</b>: the claim says why no JVM pair can test it ({@code notComparable});
 *   <li><b>not measured</b>: no pair named, no run for the family, or no row at the claim's point;
 *   <li><b>inconclusive</b>: the pairs table's verdict is "~": not enough evidence either way;
 *   <li><b>no effect on the JVM</b>: the verdict is "equivalent", or the claim has a figure and the
 *       whole measured interval of the speedup lies within a tenth of the claimed effect ({@link
 *       #claimMargin}: for "~3× faster" within ×/÷ 1.116), whatever its p-value: a difference that
 *       small, even if significant, is not the claimed one;
 *   <li><b>contradicted</b>: the verdict is "slower" (the fix is worse);
 *   <li><b>reproduces</b>: "faster", and the measured interval overlaps the allowed range (a claim
 *       without a figure reproduces when faster);
 *   <li><b>stronger / weaker on the JVM</b>: "faster", and the whole interval lies above / below
 *       the allowed range (a fix that allocates nothing is stronger than any "X× less" claim).
 * </ul>
 *
 * <p>A claim that a "fix" is worse ({@code "expect": "worse"}, e.g. "for small objects a pool can
 * cost more than it saves") reproduces when the pairs table's verdict is "slower", is contradicted
 * when it is "faster", shows no effect when "equivalent", and is inconclusive on a "~".
 *
 * <p>A claimed share of the CPU ({@link Claim#CPU_SHARE}: "20% of the CPU goes to context switching
 * and locking") is read from the cpu profile the runner kept for one method ({@link ProfileShare}:
 * the share of its samples whose stack holds any of the claim's frames, with a 95% interval over
 * the recording's time slices). The claimed share allows the same band as a coordination share, the
 * tolerance of its figure applied as a factor at each end (a bare 20% allows 16%–25%, "~20%"
 * 13%–30%, "up to 20%" 8%–25%). Then, the interval against that band:
 *
 * <ul>
 *   <li><b>not measured</b>: no run, no profile of the method at the claim's point, or a run
 *       recorded before the runner kept profile stacks (re-run the family);
 *   <li><b>inconclusive</b>: no interval (fewer than two time slices with samples), or an interval
 *       so wide it reaches below and above the band: it cannot tell weaker from stronger;
 *   <li><b>stronger on the JVM</b>: the whole interval lies above the band (more of the CPU goes
 *       there than claimed);
 *   <li><b>weaker on the JVM</b>: the whole interval lies below it;
 *   <li><b>reproduces</b>: otherwise, the interval overlaps the band.
 * </ul>
 *
 * <p>Several rows may test one Go claim ({@link Claim#goClaim()}): they are shown under it, and the
 * claim is counted once, with the rows' common verdict, or "mixed" when they differ ({@link
 * #rollUp}).
 */
public final class ClaimsLedger {

  /** The claims file, relative to the checkout. */
  public static final String FILE = "benchmarks/claims.json";

  /** How far a bare figure's effect (log speedup) may be off and still reproduce: ±25%. */
  public static final double EXACT_TOLERANCE = 1.25;

  /** How far a "~" figure's effect may be off and still reproduce: ±50%. */
  public static final double ABOUT_TOLERANCE = 1.5;

  /** The rule as the ledger prints it above its table. */
  public static final String RULE =
      "How a figure is read: the effect is the logarithm of the fix's speedup; a bare figure allows"
          + " its effect ±25%, \"~\" ±50%, \"up to X\" from half of X's effect to all of it and a"
          + " range its two ends, each widened by 25%. A row **reproduces** when the fix is"
          + " significantly better and its 95% simultaneous interval overlaps that allowed range,"
          + " is **stronger** or **weaker on the JVM** when the whole interval lies above or below"
          + " it, shows **no effect on the JVM** when fix and pitfall are equivalent (or, for a"
          + " claim with a figure, when the whole interval lies within a tenth of the claimed"
          + " effect, e.g. ±11.6% for ~3×, significant or not), and is"
          + " **contradicted** when the fix is significantly worse. A claimed share of the runtime"
          + " (coordination) is a range of shares, each end widened by 25%, against the share's"
          + " 95% interval from the forks: above it the cost is **stronger on the JVM**, below it"
          + " **weaker**. A claimed share of the CPU is read the same way against the share of one"
          + " method's cpu profile samples under the claim's frames, with its 95% interval over"
          + " ten time slices of the profiled JVM; an interval reaching below and above the band is"
          + " **inconclusive**. Rows under one Go claim are counted once: their common verdict, or"
          + " **mixed**.";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * An Entry is one ledger line.
   *
   * @param claim the claim
   * @param row the pairs-table row that tests it, if measured
   * @param speedup how many times better the fix is (NaN when not measured)
   * @param speedupLo lower end of the speedup's interval
   * @param speedupHi upper end of the speedup's interval
   * @param verdict the claim's verdict
   * @param note why, in a few words
   */
  public record Entry(
      Claim claim,
      Optional<Row> row,
      double speedup,
      double speedupLo,
      double speedupHi,
      ClaimVerdict verdict,
      String note) {

    /**
     * Returns whether the fix allocates nothing: below 1 B/op, where JMH's allocation counter only
     * shows noise and a ratio would be a meaningless huge number.
     */
    public boolean fixAllocatesNothing() {
      return row.isPresent()
          && row.get().metric().equals(Metrics.ALLOC)
          && row.get().columns().get(1).center() < 1;
    }

    /**
     * Returns the measured ratio fix/pitfall with its interval, as the pairs table shows it; for a
     * coordination share, the share with its interval.
     */
    public String measured() {
      if ((claim.measuresShare() || claim.measuresCpuShare()) && !Double.isNaN(speedup)) {
        return CoordinationShare.withInterval(speedup, speedupLo, speedupHi);
      }
      if (row.isEmpty()) {
        return "";
      }
      if (fixAllocatesNothing()) {
        return "0 (fix: " + Numbers.value(row.get().columns().get(1).center()) + " B/op)";
      }
      Delta d = row.get().deltas().get(0);
      return ratio(d.ratio()) + " [" + ratio(d.lo()) + ", " + ratio(d.hi()) + "]";
    }
  }

  private final List<Claim> claims;

  private ClaimsLedger(List<Claim> claims) {
    this.claims = List.copyOf(claims);
  }

  /**
   * Reads {@code benchmarks/claims.json} of a checkout.
   *
   * @param home the checkout
   * @return the ledger
   * @throws IllegalArgumentException if the file is missing or malformed
   */
  public static ClaimsLedger load(Path home) {
    return read(home.resolve(FILE));
  }

  /**
   * Reads a claims file: an object with a {@code claims} array.
   *
   * @param file the file
   * @return the ledger
   * @throws IllegalArgumentException if the file is missing or malformed
   */
  public static ClaimsLedger read(Path file) {
    try {
      JsonNode root = JSON.readTree(file.toFile());
      JsonNode list = root == null ? null : root.get("claims");
      if (list == null || !list.isArray()) {
        throw new IllegalArgumentException(file + ": expected {\"claims\": [ … ]}");
      }
      List<Claim> claims = new ArrayList<>();
      for (JsonNode n : list) {
        claims.add(JSON.treeToValue(n, Claim.class));
      }
      return new ClaimsLedger(claims);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Returns a ledger of the given claims (for tests and notebooks that filter). */
  public static ClaimsLedger of(List<Claim> claims) {
    return new ClaimsLedger(claims);
  }

  /** Returns the claims, in file order. */
  public List<Claim> claims() {
    return claims;
  }

  /** Returns the claims of one family. */
  public List<Claim> claims(String family) {
    return claims.stream().filter(c -> c.family().equals(family)).toList();
  }

  /**
   * Evaluates every claim against pairs tables only: a coordination-share claim, which needs the
   * run's results, is then not measured (see {@link #evaluateReports}).
   *
   * @param tables the pairs table of each family's run, empty when a family has no run
   * @return one entry per claim, in file order
   */
  public List<Entry> evaluate(Function<String, Optional<Table>> tables) {
    List<Entry> out = new ArrayList<>();
    for (Claim c : claims) {
      out.add(
          c.measuresShare() || c.measuresCpuShare()
              ? notMeasured(
                  c,
                  c.measuresShare()
                      ? "a coordination share needs the run's results, not only its table"
                      : "a cpu share needs the run's profiles, not only its table")
              : evaluate(c, c.pair() == null ? Optional.empty() : tables.apply(c.family())));
    }
    return out;
  }

  /**
   * Evaluates every claim against each family's report: pairs rows from its table, coordination
   * shares from its results.
   *
   * @param reports the report of each family's run, empty when a family has no run
   * @return one entry per claim, in file order
   */
  public List<Entry> evaluateReports(Function<String, Optional<FamilyReport>> reports) {
    List<Entry> out = new ArrayList<>();
    for (Claim c : claims) {
      Optional<FamilyReport> report =
          c.pair() == null ? Optional.empty() : reports.apply(c.family());
      if (c.measuresCpuShare()) {
        out.add(evaluateCpuShare(c, report.map(r -> r.info().profiles())));
        continue;
      }
      out.add(
          c.measuresShare()
              ? evaluateShare(c, report.map(r -> r.coordinationShares(c.fix())))
              : evaluate(c, report.map(FamilyReport::table), report));
    }
    return out;
  }

  /**
   * Evaluates a pairs claim, and when the table has no row for it because an open-loop side was
   * saturated at the claim's point (it left requests unfinished, so it has no latency result), says
   * so: a saturated pitfall beside a fix that kept up is the collapse the claim is about
   * (reproduces); a saturated fix contradicts it; both saturated is not measured.
   */
  static Entry evaluate(Claim c, Optional<Table> table, Optional<FamilyReport> report) {
    Entry e = evaluate(c, table);
    if (e.verdict() != ClaimVerdict.NOT_MEASURED || report.isEmpty() || c.pitfall() == null) {
      return e;
    }
    Optional<LatencySummary> pitfall =
        report.get().openLoopSummary(c.pair(), c.pitfall(), c.params(), c.config());
    Optional<LatencySummary> fix =
        report.get().openLoopSummary(c.pair(), c.fix(), c.params(), c.config());
    if (pitfall.isEmpty() || fix.isEmpty()) {
      return e;
    }
    LatencySummary p = pitfall.get();
    LatencySummary f = fix.get();
    if (p.saturated() && f.saturated()) {
      return notMeasured(c, "both sides are saturated at this point: no latency to compare");
    }
    if (p.saturated()) {
      return unmeasuredRatio(
          c,
          ClaimVerdict.REPRODUCES,
          String.format(
              Locale.ROOT,
              "%s is saturated (%,d of %,d requests served by the end of the grace period in %d of"
                  + " %d forks: its latency grows for as long as the overload lasts), while %s"
                  + " kept up (%s %s ms); no ratio: the pitfall has no latency to compare",
              c.pitfall(),
              p.served(),
              p.scheduled(),
              p.saturatedForks(),
              p.forks(),
              c.fix(),
              c.metric(),
              OpenLoopResults.METRICS.containsKey(c.metric())
                  ? Numbers.value(f.millis(OpenLoopResults.METRICS.get(c.metric())))
                  : "?"));
    }
    if (f.saturated()) {
      return unmeasuredRatio(
          c,
          ClaimVerdict.CONTRADICTED,
          String.format(
              Locale.ROOT,
              "the fix %s is saturated (%,d of %,d requests served) while the pitfall kept up",
              c.fix(),
              f.served(),
              f.scheduled()));
    }
    return e;
  }

  /**
   * Evaluates a coordination-share claim against a run's shares: the share of the claim's parallel
   * variant at its point, with its 95% interval from the forks, against the claimed range of shares
   * widened by 25% at each end.
   *
   * @param c the claim ({@link Claim#measuresShare()})
   * @param shares the run's shares against the claim's serial control, if there is a run
   * @return the entry; its speedup fields hold the share and its interval
   */
  public static Entry evaluateShare(Claim c, Optional<List<CoordinationShare>> shares) {
    if (c.notComparable() != null || c.pair() == null) {
      return evaluate(c, Optional.empty());
    }
    if (shares.isEmpty()) {
      return notMeasured(c, "no run of " + c.family());
    }
    Optional<CoordinationShare> found =
        shares.get().stream()
            .filter(
                s ->
                    s.method().equals(c.pitfall())
                        && s.params().equals(c.params())
                        && s.config().equals(c.config()))
            .findFirst();
    if (found.isEmpty() || Double.isNaN(found.get().estimate())) {
      return notMeasured(
          c, "the run has no " + c.pitfall() + " next to " + c.fix() + " at " + c.label());
    }
    CoordinationShare s = found.get();
    double lo = c.expectedRange().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double hi = c.expectedRange().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    double allowedLo = lo / EXACT_TOLERANCE;
    double allowedHi = Math.min(1, hi * EXACT_TOLERANCE);
    String measured =
        "coordination share "
            + CoordinationShare.withInterval(s.estimate(), s.lo(), s.hi())
            + (Double.isNaN(s.lo()) ? "" : " (95%, forks)");
    if (Double.isNaN(s.lo())) {
      return new Entry(
          c,
          Optional.empty(),
          s.estimate(),
          Double.NaN,
          Double.NaN,
          ClaimVerdict.INCONCLUSIVE,
          measured + " without an interval (fewer than two settled forks on a side)");
    }
    String vs =
        measured
            + " vs claimed "
            + CoordinationShare.percent(lo)
            + "–"
            + CoordinationShare.percent(hi)
            + " (range: "
            + CoordinationShare.percent(allowedLo)
            + "–"
            + CoordinationShare.percent(allowedHi)
            + " allowed; assumes the run had its cores to itself)";
    ClaimVerdict v =
        s.lo() > allowedHi
            ? ClaimVerdict.STRONGER
            : s.hi() < allowedLo ? ClaimVerdict.WEAKER : ClaimVerdict.REPRODUCES;
    String why =
        switch (v) {
          case STRONGER -> ": more of the runtime is coordination than claimed";
          case WEAKER -> ": less of the runtime is coordination than claimed";
          default -> "";
        };
    return new Entry(c, Optional.empty(), s.estimate(), s.lo(), s.hi(), v, vs + why);
  }

  /**
   * Evaluates a cpu-share claim against a run's profiles: the share of the claim's method's cpu
   * samples under its frames, with its 95% interval over the time slices, against the claimed share
   * widened by its figure's tolerance (the class comment's rule).
   *
   * @param c the claim ({@link Claim#measuresCpuShare()})
   * @param profiles the run's profiles folder, if there is a run
   * @return the entry; its speedup fields hold the share and its interval
   */
  public static Entry evaluateCpuShare(Claim c, Optional<Path> profiles) {
    if (c.notComparable() != null || c.pair() == null) {
      return evaluate(c, Optional.empty());
    }
    if (profiles.isEmpty()) {
      return notMeasured(c, "no run of " + c.family());
    }
    Optional<Path> folder = ProfileFolders.find(profiles.get(), c.pair(), c.method(), c.params());
    if (folder.isEmpty()) {
      return notMeasured(
          c,
          "the run has no profile of "
              + c.label()
              + " in "
              + profiles.get()
              + " (profiled with --profile none, or at another point)");
    }
    Optional<Path> file = ProfileFolders.cpuStacks(folder.get());
    if (file.isEmpty()) {
      return notMeasured(
          c,
          "this run kept no profile stacks (no "
              + SlicedStacks.fileName("cpu")
              + " in "
              + folder.get().getFileName()
              + ": recorded before the runner kept them, or without a cpu event); re-run: scripts/atlas run "
              + c.family());
    }
    ProfileShare s;
    try {
      s = ProfileShare.of(SlicedStacks.read(file.get()), c.frames(), c.under());
    } catch (IOException e) {
      return notMeasured(c, "cannot read the profile stacks: " + e.getMessage());
    }
    if (s.samples() == 0) {
      return notMeasured(c, "the profile of " + c.label() + " has no cpu samples");
    }
    double t = c.figure().equals(Claim.ABOUT) ? ABOUT_TOLERANCE : EXACT_TOLERANCE;
    double hi = c.expectedShare();
    double lo = c.figure().equals(Claim.UP_TO) ? hi / 2 : hi;
    double allowedLo = lo / t;
    double allowedHi = Math.min(1, hi * t);
    String measured =
        "cpu share "
            + CoordinationShare.withInterval(s.share(), s.lo(), s.hi())
            + " of "
            + s.samples()
            + " samples"
            + (s.hasInterval() ? " (95%, " + s.slices() + " time slices of one profiled JVM)" : "");
    if (!s.hasInterval()) {
      return new Entry(
          c,
          Optional.empty(),
          s.share(),
          Double.NaN,
          Double.NaN,
          ClaimVerdict.INCONCLUSIVE,
          measured + " without an interval (fewer than two time slices with samples)");
    }
    String vs =
        measured
            + " vs claimed "
            + (c.figure().equals(Claim.UP_TO)
                ? "up to "
                : c.figure().equals(Claim.ABOUT) ? "~" : "")
            + CoordinationShare.percent(hi)
            + " ("
            + CoordinationShare.percent(allowedLo)
            + "–"
            + CoordinationShare.percent(allowedHi)
            + " allowed)";
    ClaimVerdict v;
    String why;
    if (s.lo() > allowedHi) {
      v = ClaimVerdict.STRONGER;
      why = ": more of the CPU goes there than claimed";
    } else if (s.hi() < allowedLo) {
      v = ClaimVerdict.WEAKER;
      why = ": less of the CPU goes there than claimed";
    } else if (s.lo() < allowedLo && s.hi() > allowedHi) {
      v = ClaimVerdict.INCONCLUSIVE;
      why = ": the interval reaches below and above the allowed range (too few samples)";
    } else {
      v = ClaimVerdict.REPRODUCES;
      why = "";
    }
    return new Entry(c, Optional.empty(), s.share(), s.lo(), s.hi(), v, vs + why);
  }

  /**
   * Evaluates one claim against a family's pairs table.
   *
   * @param c the claim
   * @param table the table of the claim's family, if there is a run
   * @return the entry
   */
  public static Entry evaluate(Claim c, Optional<Table> table) {
    if (c.notComparable() != null) {
      return new Entry(
          c,
          Optional.empty(),
          Double.NaN,
          Double.NaN,
          Double.NaN,
          ClaimVerdict.NOT_COMPARABLE,
          c.notComparable());
    }
    if (c.pair() == null) {
      return notMeasured(c, "no pair tests this claim yet");
    }
    if (table.isEmpty()) {
      return notMeasured(c, "no run of " + c.family());
    }
    Optional<Row> found = find(table.get(), c);
    if (found.isEmpty()) {
      return notMeasured(c, "the run has no row " + c.label() + " (" + c.metric() + ")");
    }
    Row r = found.get();
    Delta d = r.deltas().get(0);
    double s = d.speedup(r.direction());
    double sLo;
    double sHi;
    if (r.direction() == Direction.LOWER_IS_BETTER) {
      sLo = 1 / d.hi();
      sHi = 1 / d.lo();
    } else {
      sLo = d.lo();
      sHi = d.hi();
    }
    String measured =
        "measured "
            + Numbers.times(s)
            + " ["
            + Numbers.times(sLo)
            + ", "
            + Numbers.times(sHi)
            + "]";
    OptionalDouble margin =
        c.expect().equals(Claim.WORSE) ? OptionalDouble.empty() : claimMargin(c);
    if (margin.isPresent() && sLo >= 1 / margin.getAsDouble() && sHi <= margin.getAsDouble()) {
      return new Entry(
          c,
          found,
          s,
          sLo,
          sHi,
          ClaimVerdict.NO_EFFECT,
          measured
              + ": the whole interval lies within ×/÷ "
              + Numbers.value(margin.getAsDouble())
              + ", a tenth of the claimed effect (pairs-table verdict "
              + d.verdict().label()
              + "); a difference that small is not the claimed one");
    }
    if (d.verdict() == Verdict.NO_DIFFERENCE) {
      return new Entry(
          c,
          found,
          s,
          sLo,
          sHi,
          ClaimVerdict.INCONCLUSIVE,
          measured + ", verdict ~: not enough evidence either way (see the run's warnings)");
    }
    if (d.verdict() == Verdict.EQUIVALENT) {
      return new Entry(
          c,
          found,
          s,
          sLo,
          sHi,
          ClaimVerdict.NO_EFFECT,
          measured + ", verdict equivalent: fix and pitfall cost the same here");
    }
    boolean fixBetter = d.verdict() == Verdict.FASTER;
    if (c.expect().equals(Claim.WORSE)) {
      return fixBetter
          ? new Entry(
              c,
              found,
              s,
              sLo,
              sHi,
              ClaimVerdict.CONTRADICTED,
              measured + ": the claim says the \"fix\" is worse, and it is significantly better")
          : new Entry(
              c,
              found,
              s,
              sLo,
              sHi,
              ClaimVerdict.REPRODUCES,
              measured + ": the \"fix\" is significantly worse, as claimed");
    }
    if (!fixBetter) {
      return new Entry(
          c,
          found,
          s,
          sLo,
          sHi,
          ClaimVerdict.CONTRADICTED,
          "the fix is "
              + Numbers.times(1 / s)
              + " worse ["
              + Numbers.times(1 / sHi)
              + ", "
              + Numbers.times(1 / sLo)
              + "], verdict "
              + d.verdict().label());
    }
    String rate =
        c.figureIsRate()
            ? "; the B/op ratio equals the claim's rate ratio only at equal request rates"
            : "";
    Optional<double[]> allowed = allowed(c);
    if (r.metric().equals(Metrics.ALLOC) && r.columns().get(1).center() < 1) {
      String nothing =
          "the fix allocates nothing (<1 B/op) where the pitfall allocates "
              + Numbers.value(r.columns().get(0).center())
              + " B/op";
      return allowed.isEmpty()
          ? new Entry(c, found, s, sLo, sHi, ClaimVerdict.REPRODUCES, nothing + rate)
          : new Entry(
              c,
              found,
              s,
              sLo,
              sHi,
              ClaimVerdict.STRONGER,
              nothing + ", more than the claimed " + reading(c, allowed.get()) + rate);
    }
    if (allowed.isEmpty()) {
      return new Entry(
          c,
          found,
          s,
          sLo,
          sHi,
          ClaimVerdict.REPRODUCES,
          measured + "; the claim gives no figure: the fix is better" + rate);
    }
    double[] a = allowed.get();
    String vs = measured + " vs claimed " + reading(c, a) + rate;
    if (sLo > a[1]) {
      return new Entry(
          c, found, s, sLo, sHi, ClaimVerdict.STRONGER, vs + ": better by more than claimed");
    }
    if (sHi < a[0]) {
      return new Entry(
          c, found, s, sLo, sHi, ClaimVerdict.WEAKER, vs + ": better, but by less than claimed");
    }
    return new Entry(c, found, s, sLo, sHi, ClaimVerdict.REPRODUCES, vs);
  }

  /**
   * Returns the speedups a claim's figure allows, {@code [lo, hi]}, read as the class comment says;
   * empty when the claim gives no figure.
   */
  /**
   * Returns the equivalence margin a claim with a figure implies, as a speedup factor: the
   * exponential of a tenth of the smallest effect (log speedup) the figure claims — its value for a
   * bare or "~" figure, half of it for "up to", the smaller end of a range. "~3× faster" gives
   * exp(ln 3 / 10) = 1.116: a measured speedup interval inside [1/1.116, 1.116] is no effect on the
   * JVM. Empty for a claim without a figure (the pairs table's own equivalence margin applies).
   */
  static OptionalDouble claimMargin(Claim c) {
    double effect;
    if (c.figure().equals(Claim.RANGE)) {
      effect =
          Math.min(
              Math.abs(Math.log(c.expectedRange().get(0))),
              Math.abs(Math.log(c.expectedRange().get(1))));
    } else if (c.expectedRatio() == null) {
      return OptionalDouble.empty();
    } else {
      effect = Math.abs(Math.log(c.expectedRatio()));
      if (c.figure().equals(Claim.UP_TO)) {
        effect /= 2;
      }
    }
    return effect == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.exp(effect / 10));
  }

  static Optional<double[]> allowed(Claim c) {
    double lo;
    double hi;
    double t = EXACT_TOLERANCE;
    if (c.figure().equals(Claim.RANGE)) {
      double e1 = -Math.log(c.expectedRange().get(0));
      double e2 = -Math.log(c.expectedRange().get(1));
      lo = Math.min(e1, e2);
      hi = Math.max(e1, e2);
    } else if (c.expectedRatio() == null) {
      return Optional.empty();
    } else {
      double e = -Math.log(c.expectedRatio());
      hi = e;
      lo = c.figure().equals(Claim.UP_TO) ? e / 2 : e;
      if (c.figure().equals(Claim.ABOUT)) {
        t = ABOUT_TOLERANCE;
      }
    }
    // Widen each end away from the other (a negative effect shrinks toward zero when divided).
    double wLo = lo >= 0 ? lo / t : lo * t;
    double wHi = hi >= 0 ? hi * t : hi / t;
    return Optional.of(new double[] {Math.exp(wLo), Math.exp(wHi)});
  }

  /** Returns the claimed figure as the ledger reads it, e.g. {@code 2.50× (bare: 2.08–3.14×)}. */
  static String reading(Claim c, double[] allowed) {
    String figure =
        switch (c.figure()) {
          case Claim.RANGE ->
              Numbers.times(1 / c.expectedRange().get(0))
                  + "–"
                  + Numbers.times(1 / c.expectedRange().get(1))
                  + " (range";
          case Claim.UP_TO -> "up to " + Numbers.times(1 / c.expectedRatio()) + " (best case";
          case Claim.ABOUT -> "~" + Numbers.times(1 / c.expectedRatio()) + " (approximate";
          default -> Numbers.times(1 / c.expectedRatio()) + " (bare figure";
        };
    return figure
        + ": "
        + Numbers.times(allowed[0])
        + "–"
        + Numbers.times(allowed[1])
        + " allowed)";
  }

  /**
   * A Counted claim is one Go claim as the tally counts it: the rows that test it and their
   * verdict.
   *
   * @param id the Go claim's id ({@link Claim#countedAs()})
   * @param rows the ledger rows under it, in file order
   * @param verdict the rows' common verdict, or {@link ClaimVerdict#MIXED}
   * @param note how the rows decided it (empty for a single row)
   */
  public record Counted(String id, List<Entry> rows, ClaimVerdict verdict, String note) {}

  /**
   * Rolls rows up into Go claims: rows sharing {@link Claim#countedAs()} form one claim. Its
   * verdict is the verdict its measured rows share; rows that are not measured are left out of that
   * (all unmeasured: not measured); differing verdicts make it {@link ClaimVerdict#MIXED}.
   *
   * @param entries the ledger rows, in file order
   * @return one Counted per Go claim, in order of first appearance
   */
  public static List<Counted> rollUp(List<Entry> entries) {
    Map<String, List<Entry>> groups = new java.util.LinkedHashMap<>();
    entries.forEach(
        e -> groups.computeIfAbsent(e.claim().countedAs(), k -> new ArrayList<>()).add(e));
    List<Counted> out = new ArrayList<>();
    groups.forEach(
        (id, rows) -> {
          if (rows.size() == 1) {
            out.add(new Counted(id, rows, rows.get(0).verdict(), ""));
            return;
          }
          List<ClaimVerdict> decided =
              rows.stream()
                  .map(Entry::verdict)
                  .filter(v -> v != ClaimVerdict.NOT_MEASURED)
                  .distinct()
                  .toList();
          String note =
              rows.size() + " rows: " + counts(rows.stream().map(Entry::verdict).toList());
          ClaimVerdict v =
              decided.isEmpty()
                  ? ClaimVerdict.NOT_MEASURED
                  : decided.size() == 1 ? decided.get(0) : ClaimVerdict.MIXED;
          out.add(new Counted(id, rows, v, note));
        });
    return out;
  }

  /**
   * Returns the row of the table that tests the claim: same class, methods, params, metric; for a
   * configuration claim, same class and method, the same two sides (configuration and pinned
   * parameters), the shared params and the metric.
   */
  static Optional<Row> find(Table t, Claim c) {
    if (c.comparesConfigurations()) {
      ConfigPairs.Spec spec = c.configSpec().orElseThrow();
      String bench = "." + c.pair() + "." + c.method();
      for (Row r : t.rows()) {
        if (r.benchmark().endsWith(bench)
            && r.columns().get(0).label().equals(spec.pitfallLabel())
            && r.columns().get(1).label().equals(spec.fixLabel())
            && r.params().equals(c.params())
            && r.metric().equals(c.metric())) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
    for (Row r : t.rows()) {
      String cls = r.benchmark().substring(r.benchmark().lastIndexOf('.') + 1);
      if (cls.equals(c.pair())
          && r.columns().get(0).label().equals(c.pitfall())
          && r.columns().get(1).label().equals(c.fix())
          && r.params().equals(c.params())
          && r.config().equals(c.config())
          && r.metric().equals(c.metric())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Renders entries as a Markdown table: one line per Go claim, and under a claim that several rows
   * test, its rows (marked ↳).
   */
  public static String markdown(List<Entry> entries) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| claim | source figure | pair (point) | metric | fix/pitfall [95% simult. CI] | speedup | verdict | why |\n");
    sb.append("|:---|:---|:---|:---|---:|---:|:---|:---|\n");
    for (Counted k : rollUp(entries)) {
      if (k.rows().size() > 1) {
        Claim first = k.rows().get(0).claim();
        sb.append("| ")
            .append(cell(first.claim()))
            .append(" | ")
            .append(cell(first.sourceFigure() == null ? "" : first.sourceFigure()))
            .append(" | ")
            .append(k.rows().size())
            .append(" rows below |  |  |  | **")
            .append(k.verdict().label())
            .append("** | ")
            .append(cell(k.note()))
            .append(" |\n");
      }
      for (Entry e : k.rows()) {
        Claim c = e.claim();
        boolean sub = k.rows().size() > 1;
        sb.append("| ")
            .append(sub ? "↳ " : "")
            .append(cell(c.claim()))
            .append(" | ")
            .append(sub ? "" : cell(c.sourceFigure() == null ? "" : c.sourceFigure()))
            .append(" | ")
            .append(cell(c.family() + ": " + c.label()))
            .append(" | ")
            .append(
                c.metric().equals("gc.alloc.rate.norm")
                    ? "B/op"
                    : c.measuresShare()
                        ? "share of runtime"
                        : c.measuresCpuShare() ? "share of cpu samples" : c.metric())
            .append(" | ")
            .append(e.measured())
            .append(" | ")
            .append(
                Double.isNaN(e.speedup()) || c.measuresShare() || c.measuresCpuShare()
                    ? ""
                    : e.fixAllocatesNothing() ? "∞" : Numbers.times(e.speedup()))
            .append(sub ? " | " : " | **")
            .append(e.verdict().label())
            .append(sub ? " | " : "** | ")
            .append(cell(e.note()))
            .append(" |\n");
      }
    }
    return sb.toString();
  }

  /**
   * Counts Go claims by verdict, each once however many rows test it, e.g. {@code 9 claims: 3
   * reproduce, 1 weaker on the JVM, 5 not measured}.
   */
  public static String tally(List<Entry> entries) {
    List<Counted> counted = rollUp(entries);
    return counted.size()
        + (counted.size() == 1 ? " claim" : " claims")
        + " ("
        + entries.size()
        + (entries.size() == 1 ? " row" : " rows")
        + "): "
        + counts(counted.stream().map(Counted::verdict).toList());
  }

  /** Counts verdicts in the ledger's order, e.g. {@code 2 reproduces, 1 mixed}. */
  private static String counts(List<ClaimVerdict> verdicts) {
    Map<ClaimVerdict, Long> n = new java.util.EnumMap<>(ClaimVerdict.class);
    verdicts.forEach(v -> n.merge(v, 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    n.forEach((v, k) -> parts.add(k + " " + v.label()));
    return String.join(", ", parts);
  }

  /** An entry with a verdict but no ratio (a saturated side has no latency to compare). */
  private static Entry unmeasuredRatio(Claim c, ClaimVerdict v, String why) {
    return new Entry(c, Optional.empty(), Double.NaN, Double.NaN, Double.NaN, v, why);
  }

  private static Entry notMeasured(Claim c, String why) {
    return new Entry(
        c, Optional.empty(), Double.NaN, Double.NaN, Double.NaN, ClaimVerdict.NOT_MEASURED, why);
  }

  static String ratio(double r) {
    if (Double.isNaN(r)) {
      return "?";
    }
    if (Double.isInfinite(r)) {
      return "∞";
    }
    return r == 0 ? "0" : String.format(Locale.ROOT, r >= 0.1 ? "%.3f" : "%.2g", r);
  }

  static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
