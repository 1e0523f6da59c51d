package org.pitfallatlas.analysis.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Column labels for input paths: each path's shortest trailing part that no other input shares
   * ({@code before/jmh-result.json} and {@code after/jmh-result.json}, not {@code jmh-result.json}
   * and {@code jmh-result.json#2}); the same file given twice gets {@code #2}.
   */
  static List<String> distinguishing(List<Path> paths) {
    List<Path> norm = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < norm.size(); i++) {
      Path p = norm.get(i);
      int depth = Math.max(1, p.getNameCount());
      String label = tail(p, depth);
      for (int k = 1; k <= depth; k++) {
        String candidate = tail(p, k);
        boolean shared = false;
        for (int j = 0; j < norm.size(); j++) {
          Path q = norm.get(j);
          if (j != i && !q.equals(p) && candidate.equals(tail(q, k))) {
            shared = true;
            break;
          }
        }
        if (!shared) {
          label = candidate;
          break;
        }
      }
      String unique = label;
      int n = 2;
      while (labels.contains(unique)) {
        unique = label + "#" + n++;
      }
      labels.add(unique);
    }
    return labels;
  }

  private static String tail(Path p, int k) {
    int count = p.getNameCount();
    if (count == 0) {
      return p.toString();
    }
    int from = Math.max(0, count - k);
    return p.subpath(from, count).toString().replace('\\', '/');
  }

  /**
   * Short names for fully qualified benchmarks: {@code Class.method}, with as many package
   * components as it takes when two benchmarks share it ({@code jdk.ConcBench.run} and {@code
   * guava.ConcBench.run}).
   */
  static Map<String, String> unambiguous(java.util.Collection<String> benchmarks) {
    List<String> all = benchmarks.stream().distinct().toList();
    Map<String, String> out = new java.util.HashMap<>();
    for (String b : all) {
      String[] parts = b.split("\\.");
      int keep = Math.min(2, parts.length);
      while (true) {
        String candidate =
            String.join(
                ".", java.util.Arrays.copyOfRange(parts, parts.length - keep, parts.length));
        boolean clash =
            all.stream()
                .filter(o -> !o.equals(b))
                .anyMatch(o -> o.equals(candidate) || o.endsWith("." + candidate));
        if (!clash || keep >= parts.length) {
          out.put(b, candidate);
          break;
        }
        keep++;
      }
    }
    return out;
  }
}
