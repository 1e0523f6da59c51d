package org.pitfallatlas.analysis.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Geomean;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.stats.MannWhitney;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * Cells lays a table section out as rows of strings, shared by the text and Markdown renderers so
 * both show the same figures.
 */
final class Cells {
  private Cells() {}

  static boolean benchstat(Table t) {
    return t.options().mode() == Options.Mode.BENCHSTAT;
  }

  static boolean pairs(Table t) {
    return t.kind() == Table.Kind.PAIRS;
  }

  /** Header cells of a section. */
  static List<String> header(Table t, String metric, String unit) {
    List<String> h = new ArrayList<>();
    h.add(metric + " (" + unit + ")");
    if (pairs(t)) {
      h.add("pitfall");
      h.add("fix");
      h.add("fix/pitfall");
      if (!benchstat(t)) {
        h.add(ciLabel(t));
      }
      h.add("speedup (pitfall/fix)");
      h.add(benchstat(t) ? "p" : P_LABEL);
      h.add("verdict");
      return h;
    }
    for (int c = 0; c < t.headers().size(); c++) {
      h.add(t.headers().get(c));
      if (c > 0) {
        h.add("vs " + t.headers().get(0));
        if (!benchstat(t)) {
          h.add(ciLabel(t));
          h.add(P_LABEL);
          h.add("verdict");
        }
      }
    }
    return h;
  }

  /** The p-value column of the default mode: Bonferroni-adjusted over the metric's rows. */
  static final String P_LABEL = "p (Bonf.)";

  static String percentLabel(Table t) {
    return Numbers.percent(t.options().confidence());
  }

  /**
   * The ratio interval's heading in the default mode: simultaneous at {@code 1 - alpha} over the
   * rows of the metric (Bonferroni), which the footnote under the table spells out.
   */
  static String ciLabel(Table t) {
    return Numbers.percent(1 - t.options().alpha()) + " CI (simult.)";
  }

  /** A p-value cell: none without a test. */
  static String p(Delta d, boolean adjusted) {
    if (!d.tested()) {
      return "—";
    }
    return Numbers.p(adjusted ? d.pAdjusted() : d.pValue());
  }

  /** Body cells of a row. */
  static List<String> row(Table t, Row r) {
    List<String> cells = new ArrayList<>();
    cells.add(r.name());
    if (pairs(t)) {
      Column p = r.columns().get(0);
      Column f = r.columns().get(1);
      Delta d = r.deltas().get(0);
      cells.add(center(p));
      cells.add(center(f));
      if (benchstat(t)) {
        cells.add(benchstatDelta(r, 0, t.options().alpha()));
      } else {
        // One vocabulary per table: the pairs table speaks in factors (fix/pitfall, its
        // interval, the speedup), not in percentages.
        cells.add(ratio(r, 0));
        cells.add(ratioInterval(r, 0));
      }
      cells.add(speedup(r, 0));
      cells.add(p(d, !benchstat(t)));
      cells.add(verdictWord(r, d));
      return cells;
    }
    for (int c = 0; c < r.columns().size(); c++) {
      cells.add(center(r.columns().get(c)));
      if (c > 0) {
        Delta d = r.deltas().get(c - 1);
        if (benchstat(t)) {
          cells.add(benchstatDelta(r, c - 1, t.options().alpha()));
        } else {
          cells.add(
              d.verdict() == Verdict.NO_DIFFERENCE || d.verdict() == Verdict.EQUIVALENT
                  ? "~"
                  : change(r, c - 1, false));
          cells.add(interval(r, c - 1));
          cells.add(p(d, true));
          cells.add(verdictWord(r, d));
        }
      }
    }
    return cells;
  }

  /**
   * The verdict in words that fit the row's metric: "faster"/"slower" for time, latency and
   * throughput; "less allocation"/"more allocation" for B/op; "less"/"more" for the atlas's other
   * lower-is-better metrics (bytes per thread, requests, bytes logged). "~" and "equivalent" are
   * the same everywhere. Machine-readable outputs (JSON, CSV) keep the verdict's label.
   */
  static String verdictWord(Row r, Delta d) {
    if (d.verdict() != Verdict.FASTER && d.verdict() != Verdict.SLOWER) {
      return d.verdict().label();
    }
    boolean better = d.verdict() == Verdict.FASTER;
    if (r.metric().equals(Metrics.ALLOC)) {
      return better ? "less allocation" : "more allocation";
    }
    if (Metrics.ATLAS.contains(r.metric())) {
      return better ? "less" : "more";
    }
    return d.verdict().label();
  }

  /** Geomean cells, aligned with the header of a comparison section. */
  static List<String> geomean(Table t, Geomean g) {
    List<String> cells = new ArrayList<>();
    cells.add("geomean");
    for (int c = 0; c < g.centers().length; c++) {
      cells.add(Numbers.value(g.centers()[c]));
      if (c > 0) {
        cells.add(
            benchstat(t)
                ? Numbers.benchstatChange(g.ratios()[c - 1])
                : Numbers.change(g.ratios()[c - 1]));
        if (!benchstat(t)) {
          cells.add("");
          cells.add("");
          cells.add("");
        }
      }
    }
    return cells;
  }

  static String center(Column c) {
    return Numbers.value(c.center()) + " " + Numbers.plusMinus(c.relativeHalfWidth());
  }

  /**
   * Whether column {@code c} of {@code r} counts as allocating nothing per operation ({@link
   * Metrics#ALLOCATION_FREE_BELOW}).
   */
  static boolean allocationFree(Row r, int c) {
    return Metrics.allocationFree(r.metric(), r.columns().get(c).center());
  }

  /**
   * The change of delta {@code i} as shown: an allocation-free column counts as 0 B/op, so -100%
   * when only the compared column is allocation-free, +∞ when only the base is, and "—" when both
   * are; otherwise the ratio of the centers.
   */
  static String change(Row r, int i, boolean benchstatFormat) {
    boolean base = allocationFree(r, 0);
    boolean other = allocationFree(r, i + 1);
    if (base && other) {
      return "—";
    }
    double ratio = other ? 0 : base ? Double.POSITIVE_INFINITY : r.deltas().get(i).ratio();
    return benchstatFormat ? Numbers.benchstatChange(ratio) : Numbers.change(ratio);
  }

  /**
   * The ratio of delta {@code i} as a factor, with the same rules as {@link #change}: {@code 0×}
   * when only the compared column is allocation-free, {@code ∞} when only the base is, "—" when
   * both are.
   */
  static String ratio(Row r, int i) {
    boolean base = allocationFree(r, 0);
    boolean other = allocationFree(r, i + 1);
    if (base && other) {
      return "—";
    }
    return Numbers.ratio(other ? 0 : base ? Double.POSITIVE_INFINITY : r.deltas().get(i).ratio());
  }

  /** The ratio interval of delta {@code i} as factors; none when a column is allocation-free. */
  static String ratioInterval(Row r, int i) {
    if (allocationFree(r, 0) || allocationFree(r, i + 1)) {
      return "";
    }
    Delta d = r.deltas().get(i);
    return Numbers.ratioInterval(d.lo(), d.hi());
  }

  /** The ratio interval of delta {@code i}; none when a column is allocation-free. */
  static String interval(Row r, int i) {
    if (allocationFree(r, 0) || allocationFree(r, i + 1)) {
      return "";
    }
    Delta d = r.deltas().get(i);
    return Numbers.interval(d.lo(), d.hi());
  }

  /**
   * The speedup of delta {@code i}: "allocation-free" when only the compared column allocates
   * nothing, "—" when the base allocates nothing (no factor to show), else the factor.
   */
  static String speedup(Row r, int i) {
    if (allocationFree(r, 0)) {
      return "—";
    }
    if (allocationFree(r, i + 1)) {
      return "allocation-free";
    }
    return Numbers.times(r.deltas().get(i).speedup(r.direction()));
  }

  /**
   * benchstat's {@code -20.00% (p=0.002 n=6)} or {@code ~ (p=0.485 n=6)}; equal medians with p <=
   * alpha print {@code 0.00%} as benchstat does (significant, but no change in the median).
   */
  static String benchstatDelta(Row r, int i, double alpha) {
    Delta d = r.deltas().get(i);
    boolean significant = d.verdict() == Verdict.FASTER || d.verdict() == Verdict.SLOWER;
    boolean equalMedians = d.ratio() == 1 && d.pValue() <= alpha;
    String head = significant ? change(r, i, true) : equalMedians ? "0.00%" : "~";
    String p = d.pValue() == 0 ? "" : "p=" + Numbers.goFixed(d.pValue(), 3) + " ";
    String n = d.n1() == d.n2() ? "n=" + d.n1() : "n=" + d.n1() + "+" + d.n2();
    return head + " (" + p + n + ")";
  }

  /** A one-line description of how the table was computed. */
  static String method(Table t) {
    Options o = t.options();
    if (o.mode() == Options.Mode.BENCHSTAT) {
      return "benchstat mode: iterations pooled over forks; median ± order-statistic "
          + percentLabel(t)
          + " CI; Mann-Whitney U, alpha="
          + o.alpha();
    }
    return "fork-aware: one value per fork (the geometric mean of its steady iterations); columns:"
        + " geometric mean of the fork values ± "
        + percentLabel(t)
        + " t interval; "
        + (pairs(t) ? "fix/pitfall ratio" : "change")
        + ": Welch t on the log fork values, "
        + ciLabel(t)
        + " and p (Bonf.) over the rows of each metric; alpha="
        + o.alpha()
        + (pairs(t)
            // The pairs table speaks in factors throughout, its equivalence margin too.
            ? "; equivalent when the CI is within ["
                + Numbers.ratio(1 - o.equivalence())
                + ", "
                + Numbers.ratio(1 + o.equivalence())
                + "]"
            : "; equivalent when the CI is within ±" + Numbers.percent(o.equivalence()));
  }

  /**
   * The lines printed under a section: what its intervals and p-values are. Default mode: the
   * simultaneous level, the family ({@code m} tested rows of the metric, all its units, times the
   * looks), and the design (fork values per side). benchstat mode: the rank test and the smallest p
   * its sample sizes can reach.
   */
  static List<String> footnotes(Table t, String metric, String unit) {
    List<Row> section = t.section(metric, unit);
    List<Delta> all = section.stream().flatMap(r -> r.deltas().stream()).toList();
    List<Delta> tested = all.stream().filter(Delta::tested).toList();
    List<String> out = new ArrayList<>();
    if (benchstat(t)) {
      if (tested.isEmpty()) {
        return out;
      }
      double min = Double.POSITIVE_INFINITY;
      double max = 0;
      String minAt = "";
      String maxAt = "";
      for (Delta d : tested) {
        double f = MannWhitney.smallestP(d.n1(), d.n2());
        String at = d.n1() + " vs " + d.n2();
        if (f < min) {
          min = f;
          minAt = at;
        }
        if (f > max) {
          max = f;
          maxAt = at;
        }
      }
      out.add(
          "p: Mann-Whitney U over pooled iterations, unadjusted (as benchstat); the smallest p"
              + " these sizes can reach is 2/C(n1+n2, n1) = "
              + (min == max
                  ? small(min) + " at " + minAt + " values"
                  : small(min) + " (" + minAt + " values) to " + small(max) + " (" + maxAt + ")"));
      return out;
    }
    List<String> units =
        t.rows().stream().filter(r -> r.metric().equals(metric)).map(Row::unit).distinct().toList();
    String rowsOf = metric + (units.size() > 1 ? " (" + String.join(" and ", units) + ")" : "");
    int untested = all.size() - tested.size();
    if (tested.isEmpty()) {
      out.add(
          "no interval or p: every row has a side with 1 fork or a fork that never settled;"
              + " a fork-level test needs >= 2 forks per side, better >= 3");
      return out;
    }
    StringBuilder sb = new StringBuilder("intervals: ");
    sb.append(Numbers.percent(1 - t.options().alpha()))
        .append(" simultaneous over m=")
        .append(range(tested.stream().mapToInt(Delta::family).toArray(), "/"))
        .append(" tested rows of ")
        .append(rowsOf);
    int[] looks = tested.stream().mapToInt(Delta::looks).toArray();
    if (Arrays.stream(looks).anyMatch(l -> l > 1)) {
      sb.append(" × L=").append(range(looks, "–")).append(" looks");
    }
    double lo = tested.stream().mapToDouble(Delta::confidence).min().orElse(Double.NaN);
    double hi = tested.stream().mapToDouble(Delta::confidence).max().orElse(Double.NaN);
    sb.append(" (Bonferroni: each at ")
        .append(Numbers.percent(lo))
        .append(lo == hi ? "" : "–" + Numbers.percent(hi))
        .append(", p (Bonf.) = min(1, ")
        .append(Arrays.stream(looks).anyMatch(l -> l > 1) ? "m·L·p" : "m·p")
        .append(")); Welch t on ");
    int[] n1 = tested.stream().mapToInt(Delta::n1).toArray();
    int[] n2 = tested.stream().mapToInt(Delta::n2).toArray();
    String k1 = range(n1, "–");
    String k2 = range(n2, "–");
    sb.append(k1.equals(k2) ? k1 : k1 + " vs " + k2).append(" fork geometric means per side");
    if (tested.stream().anyMatch(d -> d.test().equals("welch-t-forks"))) {
      sb.append(" (fork means, no ratio interval, where a value is 0)");
    }
    if (untested > 0) {
      sb.append("; ")
          .append(untested)
          .append(untested == 1 ? " row" : " rows")
          .append(" without a test (a side with 1 fork, or a fork that never settled)");
    }
    out.add(sb.toString());
    return out;
  }

  /** {@code 3}, or {@code 2–3} (with the given separator) when the values differ. */
  private static String range(int[] v, String separator) {
    int min = Arrays.stream(v).min().orElse(0);
    int max = Arrays.stream(v).max().orElse(0);
    return min == max ? Integer.toString(min) : min + separator + max;
  }

  private static String small(double p) {
    return p >= 0.001
        ? String.format(java.util.Locale.ROOT, "%.3f", p)
        : String.format(java.util.Locale.ROOT, "%.2g", p);
  }
}
