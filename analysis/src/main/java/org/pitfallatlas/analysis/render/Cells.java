package org.pitfallatlas.analysis.render;

import java.util.ArrayList;
import java.util.List;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Geomean;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
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
        h.add(percentLabel(t) + " CI");
      }
      h.add("speedup (pitfall/fix)");
      h.add(benchstat(t) ? "p" : "p (Holm)");
      h.add("verdict");
      return h;
    }
    for (int c = 0; c < t.headers().size(); c++) {
      h.add(t.headers().get(c));
      if (c > 0) {
        h.add("vs " + t.headers().get(0));
        if (!benchstat(t)) {
          h.add(percentLabel(t) + " CI");
          h.add("p (Holm)");
          h.add("verdict");
        }
      }
    }
    return h;
  }

  static String percentLabel(Table t) {
    return Numbers.percent(t.options().confidence());
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
        cells.add(benchstatDelta(r, 0));
      } else {
        cells.add(change(r, 0, false));
        cells.add(interval(r, 0));
      }
      cells.add(speedup(r, 0));
      cells.add(Numbers.p(benchstat(t) ? d.pValue() : d.pAdjusted()));
      cells.add(d.verdict().label());
      return cells;
    }
    for (int c = 0; c < r.columns().size(); c++) {
      cells.add(center(r.columns().get(c)));
      if (c > 0) {
        Delta d = r.deltas().get(c - 1);
        if (benchstat(t)) {
          cells.add(benchstatDelta(r, c - 1));
        } else {
          cells.add(
              d.verdict() == Verdict.NO_DIFFERENCE || d.verdict() == Verdict.EQUIVALENT
                  ? "~"
                  : change(r, c - 1, false));
          cells.add(interval(r, c - 1));
          cells.add(Numbers.p(d.pAdjusted()));
          cells.add(d.verdict().label());
        }
      }
    }
    return cells;
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

  /** benchstat's {@code -20.00% (p=0.002 n=6)} or {@code ~ (p=0.485 n=6)}. */
  static String benchstatDelta(Row r, int i) {
    Delta d = r.deltas().get(i);
    boolean significant = d.verdict() == Verdict.FASTER || d.verdict() == Verdict.SLOWER;
    String head = significant ? change(r, i, true) : "~";
    String p = d.pValue() == 0 ? "" : String.format(java.util.Locale.ROOT, "p=%.3f ", d.pValue());
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
    return "median ± hierarchical-bootstrap "
        + percentLabel(t)
        + " CI (forks, then iterations; "
        + o.resamples()
        + " resamples, seed "
        + o.seed()
        + "); p from the bootstrap, Holm-adjusted per section; alpha="
        + o.alpha()
        + "; equivalent when the CI is within ±"
        + Numbers.percent(o.equivalence());
  }
}
