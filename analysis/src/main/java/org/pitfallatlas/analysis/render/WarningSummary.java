package org.pitfallatlas.analysis.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.compare.TableWarning;

/**
 * A WarningSummary is the list of a table's warnings as the text and Markdown renderers print it:
 * table-wide warnings first, then each distinct row warning once. A message that concerns a single
 * row is printed with its row and column ({@code Row [column]: message}); a message shared by
 * several rows (the same text whatever the row, e.g. "only 1 fork: …" in a smoke run) is printed
 * once with the number of rows and a few of their names. Messages of one kind that differ only in
 * their figures (e.g. "steady state not reached: values fall 8.8% … p=4e-08", one per row of a
 * 666-row file) are printed once too: the figures that vary become "…" in the message, and each
 * example row shows its own in parentheses. The rows keep their full warnings as data ({@link
 * Row#warnings()}, and every format that prints rows in full: JSON, CSV).
 */
final class WarningSummary {
  /** How many row names a shared warning lists. */
  static final int EXAMPLES = 3;

  private WarningSummary() {}

  /** A figure in a message: an integer or decimal, with an exponent or a percent sign after it. */
  private static final Pattern FIGURE = Pattern.compile("\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?%?");

  private static final class Group {
    final Set<String> rows = new LinkedHashSet<>();
    final Set<String> names = new LinkedHashSet<>();
    final Set<String> places = new LinkedHashSet<>();
    final Set<String> messages = new LinkedHashSet<>();

    /** Per distinct message: the example's place (row and column) and the message's figures. */
    final Map<String, List<String>> figures = new LinkedHashMap<>();

    final Map<String, String> placeOf = new LinkedHashMap<>();
  }

  /** The message with every figure replaced by {@code #}: messages of one kind share it. */
  static String kind(String message) {
    return FIGURE.matcher(message).replaceAll("#");
  }

  private static List<String> figures(String message) {
    List<String> out = new ArrayList<>();
    Matcher m = FIGURE.matcher(message);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
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
        Group g = groups.computeIfAbsent(kind(message), m -> new Group());
        g.rows.add(r.name() + "\u0000" + r.metric() + "\u0000" + r.unit());
        g.names.add(r.name());
        String place = r.name() + (column == null ? "" : " [" + column + "]");
        // As TableWarning.describe() prints it.
        g.places.add(place + ": " + message);
        if (g.messages.add(message)) {
          g.figures.put(message, figures(message));
          g.placeOf.put(message, place);
        }
      }
    }
    for (Map.Entry<String, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      if (g.rows.size() == 1) {
        out.addAll(g.places);
        continue;
      }
      if (g.messages.size() > 1) {
        out.add(varying(g));
        continue;
      }
      List<String> names = new ArrayList<>(g.names);
      out.add(
          g.messages.iterator().next()
              + " — "
              + g.rows.size()
              + " rows, e.g. "
              + String.join(", ", names.subList(0, Math.min(EXAMPLES, names.size())))
              + (names.size() > EXAMPLES ? ", …" : ""));
    }
    return List.copyOf(out);
  }

  /**
   * One line for messages of one kind with different figures: the figures every message shares
   * stay, the others become "…", and each example shows its own.
   */
  private static String varying(Group g) {
    List<List<String>> all = new ArrayList<>(g.figures.values());
    int n = all.get(0).size();
    boolean[] varies = new boolean[n];
    for (int i = 0; i < n; i++) {
      for (List<String> f : all) {
        varies[i] |= !f.get(i).equals(all.get(0).get(i));
      }
    }
    String first = g.messages.iterator().next();
    StringBuilder template = new StringBuilder();
    Matcher m = FIGURE.matcher(first);
    int i = 0;
    while (m.find()) {
      m.appendReplacement(template, varies[i++] ? "…" : Matcher.quoteReplacement(m.group()));
    }
    m.appendTail(template);
    List<String> examples = new ArrayList<>();
    for (String message : g.messages) {
      if (examples.size() == EXAMPLES) {
        break;
      }
      List<String> f = g.figures.get(message);
      List<String> own = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        if (varies[k]) {
          own.add(f.get(k));
        }
      }
      examples.add(g.placeOf.get(message) + " (" + String.join(", ", own) + ")");
    }
    return template
        + " — "
        + g.rows.size()
        + " rows, e.g. "
        + String.join(", ", examples)
        + (g.messages.size() > EXAMPLES ? ", …" : "")
        + "; each row's own figures are in the JSON and CSV output";
  }
}
