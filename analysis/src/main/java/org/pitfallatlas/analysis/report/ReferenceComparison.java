package org.pitfallatlas.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * A ReferenceComparison sets a run's pairs table against the committed reference run's: for each
 * pair at each point and metric, whether the two fix/pitfall ratio intervals overlap (the machines
 * agree) and how far the ratio moved ({@code local / reference - 1}). It compares ratios, not raw
 * times, so a faster or slower machine agrees as long as the pitfall costs it the same share.
 */
public final class ReferenceComparison {

  /**
   * An Item is one row of the comparison.
   *
   * @param name the row name ({@code Class.pitfall vs fix/param=value})
   * @param metric the metric
   * @param local the local run's ratio delta, if it has the row
   * @param reference the reference run's ratio delta, if it has the row
   */
  public record Item(
      String name,
      String metric,
      Optional<Delta> local,
      Optional<Delta> reference,
      boolean allocationFree) {

    /** An item whose fix allocates something in at least one of the runs. */
    public Item(String name, String metric, Optional<Delta> local, Optional<Delta> reference) {
      this(name, metric, local, reference, false);
    }

    /** Returns whether both runs have the row. */
    public boolean both() {
      return local.isPresent() && reference.isPresent();
    }

    /**
     * Returns whether the two ratio intervals overlap; false when a side is missing or an interval
     * is undefined.
     */
    public boolean overlaps() {
      if (!both()) {
        return false;
      }
      if (allocationFree) {
        // The fix allocates nothing in either run: its B/op is the counter's noise, and so is the
        // ratio; both runs say the same thing.
        return true;
      }
      Delta l = local.get();
      Delta r = reference.get();
      if (Double.isNaN(l.lo()) || Double.isNaN(r.lo())) {
        return false;
      }
      return l.lo() <= r.hi() && r.lo() <= l.hi();
    }

    /**
     * Returns how far the local ratio moved from the reference: {@code local/reference - 1} (0.1 =
     * the ratio is 10% higher here); NaN when a side is missing or the reference ratio is 0.
     */
    public double moved() {
      if (!both()) {
        return Double.NaN;
      }
      double l = local.get().ratio();
      double r = reference.get().ratio();
      if (r == 0) {
        return l == 0 ? 0 : Double.NaN;
      }
      return l / r - 1;
    }

    /**
     * Returns {@code agrees}, {@code differs}, {@code cannot tell} (a side has no ratio interval:
     * too few forks or samples), {@code only here} or {@code only in reference}.
     */
    public String agreement() {
      if (local.isEmpty()) {
        return "only in reference";
      }
      if (reference.isEmpty()) {
        return "only here";
      }
      if (allocationFree) {
        return "agrees";
      }
      if (Double.isNaN(local.get().lo()) || Double.isNaN(reference.get().lo())) {
        return "cannot tell";
      }
      return overlaps() ? "agrees" : "differs";
    }
  }

  private final List<Item> items;

  private ReferenceComparison(List<Item> items) {
    this.items = List.copyOf(items);
  }

  /**
   * Compares two pairs tables row by row (matched by name and metric).
   *
   * @param local the run being reported
   * @param reference the reference run
   * @return the comparison, in the local table's order, then rows only the reference has
   */
  public static ReferenceComparison of(Table local, Table reference) {
    Map<String, Row> ref = new LinkedHashMap<>();
    for (Row r : reference.rows()) {
      ref.put(key(r), r);
    }
    List<Item> items = new ArrayList<>();
    for (Row r : local.rows()) {
      Row other = ref.remove(key(r));
      items.add(
          new Item(
              r.name(),
              r.metric(),
              Optional.of(r.deltas().get(0)),
              Optional.ofNullable(other).map(o -> o.deltas().get(0)),
              other != null && fixAllocatesNothing(r) && fixAllocatesNothing(other)));
    }
    for (Row r : ref.values()) {
      items.add(new Item(r.name(), r.metric(), Optional.empty(), Optional.of(r.deltas().get(0))));
    }
    return new ReferenceComparison(items);
  }

  /** Returns the items. */
  public List<Item> items() {
    return items;
  }

  /** Returns the items of one metric. */
  public List<Item> items(String metric) {
    return items.stream().filter(i -> i.metric().equals(metric)).toList();
  }

  /** Returns how many rows both runs have and how many of them agree, e.g. {@code 14 of 16}. */
  public String summary(String metric) {
    List<Item> both = items(metric).stream().filter(Item::both).toList();
    long agree = both.stream().filter(Item::overlaps).count();
    return agree + " of " + both.size();
  }

  /** Renders one metric's items as a Markdown table. */
  public String markdown(String metric) {
    return markdown(items(metric));
  }

  /**
   * Returns the rows of one metric whose intervals do not overlap (differs, cannot tell, only on
   * one side) as a Markdown table; empty when every row agrees.
   */
  public String disagreements(String metric) {
    List<Item> rows = items(metric).stream().filter(i -> !i.overlaps()).toList();
    return rows.isEmpty() ? "" : markdown(rows);
  }

  private static String markdown(List<Item> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| pair (point) | here: fix/pitfall [95% simult. CI] | reference | moved (here /"
            + " reference) | agreement |\n");
    sb.append("|:---|---:|---:|---:|:---|\n");
    for (Item i : rows) {
      sb.append("| ")
          .append(ClaimsLedger.cell(i.name()))
          .append(" | ")
          .append(i.local().map(ReferenceComparison::interval).orElse(""))
          .append(" | ")
          .append(i.reference().map(ReferenceComparison::interval).orElse(""))
          .append(" | ")
          .append(Double.isNaN(i.moved()) ? "" : Numbers.ratio(1 + i.moved()))
          .append(" | ")
          .append(
              i.allocationFree()
                  ? "agrees (the fix allocates nothing in either run)"
                  : i.overlaps() ? "agrees" : "**" + i.agreement() + "**")
          .append(" |\n");
    }
    return sb.toString();
  }

  /** Whether the row is B/op and its fix (second column) allocates less than one byte per op. */
  private static boolean fixAllocatesNothing(Row r) {
    return Metrics.allocationFree(r.metric(), r.columns().get(1).center());
  }

  private static String key(Row r) {
    return r.name() + "\u0000" + r.metric();
  }

  static String interval(Delta d) {
    return Numbers.ratio(d.ratio()) + " " + Numbers.ratioInterval(d.lo(), d.hi());
  }
}
