package org.pitfallatlas.analysis.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A ForkMerger folds the single-fork JMH results of one benchmark point into one JMH entry, fork by
 * fork, so a run measured as interleaved one-fork invocations still reads as ordinary JMH output:
 * {@code rawData[fork][iteration]} (and {@code rawDataHistogram}) of the primary and every
 * secondary metric grow by one fork, and {@code score}, {@code scoreError} and {@code
 * scoreConfidence} are recomputed over all forks the way JMH computes them (mean of all iterations;
 * 99.9% Student-t half-width).
 */
final class ForkMerger {

  private ForkMerger() {}

  /** The identity of a JMH entry: benchmark, mode, params and configuration. */
  static String key(JsonNode entry) {
    return entry.path("benchmark").asText()
        + "|"
        + entry.path("mode").asText()
        + "|"
        + entry.path("params").toString()
        + "|"
        + entry.path("config").asText("default");
  }

  /**
   * Appends the forks of {@code add} (a JMH entry of the same point) to {@code into}.
   *
   * @throws IllegalArgumentException if the two entries are not the same point
   */
  static void append(ObjectNode into, JsonNode add) {
    if (!key(into).equals(key(add))) {
      throw new IllegalArgumentException(
          "cannot merge " + key(add) + " into a different point " + key(into));
    }
    appendMetric((ObjectNode) into.get("primaryMetric"), add.get("primaryMetric"));
    JsonNode sec = add.path("secondaryMetrics");
    ObjectNode intoSec = (ObjectNode) into.get("secondaryMetrics");
    for (Iterator<Map.Entry<String, JsonNode>> it = sec.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      JsonNode existing = intoSec == null ? null : intoSec.get(m.getKey());
      if (existing instanceof ObjectNode o) {
        appendMetric(o, m.getValue());
      }
      // A secondary metric that only some forks report (rare: a profiler that failed once) is
      // kept only where every fork has it, so rawData stays [fork][iteration] for all forks.
    }
    if (intoSec != null) {
      List<String> missing = new ArrayList<>();
      intoSec.fieldNames().forEachRemaining(n -> missing.add(n));
      missing.removeIf(sec::has);
      missing.forEach(intoSec::remove);
    }
    into.put("forks", into.path("forks").asInt(1) + add.path("forks").asInt(1));
  }

  private static void appendMetric(ObjectNode into, JsonNode add) {
    for (String field : List.of("rawData", "rawDataHistogram")) {
      if (into.get(field) instanceof ArrayNode a && add.get(field) instanceof ArrayNode b) {
        b.forEach(a::add);
      }
    }
    rescore(into);
    rescoreHistogram(into);
  }

  /** Recomputes JMH's score, error and confidence from {@code rawData} (when present). */
  private static void rescore(ObjectNode metric) {
    if (!(metric.get("rawData") instanceof ArrayNode forks)) {
      return;
    }
    List<Double> values = new ArrayList<>();
    forks.forEach(f -> f.forEach(v -> values.add(v.asDouble())));
    double[] x = values.stream().mapToDouble(Double::doubleValue).toArray();
    if (x.length == 0) {
      return;
    }
    double mean = Arrays.stream(x).average().orElseThrow();
    metric.put("score", mean);
    if (x.length < 2) {
      metric.put("scoreError", "NaN");
      return;
    }
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (x.length - 1));
    double err = TDistribution.of(x.length - 1).inverseCumulativeProbability(1 - 0.001 / 2);
    double half = err * sd / Math.sqrt(x.length);
    metric.put("scoreError", half);
    ArrayNode ci = metric.putArray("scoreConfidence");
    ci.add(mean - half);
    ci.add(mean + half);
    if (metric.get("scorePercentiles") instanceof ObjectNode pct) {
      Arrays.sort(x);
      // JMH's percentiles come from Commons Math's Percentile (Hyndman-Fan type 6).
      Quantile q = Quantile.withDefaults().with(Quantile.EstimationMethod.HF6);
      for (Iterator<String> it = pct.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        pct.put(key, q.evaluate(x, Double.parseDouble(key) / 100));
      }
    }
  }

  /** Recomputes the percentiles of a SampleTime metric from its merged histograms. */
  private static void rescoreHistogram(ObjectNode metric) {
    if (!(metric.get("rawDataHistogram") instanceof ArrayNode forks)
        || !(metric.get("scorePercentiles") instanceof ObjectNode pct)) {
      return;
    }
    List<double[]> bins = new ArrayList<>();
    forks.forEach(
        f ->
            f.forEach(
                it ->
                    it.forEach(
                        b -> bins.add(new double[] {b.get(0).asDouble(), b.get(1).asDouble()}))));
    bins.sort((a, b) -> Double.compare(a[0], b[0]));
    double total = bins.stream().mapToDouble(b -> b[1]).sum();
    double sum = bins.stream().mapToDouble(b -> b[0] * b[1]).sum();
    if (total <= 0) {
      return;
    }
    metric.put("score", sum / total);
    for (Iterator<String> it = pct.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      double rank = Math.max(1, Math.ceil(Double.parseDouble(key) / 100 * total));
      double seen = 0;
      for (double[] b : bins) {
        seen += b[1];
        if (seen >= rank) {
          pct.put(key, b[0]);
          break;
        }
      }
    }
  }
}
