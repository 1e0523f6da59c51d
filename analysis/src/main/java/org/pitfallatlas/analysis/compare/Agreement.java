package org.pitfallatlas.analysis.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * An Agreement lines up the verdicts of two pairs tables of the same family — two runs on one
 * machine, or a default-budget run against a much longer one — row by row: did both runs reach the
 * same verdict for the same pitfall/fix comparison and metric? Rows only one table has are counted
 * apart, not as disagreements.
 *
 * @param labelA what the first table is (e.g. "quick")
 * @param labelB what the second table is (e.g. "full")
 * @param rows the matched rows, in the first table's order
 * @param onlyInA rows the second table lacks
 * @param onlyInB rows the first table lacks
 */
public record Agreement(
    String labelA, String labelB, List<Entry> rows, List<String> onlyInA, List<String> onlyInB) {

  /**
   * One matched row.
   *
   * @param name the row (pair and params)
   * @param metric {@code time}, {@code gc.alloc.rate.norm}, …
   * @param a the first table's delta
   * @param b the second table's delta
   */
  public record Entry(String name, String metric, Delta a, Delta b) {
    /** Whether both runs reached the same verdict. */
    public boolean agrees() {
      return a.verdict() == b.verdict();
    }
  }

  /** Matches the rows of two tables by name, metric and compared column. */
  public static Agreement of(String labelA, Table a, String labelB, Table b) {
    Map<String, Delta> inB = new LinkedHashMap<>();
    Map<String, String> namesB = new LinkedHashMap<>();
    for (Row r : b.rows()) {
      for (Delta d : r.deltas()) {
        String k = key(r, d);
        inB.put(k, d);
        namesB.put(k, r.name() + " (" + r.metric() + ")");
      }
    }
    List<Entry> rows = new ArrayList<>();
    List<String> onlyA = new ArrayList<>();
    for (Row r : a.rows()) {
      for (Delta d : r.deltas()) {
        String k = key(r, d);
        Delta other = inB.remove(k);
        if (other == null) {
          onlyA.add(r.name() + " (" + r.metric() + ")");
        } else {
          rows.add(new Entry(r.name(), r.metric(), d, other));
        }
      }
    }
    List<String> onlyB = new ArrayList<>();
    inB.keySet().forEach(k -> onlyB.add(namesB.get(k)));
    return new Agreement(labelA, labelB, List.copyOf(rows), List.copyOf(onlyA), onlyB);
  }

  /** The number of matched rows whose verdicts agree. */
  public long agreeing() {
    return rows.stream().filter(Entry::agrees).count();
  }

  /** The share of matched rows whose verdicts agree (NaN without rows). */
  public double share() {
    return rows.isEmpty() ? Double.NaN : (double) agreeing() / rows.size();
  }

  /** A Markdown report: the headline, then every row, disagreements first. */
  public String markdown() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "**%d of %d rows agree (%.1f%%)** between %s and %s.%n%n",
            agreeing(),
            rows.size(),
            100 * share(),
            labelA,
            labelB));
    s.append("| row | metric | ")
        .append(labelA)
        .append(" | ")
        .append(labelB)
        .append(" | agree |\n|:---|:---|---:|---:|:---:|\n");
    List<Entry> ordered = new ArrayList<>(rows.stream().filter(e -> !e.agrees()).toList());
    ordered.addAll(rows.stream().filter(Entry::agrees).toList());
    for (Entry e : ordered) {
      s.append("| ")
          .append(e.name())
          .append(" | ")
          .append(e.metric())
          .append(" | ")
          .append(cell(e.a()))
          .append(" | ")
          .append(cell(e.b()))
          .append(" | ")
          .append(e.agrees() ? "yes" : "**no**")
          .append(" |\n");
    }
    if (!onlyInA.isEmpty() || !onlyInB.isEmpty()) {
      s.append(
          String.format(
              Locale.ROOT,
              "%nNot matched: %d row(s) only in %s, %d only in %s.%n",
              onlyInA.size(),
              labelA,
              onlyInB.size(),
              labelB));
    }
    return s.toString();
  }

  private static String cell(Delta d) {
    String v = d.verdict() == Verdict.NO_DIFFERENCE ? "~" : d.verdict().label();
    if (!(d.ratio() > 0) || Double.isInfinite(d.ratio())) {
      return v;
    }
    String ci =
        Double.isFinite(d.lo()) && Double.isFinite(d.hi())
            ? String.format(Locale.ROOT, " [%.3g, %.3g]", d.lo(), d.hi())
            : "";
    return String.format(Locale.ROOT, "%s %.3g%s", v, d.ratio(), ci);
  }

  private static String key(Row r, Delta d) {
    return r.name() + "\u0000" + r.metric() + "\u0000" + r.config() + "\u0000" + d.label();
  }
}
