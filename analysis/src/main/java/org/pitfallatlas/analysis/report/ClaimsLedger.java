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
import java.util.function.Function;
import org.pitfallatlas.analysis.compare.ConfigPairs;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * The ClaimsLedger puts each claim from the Go sources next to what the atlas measured: claim →
 * pair → measured ratio with its interval → verdict. The numbers are the pairs table's (the same
 * engine as {@code atlas pairs}); this class only looks rows up and decides the claim's verdict.
 *
 * <p>Rules, in the metric's own direction (speedup = how many times better the fix is):
 *
 * <ul>
 *   <li><b>not comparable</b>: the claim says why no JVM pair can test it ({@code notComparable});
 *   <li><b>not measured</b>: no pair named, no run for the family, or no row at the claim's point;
 *   <li><b>inconclusive</b>: the pairs table's verdict is "~": not enough evidence either way;
 *   <li><b>does not reproduce</b>: the verdict is "equivalent" or "slower";
 *   <li><b>reproduces</b>: "faster", and the claimed speedup is at most the upper end of the
 *       measured speedup's interval (a claim without a numeric figure reproduces when faster);
 *   <li><b>partly</b>: "faster", but the whole interval lies below the claimed speedup.
 * </ul>
 *
 * <p>A claim that a "fix" is worse ({@code "expect": "worse"}, e.g. "for small objects a pool can
 * cost more than it saves") reproduces when the pairs table's verdict is "slower", does not when it
 * is "faster" or "equivalent", and is inconclusive on a "~".
 */
public final class ClaimsLedger {

  /** The claims file, relative to the checkout. */
  public static final String FILE = "benchmarks/claims.json";

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

    /** Returns the measured ratio fix/pitfall with its interval, as the pairs table shows it. */
    public String measured() {
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
   * Evaluates every claim.
   *
   * @param tables the pairs table of each family's run, empty when a family has no run
   * @return one entry per claim, in file order
   */
  public List<Entry> evaluate(Function<String, Optional<Table>> tables) {
    List<Entry> out = new ArrayList<>();
    for (Claim c : claims) {
      out.add(evaluate(c, c.pair() == null ? Optional.empty() : tables.apply(c.family())));
    }
    return out;
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
    if (c.expect().equals(Claim.WORSE)) {
      return d.verdict() == Verdict.SLOWER
          ? new Entry(
              c,
              found,
              s,
              sLo,
              sHi,
              ClaimVerdict.REPRODUCES,
              measured + ": the \"fix\" is significantly worse, as claimed")
          : new Entry(
              c,
              found,
              s,
              sLo,
              sHi,
              ClaimVerdict.DOES_NOT_REPRODUCE,
              measured
                  + ", verdict "
                  + d.verdict().label()
                  + ": the claim says the \"fix\" is worse, and it is not significantly worse");
    }
    if (d.verdict() != Verdict.FASTER) {
      return new Entry(
          c,
          found,
          s,
          sLo,
          sHi,
          ClaimVerdict.DOES_NOT_REPRODUCE,
          measured + ", verdict " + d.verdict().label() + ": the fix is not significantly better");
    }
    if (r.metric().equals(Metrics.ALLOC) && r.columns().get(1).center() < 1) {
      measured =
          "the fix allocates nothing (<1 B/op) where the pitfall allocates "
              + Numbers.value(r.columns().get(0).center())
              + " B/op";
    }
    if (c.expectedRatio() == null) {
      return new Entry(
          c, found, s, sLo, sHi, ClaimVerdict.REPRODUCES, measured + "; the fix is better");
    }
    double claimed = 1 / c.expectedRatio();
    String vs = measured + " vs claimed " + Numbers.times(claimed);
    if (sHi >= claimed) {
      return new Entry(c, found, s, sLo, sHi, ClaimVerdict.REPRODUCES, vs);
    }
    return new Entry(
        c, found, s, sLo, sHi, ClaimVerdict.PARTLY, vs + ": better, but by less than claimed");
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

  /** Renders entries as a Markdown table. */
  public static String markdown(List<Entry> entries) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| claim | source figure | pair (point) | metric | fix/pitfall [95% simult. CI] | speedup | verdict | why |\n");
    sb.append("|:---|:---|:---|:---|---:|---:|:---|:---|\n");
    for (Entry e : entries) {
      Claim c = e.claim();
      sb.append("| ")
          .append(cell(c.claim()))
          .append(" | ")
          .append(cell(c.sourceFigure() == null ? "" : c.sourceFigure()))
          .append(" | ")
          .append(cell(c.family() + ": " + c.label()))
          .append(" | ")
          .append(c.metric().equals("gc.alloc.rate.norm") ? "B/op" : c.metric())
          .append(" | ")
          .append(e.measured())
          .append(" | ")
          .append(
              Double.isNaN(e.speedup())
                  ? ""
                  : e.fixAllocatesNothing() ? "∞" : Numbers.times(e.speedup()))
          .append(" | **")
          .append(e.verdict().label())
          .append("** | ")
          .append(cell(e.note()))
          .append(" |\n");
    }
    return sb.toString();
  }

  /** Counts entries by verdict, e.g. {@code 3 reproduce, 1 partly, 5 not measured}. */
  public static String tally(List<Entry> entries) {
    Map<ClaimVerdict, Long> n = new java.util.EnumMap<>(ClaimVerdict.class);
    entries.forEach(e -> n.merge(e.verdict(), 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    n.forEach((v, k) -> parts.add(k + " " + v.label()));
    return String.join(", ", parts);
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
