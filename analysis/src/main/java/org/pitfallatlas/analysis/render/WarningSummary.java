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
import org.pitfallatlas.analysis.compare.Metrics;
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
 *
 * <p>Each line names its metrics ({@code time: …}, {@code time, B/op: …}), a message that names one
 * variant ("fork 2 of fixPool: warm-up …") is grouped with the same message about the other
 * variants, and the lines are ranked by what they put at stake: steady state first (forks that
 * never settled, trends), then dropped warm-up iterations, then fork-to-fork variance, then the
 * rest.
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

    final Set<String> metrics = new LinkedHashSet<>();
  }

  /** What a message names instead of one variant, so messages about different variants group. */
  static final String VARIANT = "a variant";

  /** The metric as the tables name it. */
  static String metricName(String metric) {
    return Metrics.ALLOC.equals(metric) ? "B/op" : metric;
  }

  /**
   * Ranks a message by what it puts at stake: 0 steady state (a fork left out, a trend), 1 warm-up
   * iterations dropped, 2 fork-to-fork variance, 3 anything else.
   */
  static int rank(String message) {
    if (message.contains("never settled")
        || message.contains("steady state not reached")
        || message.contains("slowdown")
        || message.contains("level shift")) {
      return 0;
    }
    if (message.contains("warm-up")) {
      return 1;
    }
    if (message.contains("fork variance")) {
      return 2;
    }
    return 3;
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
    List<Map.Entry<Integer, String>> ranked = new ArrayList<>();
    for (TableWarning w : t.warnings()) {
      if (w.row() == null) {
        ranked.add(Map.entry(rank(w.describe()), w.describe()));
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
        String original = message;
        for (Column c : r.columns()) {
          message = message.replace(" of " + c.label(), " of " + VARIANT);
        }
        Group g = groups.computeIfAbsent(kind(message), m -> new Group());
        g.metrics.add(metricName(r.metric()));
        g.rows.add(r.name() + "\u0000" + r.metric() + "\u0000" + r.unit());
        g.names.add(r.name());
        String place = r.name() + (column == null ? "" : " [" + column + "]");
        // As TableWarning.describe() prints it.
        g.places.add(place + ": " + original);
        if (g.messages.add(message)) {
          g.figures.put(message, figures(message));
          g.placeOf.put(message, place);
        }
      }
    }
    for (Map.Entry<String, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      String first = g.messages.iterator().next();
      String metrics = String.join(", ", g.metrics) + ": ";
      String line;
      if (g.rows.size() == 1) {
        g.places.forEach(place -> ranked.add(Map.entry(rank(first), metrics + place)));
        continue;
      }
      if (g.messages.size() > 1) {
        line = varying(g);
      } else {
        List<String> names = new ArrayList<>(g.names);
        line =
            first
                + " — "
                + g.rows.size()
                + " rows, e.g. "
                + String.join(", ", names.subList(0, Math.min(EXAMPLES, names.size())))
                + (names.size() > EXAMPLES ? ", …" : "");
      }
      ranked.add(Map.entry(rank(first), metrics + line));
    }
    ranked.stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.add(e.getValue()));
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
