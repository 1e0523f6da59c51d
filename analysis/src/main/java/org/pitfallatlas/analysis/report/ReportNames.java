package org.pitfallatlas.analysis.report;

import java.util.Map;

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
}
