package org.pitfallatlas.analysis.render;

import java.util.ArrayList;
import java.util.List;
import org.pitfallatlas.analysis.compare.Geomean;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;

/**
 * Renders a table as aligned plain text, one section per metric, benchstat-style: a heading row,
 * then rows, then the geomean, then the warnings, each distinct message once ({@link
 * WarningSummary}).
 */
public final class Text {
  /** Column labels longer than this are replaced by letters, with a legend. */
  static final int LONG_LABEL = 24;

  private Text() {}

  /**
   * Renders {@code t}.
   *
   * @param t the table
   * @return the text, ending with a newline
   */
  public static String render(Table t) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        Cells.pairs(t) ? "pairs: fix vs pitfall" : "compare: " + String.join(" vs ", t.headers()));
    sb.append('\n');
    if (!Cells.pairs(t) && t.headers().stream().anyMatch(h -> h.length() > LONG_LABEL)) {
      // Long file names would make every line hundreds of characters wide: the columns get
      // letters, and a legend says which input each one is.
      List<String> letters = new ArrayList<>();
      for (int c = 0; c < t.headers().size(); c++) {
        String letter = c < 26 ? String.valueOf((char) ('A' + c)) : "I" + (c + 1);
        letters.add(letter);
        sb.append(letter).append(" = ").append(t.headers().get(c)).append('\n');
      }
      t = new Table(t.kind(), letters, t.options(), t.rows(), t.geomeans(), t.warnings());
    }
    sb.append(Cells.method(t)).append("\n");
    for (List<String> section : t.sections()) {
      String metric = section.get(0);
      String unit = section.get(1);
      List<List<String>> lines = new ArrayList<>();
      lines.add(Cells.header(t, metric, unit));
      for (Row r : t.section(metric, unit)) {
        lines.add(Cells.row(t, r));
      }
      for (Geomean g : t.geomeans()) {
        if (g.metric().equals(metric) && g.unit().equals(unit)) {
          lines.add(Cells.geomean(t, g));
        }
      }
      sb.append('\n');
      align(lines, sb);
      for (String f : Cells.footnotes(t, metric, unit)) {
        sb.append(f).append('\n');
      }
    }
    List<String> warnings = WarningSummary.lines(t);
    if (!warnings.isEmpty()) {
      sb.append('\n');
      for (String w : warnings) {
        sb.append("warning: ").append(w).append('\n');
      }
    }
    return sb.toString();
  }

  private static void align(List<List<String>> lines, StringBuilder sb) {
    int cols = lines.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[cols];
    for (List<String> l : lines) {
      for (int c = 0; c < l.size(); c++) {
        width[c] = Math.max(width[c], l.get(c).codePointCount(0, l.get(c).length()));
      }
    }
    for (List<String> l : lines) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < l.size(); c++) {
        String cell = l.get(c);
        int pad = width[c] - cell.codePointCount(0, cell.length());
        if (c > 0) {
          line.append("  ");
        }
        if (c == 0) {
          line.append(cell).append(" ".repeat(pad));
        } else {
          line.append(" ".repeat(pad)).append(cell);
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
