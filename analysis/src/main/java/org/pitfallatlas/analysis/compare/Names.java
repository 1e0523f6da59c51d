package org.pitfallatlas.analysis.compare;

import java.util.Map;
import org.pitfallatlas.analysis.jmh.JmhReader;

/** Display names of rows: {@code Class.method/param=value/config=id}, like benchstat's names. */
final class Names {
  private Names() {}

  static String shortBenchmark(String benchmark) {
    int last = benchmark.lastIndexOf('.');
    int prev = last <= 0 ? -1 : benchmark.lastIndexOf('.', last - 1);
    return benchmark.substring(prev + 1);
  }

  static String shortClass(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  static String suffix(Map<String, String> params, String config) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      sb.append('/').append(e.getKey()).append('=').append(e.getValue());
    }
    if (!JmhReader.DEFAULT_CONFIG.equals(config)) {
      sb.append("/config=").append(config);
    }
    return sb.toString();
  }
}
