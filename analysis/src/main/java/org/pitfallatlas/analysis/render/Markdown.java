package org.pitfallatlas.analysis.render;

import java.util.List;
import org.pitfallatlas.analysis.compare.Geomean;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;

/**
 * Renders a table as GitHub-flavoured Markdown, one table per metric, for READMEs and PRs, then the
 * warnings as a list, each distinct message once ({@link WarningSummary}).
 */
public final class Markdown {
  private Markdown() {}

  /**
   * Renders {@code t}.
   *
   * @param t the table
   * @return the Markdown, ending with a newline
   */
  public static String render(Table t) {
    StringBuilder sb = new StringBuilder();
    sb.append("_").append(escape(Cells.method(t))).append("_\n");
    for (List<String> section : t.sections()) {
      String metric = section.get(0);
      String unit = section.get(1);
      List<String> header = Cells.header(t, metric, unit);
      sb.append('\n');
      line(sb, header);
      sb.append('|');
      for (int c = 0; c < header.size(); c++) {
        sb.append(c == 0 ? " :--- |" : " ---: |");
      }
      sb.append('\n');
      for (Row r : t.section(metric, unit)) {
        line(sb, Cells.row(t, r));
      }
      for (Geomean g : t.geomeans()) {
        if (g.metric().equals(metric) && g.unit().equals(unit)) {
          line(sb, Cells.geomean(t, g));
        }
      }
      for (String f : Cells.footnotes(t, metric, unit)) {
        sb.append("\n_").append(escape(f)).append("_\n");
      }
    }
    List<String> warnings = WarningSummary.lines(t);
    if (!warnings.isEmpty()) {
      sb.append('\n');
      for (String w : warnings) {
        sb.append("- ⚠ ").append(escape(w)).append('\n');
      }
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells) {
    sb.append('|');
    for (String c : cells) {
      sb.append(' ').append(escape(c)).append(" |");
    }
    sb.append('\n');
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("_", "\\_").replace("*", "\\*");
  }

  /**
   * Renders the steady-state classification of every column of the primary metric's rows ({@code
   * time} or {@code throughput}): which forks were flat, warmed up, slowed down or never settled
   * ({@link org.pitfallatlas.analysis.compare.Column#steadyStateSummary()}). Empty in benchstat
   * mode, which does not classify.
   *
   * @param t the table
   * @return a Markdown table, or an empty string
   */
  public static String steadyState(Table t) {
    List<Row> rows =
        t.rows().stream()
            .filter(r -> r.metric().equals("time") || r.metric().equals("throughput"))
            .filter(r -> r.columns().stream().anyMatch(c -> !c.steadyState().isEmpty()))
            .toList();
    if (rows.isEmpty()) {
      return "";
    }
    int k = rows.stream().mapToInt(r -> r.columns().size()).max().orElse(0);
    List<String> header = new java.util.ArrayList<>(List.of("steady state (forks)"));
    for (int c = 0; c < k; c++) {
      header.add(c < t.headers().size() ? t.headers().get(c) : "column " + (c + 1));
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header);
    sb.append("| :--- |").append(" :--- |".repeat(k)).append('\n');
    for (Row r : rows) {
      List<String> cells = new java.util.ArrayList<>(List.of(r.name()));
      for (int c = 0; c < k; c++) {
        cells.add(c < r.columns().size() ? r.columns().get(c).steadyStateSummary() : "");
      }
      line(sb, cells);
    }
    return sb.toString();
  }
}
