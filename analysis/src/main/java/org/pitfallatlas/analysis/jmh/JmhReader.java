package org.pitfallatlas.analysis.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads JMH's JSON output ({@code -rf json}): JMH 1.37 metric names and the {@code ·}-prefixed
 * names of 1.36 and older, {@code rawData} ({@code [fork][iteration]}), SampleTime's {@code
 * rawDataHistogram}, params, secondary metrics and units. Accepts a file, or a run folder holding
 * {@code results.json} (or exactly one {@code *.json}).
 */
public final class JmhReader {
  /** The configuration id of entries without a {@code "config"} field. */
  public static final String DEFAULT_CONFIG = "default";

  private static final String EXPECTED =
      "expected JMH JSON output (-rf json): an array of objects with \"benchmark\", \"mode\" and"
          + " \"primaryMetric\"";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JmhReader() {}

  /**
   * Reads a JMH JSON file or a run folder.
   *
   * @param path a file, or a folder with {@code results.json} or a single {@code *.json}
   * @return the run
   * @throws JmhInputException if the path is missing, not JSON, not JMH output, or has no results
   */
  public static JmhRun read(Path path) {
    if (!Files.exists(path)) {
      throw new JmhInputException(path + ": no such file or directory");
    }
    Path file = path;
    String label = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    if (Files.isDirectory(path)) {
      file = jsonIn(path);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new JmhInputException(
          file + ": not JSON (" + e.getOriginalMessage() + "); " + EXPECTED);
    } catch (IOException e) {
      throw new JmhInputException(file + ": cannot read: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new JmhInputException(file + ": empty file; " + EXPECTED);
    }
    if (!root.isArray()) {
      throw new JmhInputException(
          file + ": not JMH output: found a JSON " + kind(root) + "; " + EXPECTED);
    }
    if (root.isEmpty()) {
      throw new JmhInputException(file + ": no benchmark results (an empty JSON array)");
    }
    List<JmhResult> results = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : root) {
      results.add(entry(file, index++, entry));
    }
    return new JmhRun(file, label, Collections.unmodifiableList(results));
  }

  private static Path jsonIn(Path dir) {
    Path results = dir.resolve("results.json");
    if (Files.isRegularFile(results)) {
      return results;
    }
    List<Path> json;
    try (Stream<Path> s = Files.list(dir)) {
      json = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new JmhInputException(dir + ": cannot list folder: " + e.getMessage());
    }
    if (json.size() == 1) {
      return json.get(0);
    }
    throw new JmhInputException(
        dir
            + ": a run folder must contain results.json"
            + (json.isEmpty()
                ? " (it has no .json file)"
                : " (it has " + json.size() + " .json files; name one)"));
  }

  private static String kind(JsonNode n) {
    return n.isObject()
        ? "object"
        : n.isTextual()
            ? "string"
            : n.isNumber()
                ? "number"
                : n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static JmhResult entry(Path file, int index, JsonNode e) {
    String where = file + ": entry " + index;
    if (!e.isObject()) {
      throw new JmhInputException(where + " is a " + kind(e) + ", not an object; " + EXPECTED);
    }
    String benchmark = text(e, "benchmark", where);
    String mode = text(e, "mode", where);
    where = file + ": " + benchmark;
    JsonNode pm = e.get("primaryMetric");
    if (pm == null || !pm.isObject()) {
      throw new JmhInputException(where + ": no \"primaryMetric\" object; " + EXPECTED);
    }
    Map<String, String> params = new TreeMap<>();
    JsonNode p = e.get("params");
    if (p != null && p.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        params.put(f.getKey(), f.getValue().asText());
      }
    }
    JsonNode c = e.get("config");
    String config =
        c != null && c.isTextual() && !c.asText().isEmpty() ? c.asText() : DEFAULT_CONFIG;
    JmhMetric primary = metric(where, "primary", pm, true);
    Map<String, JmhMetric> secondary = new LinkedHashMap<>();
    JsonNode sm = e.get("secondaryMetrics");
    if (sm != null && sm.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = sm.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String name = normalize(f.getKey());
        JmhMetric m = metric(where, name, f.getValue(), false);
        if (m != null) {
          secondary.put(name, m);
        }
      }
    }
    return new JmhResult(
        benchmark,
        mode,
        Collections.unmodifiableMap(params),
        config,
        primary,
        Collections.unmodifiableMap(secondary));
  }

  /** Removes JMH 1.36's leading middle dot ({@code ·gc.alloc.rate.norm}). */
  static String normalize(String name) {
    String n = name;
    while (n.startsWith("\u00b7") || n.startsWith("+")) {
      n = n.substring(1);
    }
    return n;
  }

  private static String text(JsonNode e, String field, String where) {
    JsonNode n = e.get(field);
    if (n == null || !n.isTextual()) {
      throw new JmhInputException(where + ": no \"" + field + "\" string; " + EXPECTED);
    }
    return n.asText();
  }

  private static JmhMetric metric(String where, String name, JsonNode m, boolean required) {
    String ctx = where + " (" + (required ? "primaryMetric" : name) + ")";
    JsonNode unit = m.get("scoreUnit");
    JsonNode raw = m.get("rawData");
    JsonNode hist = m.get("rawDataHistogram");
    boolean hasRaw = raw != null && raw.isArray() && !raw.isEmpty();
    boolean hasHist = hist != null && hist.isArray() && !hist.isEmpty();
    if (unit == null || !unit.isTextual() || (!hasRaw && !hasHist)) {
      if (!required) {
        return null;
      }
      throw new JmhInputException(
          ctx + ": needs \"scoreUnit\" and \"rawData\" or \"rawDataHistogram\"; " + EXPECTED);
    }
    double[][] data = hasRaw ? raw(ctx, raw) : null;
    Histogram[][] hs = !hasRaw ? histograms(ctx, hist) : null;
    if (hasRaw && hasHist) {
      hs = histograms(ctx, hist);
    }
    return new JmhMetric(name, unit.asText(), data, hs);
  }

  private static double[][] raw(String ctx, JsonNode raw) {
    double[][] out = new double[raw.size()][];
    int f = 0;
    for (JsonNode fork : raw) {
      if (!fork.isArray() || fork.isEmpty()) {
        throw new JmhInputException(ctx + ": rawData[" + f + "] is not a non-empty array");
      }
      out[f] = new double[fork.size()];
      int i = 0;
      for (JsonNode v : fork) {
        out[f][i++] = number(ctx, v);
      }
      f++;
    }
    return out;
  }

  private static double number(String ctx, JsonNode v) {
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      // JMH writes non-finite scores as strings ("NaN", "Infinity").
      try {
        return Double.parseDouble(v.asText());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new JmhInputException(ctx + ": not a number in raw data: " + v);
  }

  private static Histogram[][] histograms(String ctx, JsonNode hist) {
    Histogram[][] out = new Histogram[hist.size()][];
    int f = 0;
    for (JsonNode fork : hist) {
      if (!fork.isArray() || fork.isEmpty()) {
        throw new JmhInputException(ctx + ": rawDataHistogram[" + f + "] is not a non-empty array");
      }
      out[f] = new Histogram[fork.size()];
      int i = 0;
      for (JsonNode it : fork) {
        if (!it.isArray() || it.isEmpty()) {
          throw new JmhInputException(
              ctx + ": rawDataHistogram[" + f + "][" + i + "] is not a list of [value, count]");
        }
        double[] values = new double[it.size()];
        long[] counts = new long[it.size()];
        int j = 0;
        for (JsonNode pair : it) {
          if (!pair.isArray() || pair.size() != 2) {
            throw new JmhInputException(
                ctx
                    + ": rawDataHistogram["
                    + f
                    + "]["
                    + i
                    + "] has an entry that is not [value, count]");
          }
          values[j] = number(ctx, pair.get(0));
          counts[j] = (long) number(ctx, pair.get(1));
          j++;
        }
        try {
          out[f][i] = new Histogram(values, counts);
        } catch (IllegalArgumentException e) {
          throw new JmhInputException(
              ctx + ": rawDataHistogram[" + f + "][" + i + "]: " + e.getMessage());
        }
        i++;
      }
      f++;
    }
    return out;
  }
}
