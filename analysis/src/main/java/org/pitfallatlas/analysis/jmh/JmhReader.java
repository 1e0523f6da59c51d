package org.pitfallatlas.analysis.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pitfallatlas.analysis.latency.OpenLoopResults;

/**
 * Reads JMH's JSON output ({@code -rf json}): JMH 1.37 metric names and the {@code ·}-prefixed
 * names of 1.36 and older, {@code rawData} ({@code [fork][iteration]}), SampleTime's {@code
 * rawDataHistogram}, params, secondary metrics and units. Accepts a file, or a run folder holding
 * {@code results.json} (or exactly one {@code *.json}).
 *
 * <p>The file is read in one pass with Jackson's streaming {@link JsonParser} (no tree, no
 * data-binding: a JMH file of a few hundred entries is mostly numbers, and the tree model and its
 * classes cost more than the rest of a comparison's start-up). Fields may come in any order;
 * unknown fields are skipped. A problem inside a metric is reported once the entry is read, so that
 * the message can name the benchmark.
 */
public final class JmhReader {
  /** The configuration id of entries without a {@code "config"} field. */
  public static final String DEFAULT_CONFIG = "default";

  private static final String EXPECTED =
      "expected JMH JSON output (-rf json): an array of objects with \"benchmark\", \"mode\" and"
          + " \"primaryMetric\"";

  /**
   * Doubles are parsed with the FastDoubleParser bundled in jackson-core: correctly rounded like
   * {@link Double#parseDouble}, without the big-integer slow path whose warm-up and compilation
   * cost more than the parsing itself in a short-lived command.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  /** Secondary metrics the comparisons use: a malformed one is an error, others are dropped. */
  private static final java.util.Set<String> CHECKED_SECONDARY =
      java.util.Set.of("gc.alloc.rate.norm");

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
    sniff(file);
    try (JsonParser p = JSON.createParser(file.toFile())) {
      List<JmhResult> results = results(file, p);
      if (file.getParent() != null) {
        // A run folder's open-loop latency logs replace its single-shot window timings.
        results = OpenLoopResults.merge(file.getParent(), results);
      }
      return new JmhRun(file, label, Collections.unmodifiableList(results));
    } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
      throw new JmhInputException(
          file
              + ": truncated: the file ends"
              + at(e)
              + " inside an unfinished JSON value (was the JMH run interrupted, or the file"
              + " copied before JMH finished writing it?); "
              + EXPECTED);
    } catch (JsonProcessingException e) {
      String original = e.getOriginalMessage();
      if (original != null && original.startsWith("Unexpected end-of-input")) {
        throw new JmhInputException(
            file
                + ": truncated: the file ends"
                + at(e)
                + " inside an unfinished JSON value (was the JMH run interrupted, or the file"
                + " copied before JMH finished writing it?); "
                + EXPECTED);
      }
      throw new JmhInputException(
          file + ": not JSON" + at(e) + " (" + plain(original) + "); " + EXPECTED);
    } catch (IOException e) {
      throw new JmhInputException(file + ": cannot read: " + e.getMessage());
    }
  }

  /** " at line L, column C", from a Jackson exception's location (empty when unknown). */
  private static String at(JsonProcessingException e) {
    com.fasterxml.jackson.core.JsonLocation l = e.getLocation();
    if (l == null || l.getLineNr() < 1) {
      return "";
    }
    return " at line " + l.getLineNr() + ", column " + l.getColumnNr();
  }

  /** Jackson's message without its source-location boilerplate. */
  private static String plain(String message) {
    if (message == null) {
      return "unreadable";
    }
    int source = message.indexOf(" (start marker at [Source:");
    String m = source >= 0 ? message.substring(0, source) : message;
    return m.replaceAll("\\s*\\[Source:.*?\\]\\)?", "").trim();
  }

  /**
   * Recognises the usual wrong inputs before parsing, from the file's first lines: JMH's CSV or
   * text output instead of JSON, and unresolved git merge conflicts.
   */
  private static void sniff(Path file) {
    List<String> head = new ArrayList<>();
    try (java.io.BufferedReader r = Files.newBufferedReader(file)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.startsWith("<<<<<<< ") || line.equals("=======") || line.startsWith(">>>>>>> ")) {
          throw new JmhInputException(
              file
                  + ": has a git merge conflict marker at line "
                  + n
                  + " (\""
                  + line
                  + "\"): resolve the conflict (keep one side's results) or take the file from"
                  + " one commit");
        }
        if (head.size() < 5 && !line.isBlank()) {
          head.add(line.strip());
        }
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new JmhInputException(
          file + ": not a text file (not UTF-8); " + EXPECTED + ". Run JMH with -rf json.");
    } catch (IOException e) {
      throw new JmhInputException(file + ": cannot read: " + e.getMessage());
    }
    if (head.isEmpty()) {
      return;
    }
    String first = head.get(0);
    if (first.startsWith("\"Benchmark\",\"Mode\"") || first.startsWith("Benchmark,Mode")) {
      throw new JmhInputException(
          file
              + ": this is JMH's CSV output (-rf csv), which has no per-fork or per-iteration"
              + " values; run JMH with -rf json (e.g. -rf json -rff result.json) and compare"
              + " that file");
    }
    boolean text =
        head.stream()
            .anyMatch(
                l ->
                    l.startsWith("# JMH version")
                        || l.startsWith("# Run progress")
                        || l.startsWith("# Benchmark:")
                        || l.matches("Benchmark\\s+(\\(\\w+\\)\\s+)*Mode\\s+Cnt\\s+Score.*"));
    if (text) {
      throw new JmhInputException(
          file
              + ": this is JMH's text output (the console log or -rf text), not its JSON; run JMH"
              + " with -rf json -rff result.json and compare that file");
    }
  }

  private static List<JmhResult> results(Path file, JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new JmhInputException(file + ": empty file; " + EXPECTED);
    }
    if (t != JsonToken.START_ARRAY) {
      throw new JmhInputException(
          file + ": not JMH output: found a JSON " + kind(t) + "; " + EXPECTED);
    }
    List<JmhResult> results = new ArrayList<>();
    int index = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "end of input");
      }
      results.add(entry(file, index++, p, t));
    }
    if (results.isEmpty()) {
      throw new JmhInputException(file + ": no benchmark results (an empty JSON array)");
    }
    int line = p.currentLocation().getLineNr();
    JsonToken after;
    try {
      after = p.nextToken();
    } catch (JsonProcessingException e) {
      throw new JmhInputException(
          file
              + ": trailing data after the JSON array that ends at line "
              + line
              + at(e)
              + ": not JMH output; the file holds "
              + results.size()
              + " entries before it. Remove what follows the array (a log appended to the file?)");
    }
    if (after == JsonToken.START_ARRAY) {
      throw new JmhInputException(
          file
              + ": holds two JSON arrays one after the other (after line "
              + line
              + "), like two JMH result files concatenated with cat: give them as two inputs,"
              + " or merge them into one array on purpose");
    }
    if (after != null) {
      throw new JmhInputException(
          file
              + ": trailing data after the JSON array that ends at line "
              + line
              + " (a JSON "
              + kind(after)
              + "): not JMH output; remove what follows the array");
    }
    return results;
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

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /**
   * A metric as read, before it is checked: present parts and the first problem in each, which is
   * only reported if that part is used.
   */
  private static final class RawMetric {
    String unit;
    double[][] raw;
    String rawProblem;

    /** The first fork with no values, or -1. */
    int emptyFork = -1;

    Histogram[][] histograms;
    String histogramProblem;
  }

  private static JmhResult entry(Path file, int index, JsonParser p, JsonToken t)
      throws IOException {
    String where = file + ": entry " + index;
    if (t != JsonToken.START_OBJECT) {
      throw new JmhInputException(where + " is a " + kind(t) + ", not an object; " + EXPECTED);
    }
    String benchmark = null;
    String mode = null;
    String config = null;
    int looks = 1;
    int threads = 0;
    String looksProblem = null;
    Map<String, String> params = new TreeMap<>();
    RawMetric primary = null;
    boolean primaryIsObject = false;
    Map<String, RawMetric> secondary = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "benchmark" -> benchmark = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "mode" -> mode = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "config" -> config = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "threads" -> {
          threads = v == JsonToken.VALUE_NUMBER_INT ? (int) Math.max(0, p.getLongValue()) : 0;
          p.skipChildren();
        }
        case "looks" -> {
          // The atlas runner's optional stopping: how many times it looked at the data.
          if (v == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 1) {
            looks = (int) Math.min(Integer.MAX_VALUE, p.getLongValue());
            looksProblem = null;
          } else {
            looksProblem = "\"looks\" must be a positive integer, not " + shown(p, v);
            p.skipChildren();
          }
        }
        case "params" -> {
          params.clear();
          if (v == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              JsonToken pv = p.nextToken();
              // As JsonNode.asText(): scalars as written, containers as "".
              params.put(name, pv.isScalarValue() ? p.getText() : "");
              p.skipChildren();
            }
          } else {
            p.skipChildren();
          }
        }
        case "primaryMetric" -> {
          primaryIsObject = v == JsonToken.START_OBJECT;
          primary = primaryIsObject ? metric(p) : null;
          if (!primaryIsObject) {
            p.skipChildren();
          }
        }
        case "secondaryMetrics" -> {
          secondary.clear();
          if (v == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = normalize(p.currentName());
              if (p.nextToken() == JsonToken.START_OBJECT) {
                secondary.put(name, metric(p));
              } else {
                p.skipChildren();
                secondary.remove(name);
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    if (benchmark == null) {
      throw new JmhInputException(where + ": no \"benchmark\" string; " + EXPECTED);
    }
    if (mode == null) {
      throw new JmhInputException(where + ": no \"mode\" string; " + EXPECTED);
    }
    where = file + ": " + benchmark;
    if (looksProblem != null) {
      throw new JmhInputException(where + ": " + looksProblem);
    }
    if (!primaryIsObject) {
      throw new JmhInputException(where + ": no \"primaryMetric\" object; " + EXPECTED);
    }
    JmhMetric primaryMetric = check(where, "primary", primary, true);
    Map<String, JmhMetric> checked = new LinkedHashMap<>();
    for (Map.Entry<String, RawMetric> m : secondary.entrySet()) {
      JmhMetric metric = check(where, m.getKey(), m.getValue(), false);
      if (metric != null) {
        checked.put(m.getKey(), metric);
      }
    }
    return new JmhResult(
        benchmark,
        mode,
        Collections.unmodifiableMap(params),
        config == null || config.isEmpty() ? DEFAULT_CONFIG : config,
        primaryMetric,
        Collections.unmodifiableMap(checked),
        looks,
        threads);
  }

  private static String shown(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      return "{...}";
    }
    if (t == JsonToken.START_ARRAY) {
      return "[...]";
    }
    return t == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText();
  }

  /** Removes JMH 1.36's leading middle dot ({@code ·gc.alloc.rate.norm}). */
  static String normalize(String name) {
    String n = name;
    while (n.startsWith("\u00b7") || n.startsWith("+")) {
      n = n.substring(1);
    }
    return n;
  }

  private static JmhMetric check(String where, String name, RawMetric m, boolean required) {
    String ctx = where + " (" + (required ? "primaryMetric" : name) + ")";
    boolean hasRaw = m.raw != null;
    boolean hasHist = m.histograms != null;
    if (m.unit == null || (!hasRaw && !hasHist)) {
      if (!required) {
        return null;
      }
      throw new JmhInputException(
          ctx + ": needs \"scoreUnit\" and \"rawData\" or \"rawDataHistogram\"; " + EXPECTED);
    }
    if (!required
        && !CHECKED_SECONDARY.contains(name)
        && ((hasRaw && m.rawProblem != null) || (hasHist && m.histogramProblem != null))) {
      // A secondary metric no comparison uses (gc.time, a profiler's counters) does not make the
      // file unreadable: it is dropped.
      return null;
    }
    if (hasRaw && m.rawProblem != null) {
      throw new JmhInputException(ctx + ": " + m.rawProblem);
    }
    double[][] raw = m.raw;
    if (hasRaw && m.emptyFork >= 0) {
      // JMH writes an empty array for a fork in which a secondary metric had no sample (gc.time
      // in a fork that never collected): that fork has no values, the metric still has the others.
      if (required) {
        throw new JmhInputException(
            ctx + ": rawData[" + m.emptyFork + "] is not a non-empty array");
      }
      raw = java.util.Arrays.stream(raw).filter(f -> f.length > 0).toArray(double[][]::new);
      if (raw.length == 0) {
        return null;
      }
    }
    if (hasHist && m.histogramProblem != null) {
      throw new JmhInputException(ctx + ": " + m.histogramProblem);
    }
    return new JmhMetric(name, m.unit, raw, m.histograms);
  }

  /** Reads a metric object; the parser is on its START_OBJECT and ends on its END_OBJECT. */
  private static RawMetric metric(JsonParser p) throws IOException {
    RawMetric m = new RawMetric();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "scoreUnit" -> m.unit = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "rawData" -> raw(p, v, m);
        case "rawDataHistogram" -> histograms(p, v, m);
        default -> p.skipChildren();
      }
    }
    return m;
  }

  /** {@code rawData}: {@code [fork][iteration]} numbers. Absent unless a non-empty array. */
  private static void raw(JsonParser p, JsonToken v, RawMetric m) throws IOException {
    m.raw = null;
    m.rawProblem = null;
    m.emptyFork = -1;
    if (v != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    List<double[]> forks = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      int f = forks.size();
      if (t != JsonToken.START_ARRAY) {
        p.skipChildren();
        problem(m, false, "rawData[" + f + "] is not a non-empty array");
        forks.add(new double[0]);
        continue;
      }
      double[] values = new double[16];
      int n = 0;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (n == values.length) {
          values = java.util.Arrays.copyOf(values, 2 * n);
        }
        values[n++] = number(p, t, m, false);
      }
      if (n == 0 && m.emptyFork < 0) {
        m.emptyFork = f;
      }
      forks.add(java.util.Arrays.copyOf(values, n));
    }
    if (!forks.isEmpty()) {
      m.raw = forks.toArray(new double[0][]);
    }
  }

  /**
   * {@code rawDataHistogram}: {@code [fork][iteration][[value, count], ...]}. Absent unless a
   * non-empty array.
   */
  private static void histograms(JsonParser p, JsonToken v, RawMetric m) throws IOException {
    m.histograms = null;
    m.histogramProblem = null;
    if (v != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    List<Histogram[]> forks = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      int f = forks.size();
      List<Histogram> iterations = new ArrayList<>();
      if (t != JsonToken.START_ARRAY) {
        p.skipChildren();
      } else {
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          iterations.add(histogram(p, t, m, f, iterations.size()));
        }
      }
      if (iterations.isEmpty()) {
        problem(m, true, "rawDataHistogram[" + f + "] is not a non-empty array");
      }
      forks.add(iterations.toArray(new Histogram[0]));
    }
    if (!forks.isEmpty()) {
      m.histograms = forks.toArray(new Histogram[0][]);
    }
  }

  private static Histogram histogram(JsonParser p, JsonToken t, RawMetric m, int f, int i)
      throws IOException {
    String at = "rawDataHistogram[" + f + "][" + i + "]";
    if (t != JsonToken.START_ARRAY) {
      p.skipChildren();
      problem(m, true, at + " is not a list of [value, count]");
      return null;
    }
    List<double[]> pairs = new ArrayList<>();
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_ARRAY) {
        p.skipChildren();
        problem(m, true, at + " has an entry that is not [value, count]");
        continue;
      }
      double[] pair = new double[2];
      int n = 0;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        double x = number(p, t, m, true);
        if (n < 2) {
          pair[n] = x;
        }
        n++;
      }
      if (n != 2) {
        problem(m, true, at + " has an entry that is not [value, count]");
        continue;
      }
      pairs.add(pair);
    }
    if (pairs.isEmpty()) {
      problem(m, true, at + " is not a list of [value, count]");
      return null;
    }
    double[] values = new double[pairs.size()];
    long[] counts = new long[pairs.size()];
    for (int j = 0; j < values.length; j++) {
      values[j] = pairs.get(j)[0];
      counts[j] = (long) pairs.get(j)[1];
    }
    try {
      return new Histogram(values, counts);
    } catch (IllegalArgumentException e) {
      problem(m, true, at + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * A number of raw data: a JSON number, or a string Java can parse (JMH writes non-finite scores
   * as {@code "NaN"}, {@code "Infinity"}). Anything else is a problem, reported as written.
   */
  private static double number(JsonParser p, JsonToken t, RawMetric m, boolean histogram)
      throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    String shown;
    if (t == JsonToken.VALUE_STRING) {
      try {
        return Double.parseDouble(p.getText());
      } catch (NumberFormatException e) {
        shown = "\"" + p.getText() + "\"";
      }
    } else if (t.isScalarValue()) {
      shown = p.getText();
    } else {
      shown = t == JsonToken.START_OBJECT ? "{...}" : "[...]";
      p.skipChildren();
    }
    problem(m, histogram, "not a number in raw data: " + shown);
    return Double.NaN;
  }

  private static void problem(RawMetric m, boolean histogram, String message) {
    if (histogram) {
      if (m.histogramProblem == null) {
        m.histogramProblem = message;
      }
    } else if (m.rawProblem == null) {
      m.rawProblem = message;
    }
  }
}
