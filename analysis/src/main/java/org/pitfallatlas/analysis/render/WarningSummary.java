package org.pitfallatlas.analysis.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.compare.TableWarning;

/**
 * A WarningSummary is the list of a table's warnings as the text and Markdown renderers print it:
 * table-wide warnings first, then each distinct row warning once. A message that concerns a single
 * row is printed with its row and column ({@code Row [column]: message}); a message shared by
 * several rows (the same text whatever the row, e.g. "only 1 fork: …" in a smoke run) is printed
 * once with the number of rows and a few of their names. The rows keep their full warnings as data
 * ({@link Row#warnings()}, and every format that prints rows in full: JSON, CSV).
 */
final class WarningSummary {
  /** How many row names a shared warning lists. */
  static final int EXAMPLES = 3;

  private WarningSummary() {}

  private static final class Group {
    final Set<String> rows = new LinkedHashSet<>();
    final Set<String> names = new LinkedHashSet<>();
    final Set<String> places = new LinkedHashSet<>();
  }

  /**
   * Returns the lines to print, without a bullet or prefix.
   *
   * @param t the table
   * @return the lines, empty when there is no warning
   */
  static List<String> lines(Table t) {
    Set<String> out = new LinkedHashSet<>();
    for (TableWarning w : t.warnings()) {
      if (w.row() == null) {
        out.add(w.describe());
      }
    }
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Row r : t.rows()) {
      for (String w : r.warnings()) {
        String column = null;
        String message = w;
        for (Column c : r.columns()) {
          if (w.startsWith(c.label() + ": ")) {
            column = c.label();
            message = w.substring(c.label().length() + 2);
            break;
          }
        }
        Group g = groups.computeIfAbsent(message, m -> new Group());
        g.rows.add(r.name() + "\u0000" + r.metric() + "\u0000" + r.unit());
        g.names.add(r.name());
        // As TableWarning.describe() prints it.
        g.places.add(r.name() + (column == null ? "" : " [" + column + "]") + ": " + message);
      }
    }
    for (Map.Entry<String, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      if (g.rows.size() == 1) {
        out.addAll(g.places);
        continue;
      }
      List<String> names = new ArrayList<>(g.names);
      out.add(
          e.getKey()
              + " — "
              + g.rows.size()
              + " rows, e.g. "
              + String.join(", ", names.subList(0, Math.min(EXAMPLES, names.size())))
              + (names.size() > EXAMPLES ? ", …" : ""));
    }
    return List.copyOf(out);
  }
}
