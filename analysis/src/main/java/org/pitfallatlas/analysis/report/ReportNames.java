package org.pitfallatlas.analysis.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Names the small notebook sections share: a benchmark's class and a parameter point. */
final class ReportNames {

  private ReportNames() {}

  /** The simple name of a fully qualified class name. */
  static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** A parameter point as "k1=v1 k2=v2", in the map's order (JMH's params are sorted by name). */
  static String point(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }

  /** The values each {@code @Param} takes over a set of points, in order of appearance. */
  static Map<String, Set<String>> paramValues(Collection<Map<String, String>> points) {
    Map<String, Set<String>> values = new LinkedHashMap<>();
    for (Map<String, String> p : points) {
      p.forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
    }
    return values;
  }

  /** The numeric {@code @Param} with the most values (at least two), or null when none varies. */
  static String numericSweep(Map<String, Set<String>> values) {
    String swept = null;
    for (Map.Entry<String, Set<String>> v : values.entrySet()) {
      boolean numeric = v.getValue().stream().allMatch(x -> x.matches("-?[0-9.]+"));
      if (numeric
          && v.getValue().size() > 1
          && (swept == null || v.getValue().size() > values.get(swept).size())) {
        swept = v.getKey();
      }
    }
    return swept;
  }
}
