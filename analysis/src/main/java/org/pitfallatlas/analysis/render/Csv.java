package org.pitfallatlas.analysis.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;

/**
 * Renders a table as RFC 4180 CSV with every figure: one line per row; columns numbered from 1 (the
 * base) and deltas numbered from 2 (the column compared with the base). Numbers are written in full
 * precision; missing or infinite bounds are empty. Columns added later come after {@code warnings},
 * so that the earlier ones keep their positions: each column's steady-state summary ({@code 3 flat,
 * 1 warm-up}), and each delta's interval level, family size {@code m}, looks and degrees of
 * freedom. Table-wide warnings follow the rows, one line each of kind {@code warning}.
 */
public final class Csv {
  private Csv() {}

  /**
   * Renders {@code t}.
   *
   * @param t the table
   * @return the CSV, with a header line
   */
  public static String render(Table t) {
    int k = t.rows().stream().mapToInt(r -> r.columns().size()).max().orElse(0);
    List<String> header =
        new ArrayList<>(
            List.of(
                "kind", "name", "benchmark", "params", "config", "metric", "unit", "direction"));
    for (int c = 1; c <= k; c++) {
      for (String f : List.of("label", "n", "forks", "center", "ci_lo", "ci_hi", "ci_level")) {
        header.add("col" + c + "_" + f);
      }
    }
    for (int c = 2; c <= k; c++) {
      for (String f :
          List.of(
              "ratio",
              "ratio_ci_lo",
              "ratio_ci_hi",
              "speedup",
              "p_value",
              "p_adjusted",
              "verdict",
              "test")) {
        header.add("delta" + c + "_" + f);
      }
    }
    header.add("warnings");
    // Added later: at the end, so that existing columns keep their positions.
    for (int c = 1; c <= k; c++) {
      header.add("col" + c + "_steady_state");
    }
    for (int c = 2; c <= k; c++) {
      for (String f : List.of("ci_level", "family", "looks", "df")) {
        header.add("delta" + c + "_" + f);
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header);
    for (Row r : t.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(t.kind().name().toLowerCase(java.util.Locale.ROOT));
      cells.add(r.name());
      cells.add(r.benchmark());
      cells.add(params(r.params()));
      cells.add(r.config());
      cells.add(r.metric());
      cells.add(r.unit());
      cells.add(Json.direction(r.direction()));
      for (int c = 0; c < k; c++) {
        if (c < r.columns().size()) {
          Column col = r.columns().get(c);
          cells.add(col.label());
          cells.add(Integer.toString(col.n()));
          cells.add(Integer.toString(col.forks()));
          cells.add(num(col.center()));
          cells.add(num(col.lo()));
          cells.add(num(col.hi()));
          cells.add(num(col.confidence()));
        } else {
          for (int i = 0; i < 7; i++) {
            cells.add("");
          }
        }
      }
      for (int c = 0; c < k - 1; c++) {
        if (c < r.deltas().size()) {
          Delta d = r.deltas().get(c);
          cells.add(num(d.ratio()));
          cells.add(num(d.lo()));
          cells.add(num(d.hi()));
          cells.add(num(d.speedup(r.direction())));
          cells.add(num(d.pValue()));
          cells.add(num(d.pAdjusted()));
          cells.add(d.verdict().label());
          cells.add(d.test());
        } else {
          for (int i = 0; i < 8; i++) {
            cells.add("");
          }
        }
      }
      cells.add(String.join(" | ", r.warnings()));
      for (int c = 0; c < k; c++) {
        cells.add(c < r.columns().size() ? r.columns().get(c).steadyStateSummary() : "");
      }
      for (int c = 0; c < k - 1; c++) {
        if (c < r.deltas().size()) {
          Delta d = r.deltas().get(c);
          cells.add(num(d.confidence()));
          cells.add(Integer.toString(d.family()));
          cells.add(Integer.toString(d.looks()));
          cells.add(num(d.df()));
        } else {
          for (int i = 0; i < 4; i++) {
            cells.add("");
          }
        }
      }
      line(sb, cells);
    }
    // Table-wide warnings (rows left out, duplicate entries, converted units): one line each, of
    // kind "warning", with the message in the warnings column and the other cells empty.
    int warningsColumn = header.indexOf("warnings");
    for (org.pitfallatlas.analysis.compare.TableWarning w : t.warnings()) {
      if (w.row() != null) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        cells.add("");
      }
      cells.set(0, "warning");
      cells.set(warningsColumn, w.warning().message());
      line(sb, cells);
    }
    return sb.toString();
  }

  static String params(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(";"));
  }

  private static String num(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "" : Double.toString(v);
  }

  private static void line(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String c = cells.get(i);
      if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
        sb.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(c);
      }
    }
    sb.append("\r\n");
  }
}
