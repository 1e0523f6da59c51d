package org.pitfallatlas.analysis.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A BenchmarkPoint is one benchmark method at one {@code @Param} point: the unit the runner
 * measures in one JMH invocation, so that an interrupted run keeps every point that finished.
 *
 * @param benchmark fully qualified method name, {@code
 *     org.pitfallatlas.boxing.IntegerSum.fixIntArray}
 * @param params parameter values, in the class's declaration order
 */
public record BenchmarkPoint(String benchmark, Map<String, String> params) {

  public BenchmarkPoint {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  /** {@code IntegerSum.fixIntArray size=100}: class, method and params, for progress lines. */
  public String label() {
    String[] parts = benchmark.split("\\.");
    String shortName =
        parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    if (params.isEmpty()) {
      return shortName;
    }
    return shortName
        + " "
        + params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
  }

  /** The JMH arguments selecting exactly this point. */
  public List<String> selector() {
    List<String> args = new ArrayList<>();
    args.add("^" + Pattern.quote(benchmark) + "$");
    params.forEach((k, v) -> args.addAll(List.of("-p", k + "=" + v)));
    return args;
  }

  /** The simple name of the class holding the benchmark. */
  public String className() {
    String[] parts = benchmark.split("\\.");
    return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
  }
}
