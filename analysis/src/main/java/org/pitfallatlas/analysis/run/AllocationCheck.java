package org.pitfallatlas.analysis.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.pitfallatlas.analysis.suite.PairSpec;
import org.pitfallatlas.analysis.suite.Suite;

/**
 * The AllocationCheck compares each measured {@code gc.alloc.rate.norm} (B/op) with the JOL-derived
 * expectation the suite file states for it. Allocation per operation is deterministic enough to
 * check; time is not.
 */
public final class AllocationCheck {

  /**
   * A Row is one expectation and what was measured.
   *
   * @param pair the pair class
   * @param method the benchmark method
   * @param params the parameter point
   * @param expected expected bytes per operation
   * @param measured measured bytes per operation (mean over forks), or NaN when not measured
   * @param allowed the largest accepted difference, in bytes
   * @param why the derivation
   */
  public record Row(
      String pair,
      String method,
      Map<String, String> params,
      double expected,
      double measured,
      double allowed,
      String why) {

    /** True when the point was measured and lies within the tolerance. */
    public boolean matches() {
      return !Double.isNaN(measured) && Math.abs(measured - expected) <= allowed;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private AllocationCheck() {}

  /** Checks every expectation of {@code suite} against the results in {@code resultsJson}. */
  public static List<Row> check(Suite suite, Path resultsJson) {
    JsonNode results;
    try {
      results = JSON.readTree(resultsJson.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Row> rows = new ArrayList<>();
    for (PairSpec pair : suite.pairs()) {
      for (Map.Entry<String, PairSpec.ExpectedBytes> e : pair.expectedBytesPerOp().entrySet()) {
        String method =
            e.getKey().contains("@")
                ? e.getKey().substring(0, e.getKey().indexOf('@'))
                : e.getKey();
        PairSpec.ExpectedBytes x = e.getValue();
        String benchmark = suite.javaPackage() + "." + pair.className() + "." + method;
        double measured = measured(results, benchmark, x.params());
        double rel = x.tolerance() == null ? 0.10 : x.tolerance();
        double abs = x.toleranceBytes() == null ? 8.0 : x.toleranceBytes();
        rows.add(
            new Row(
                pair.className(),
                method,
                x.params() == null ? Map.of() : x.params(),
                x.bytes(),
                measured,
                Math.max(abs, rel * x.bytes()),
                x.why()));
      }
    }
    return rows;
  }

  private static double measured(JsonNode results, String benchmark, Map<String, String> params) {
    for (JsonNode entry : results) {
      if (!benchmark.equals(entry.path("benchmark").asText())) {
        continue;
      }
      if (!"default".equals(entry.path("config").asText("default"))) {
        continue;
      }
      if (params != null && !matches(entry.path("params"), params)) {
        continue;
      }
      JsonNode sec = entry.path("secondaryMetrics");
      JsonNode norm = sec.has("gc.alloc.rate.norm") ? sec.get("gc.alloc.rate.norm") : null;
      if (norm == null) {
        for (Iterator<String> it = sec.fieldNames(); it.hasNext(); ) {
          String k = it.next();
          if (k.endsWith("gc.alloc.rate.norm")) {
            norm = sec.get(k);
          }
        }
      }
      if (norm != null) {
        return norm.path("score").asDouble(Double.NaN);
      }
    }
    return Double.NaN;
  }

  private static boolean matches(JsonNode actual, Map<String, String> wanted) {
    for (Map.Entry<String, String> w : wanted.entrySet()) {
      if (!w.getValue().equals(actual.path(w.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }
}
