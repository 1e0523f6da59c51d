package org.pitfallatlas.analysis.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Geomean;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.compare.TableWarning;
import org.pitfallatlas.analysis.stats.Direction;

/**
 * Renders a table as JSON in the stable schema documented in {@code analysis/JSON-SCHEMA.md}
 * ({@value #SCHEMA}). Non-finite numbers (an unbounded interval, an undefined ratio) are {@code
 * null}.
 */
public final class Json {
  /** The schema id written at the top of every document. */
  public static final String SCHEMA = "pitfall-atlas/compare/v1";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /**
   * Renders {@code t}.
   *
   * @param t the table
   * @return the JSON document, ending with a newline
   */
  public static String render(Table t) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
    ArrayNode headers = root.putArray("headers");
    t.headers().forEach(headers::add);
    ObjectNode o = root.putObject("options");
    o.put("mode", t.options().mode().name().toLowerCase(Locale.ROOT));
    o.put("alpha", t.options().alpha());
    o.put("confidence", t.options().confidence());
    o.put("equivalence", t.options().equivalence());
    o.put("adjustment", t.options().mode() == Options.Mode.BENCHSTAT ? "holm" : "bonferroni");
    o.put("filter", t.options().filter() == null ? null : t.options().filter().pattern());
    ArrayNode rows = root.putArray("rows");
    for (Row r : t.rows()) {
      ObjectNode row = rows.addObject();
      row.put("name", r.name());
      row.put("benchmark", r.benchmark());
      ObjectNode params = row.putObject("params");
      for (Map.Entry<String, String> e : r.params().entrySet()) {
        params.put(e.getKey(), e.getValue());
      }
      row.put("config", r.config());
      row.put("metric", r.metric());
      row.put("unit", r.unit());
      row.put("direction", direction(r.direction()));
      ArrayNode cols = row.putArray("columns");
      for (Column c : r.columns()) {
        ObjectNode col = cols.addObject();
        col.put("label", c.label());
        col.put("n", c.n());
        col.put("forks", c.forks());
        num(col, "center", c.center());
        pair(col.putArray("ci"), c.lo(), c.hi());
        num(col, "ciLevel", c.confidence());
        ArrayNode steady = col.putArray("steadyState");
        c.steadyState().forEach(k -> steady.add(k.label()));
      }
      ArrayNode deltas = row.putArray("deltas");
      for (Delta d : r.deltas()) {
        ObjectNode delta = deltas.addObject();
        delta.put("label", d.label());
        num(delta, "ratio", d.ratio());
        pair(delta.putArray("ratioCi"), d.lo(), d.hi());
        num(delta, "speedup", d.speedup(r.direction()));
        num(delta, "pValue", d.pValue());
        num(delta, "pAdjusted", d.pAdjusted());
        delta.put("verdict", d.verdict().label());
        delta.put("test", d.test());
        num(delta, "ciLevel", d.confidence());
        delta.put("family", d.family());
        delta.put("looks", d.looks());
        num(delta, "df", d.df());
      }
      ArrayNode warnings = row.putArray("warnings");
      r.warnings().forEach(warnings::add);
    }
    ArrayNode geomeans = root.putArray("geomeans");
    for (Geomean g : t.geomeans()) {
      ObjectNode gm = geomeans.addObject();
      gm.put("metric", g.metric());
      gm.put("unit", g.unit());
      ArrayNode centers = gm.putArray("centers");
      for (double v : g.centers()) {
        centers.add(v);
      }
      ArrayNode ratios = gm.putArray("ratios");
      for (double v : g.ratios()) {
        ratios.add(v);
      }
    }
    ArrayNode warnings = root.putArray("warnings");
    for (TableWarning w : t.warnings()) {
      ObjectNode wn = warnings.addObject();
      wn.put("kind", w.warning().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      wn.put("row", w.row());
      wn.put("column", w.column());
      wn.put("message", w.warning().message());
      if (!w.details().isEmpty()) {
        ArrayNode d = wn.putArray("details");
        w.details().forEach(d::add);
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String direction(Direction d) {
    return d == Direction.LOWER_IS_BETTER ? "lower-is-better" : "higher-is-better";
  }

  private static void num(ObjectNode n, String field, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      n.putNull(field);
    } else {
      n.put(field, v);
    }
  }

  private static void pair(ArrayNode a, double lo, double hi) {
    for (double v : new double[] {lo, hi}) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        a.addNull();
      } else {
        a.add(v);
      }
    }
  }
}
