package org.pitfallatlas.analysis.compare;

import java.util.List;

/**
 * A Table is the result of a comparison or of pairing: rows (grouped by metric in the renderers),
 * geometric means, and warnings, with the options that produced them.
 *
 * @param kind what produced the table
 * @param headers column headings: the inputs' labels for a comparison, {@code pitfall} and {@code
 *     fix} for pairs
 * @param options the options used
 * @param rows the rows, in input order
 * @param geomeans one per metric section (empty for pairs)
 * @param warnings every warning: table-wide ones and each row's
 */
public record Table(
    Kind kind,
    List<String> headers,
    Options options,
    List<Row> rows,
    List<Geomean> geomeans,
    List<TableWarning> warnings) {

  /** What produced a table. */
  public enum Kind {
    /** {@code atlas compare}: inputs against the first. */
    COMPARE,
    /** {@code atlas pairs}: fix against pitfall within one run. */
    PAIRS
  }

  /** Returns the rows of one metric section (same metric and unit), in order. */
  public List<Row> section(String metric, String unit) {
    return rows.stream().filter(r -> r.metric().equals(metric) && r.unit().equals(unit)).toList();
  }

  /**
   * Returns the distinct (metric, unit) sections: metrics in order of first appearance, and within
   * a metric its units in order of first appearance, so that the sections of one metric (one
   * correction family, e.g. time in ns/op and in us/op) are adjacent.
   */
  public List<List<String>> sections() {
    List<List<String>> out = new java.util.ArrayList<>();
    for (String metric : rows.stream().map(Row::metric).distinct().toList()) {
      rows.stream()
          .filter(r -> r.metric().equals(metric))
          .map(Row::unit)
          .distinct()
          .forEach(unit -> out.add(List.of(metric, unit)));
    }
    return out;
  }
}
