package org.pitfallatlas.analysis.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the output of {@code java -jar benchmarks.jar -lp <regex>} into benchmark points: every
 * method times the cross product of its {@code @Param} values.
 */
public final class BenchmarkLister {

  private static final Pattern PARAM = Pattern.compile("^\\s+param \"([^\"]+)\" = \\{(.*)}\\s*$");

  private BenchmarkLister() {}

  /**
   * Lists the benchmark points of the classes matching {@code regex} in a benchmarks jar, by asking
   * JMH ({@code -lp}) with the {@code java} launcher and host flags given ({@link
   * Runner#hostFlags(int)}).
   *
   * @throws RunException if JMH cannot list the jar
   */
  public static List<BenchmarkPoint> list(
      Path java, List<String> hostFlags, Path jar, String regex) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.addAll(hostFlags);
    cmd.addAll(List.of("-jar", jar.toString(), "-lp", regex));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new RunException(2, "cannot list benchmarks in " + jar + ":\n" + out);
      }
      return parse(out);
    } catch (IOException e) {
      throw new RunException(2, "cannot list benchmarks in " + jar + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunException(2, "interrupted while listing " + jar);
    }
  }

  /**
   * Parses JMH's {@code -lp} listing.
   *
   * @param listing the text JMH printed
   * @return the points, in listing order
   */
  public static List<BenchmarkPoint> parse(String listing) {
    List<BenchmarkPoint> points = new ArrayList<>();
    String current = null;
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String line : listing.split("\n")) {
      if (line.isBlank() || line.startsWith("Benchmarks:") || line.startsWith("WARNING")) {
        continue;
      }
      Matcher m = PARAM.matcher(line);
      if (m.matches() && current != null) {
        List<String> values = new ArrayList<>();
        for (String v : m.group(2).split(",")) {
          values.add(v.strip());
        }
        params.put(m.group(1), values);
      } else if (!Character.isWhitespace(line.charAt(0)) && line.contains(".")) {
        if (current != null) {
          expand(current, params, points);
        }
        current = line.strip();
        params = new LinkedHashMap<>();
      }
    }
    if (current != null) {
      expand(current, params, points);
    }
    return points;
  }

  private static void expand(
      String benchmark, Map<String, List<String>> params, List<BenchmarkPoint> out) {
    List<Map<String, String>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> combo : combos) {
        for (String v : e.getValue()) {
          Map<String, String> c = new LinkedHashMap<>(combo);
          c.put(e.getKey(), v);
          next.add(c);
        }
      }
      combos = next;
    }
    for (Map<String, String> c : combos) {
      out.add(new BenchmarkPoint(benchmark, c));
    }
  }
}
