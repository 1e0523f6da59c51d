package org.pitfallatlas.analysis.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.Testdata;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.compare.Pairs;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;
import org.pitfallatlas.analysis.stats.Verdict;

/** B/op medians below 1 B/op are shown as no allocation, never as absurd ratios. */
class AllocationFreeTest {
  /** 3 forks x 5 iterations around {@code center}, 1% apart (deterministic). */
  private static double[][] around(double center) {
    double[][] v = new double[3][5];
    for (int f = 0; f < 3; f++) {
      for (int i = 0; i < 5; i++) {
        v[f][i] = center * (1 + 0.01 * ((f * 5 + i) % 7 - 3) / 3.0);
      }
    }
    return v;
  }

  /** 3 forks x 5 iterations of exactly {@code center} (deterministic B/op). */
  private static double[][] flat(double center) {
    double[][] v = new double[3][5];
    for (double[] fork : v) {
      Arrays.fill(fork, center);
    }
    return v;
  }

  private static JmhResult result(String method, double[][] bytes) {
    return new JmhResult(
        "org.pitfallatlas.test.Alloc." + method,
        "avgt",
        Map.of(),
        "default",
        new JmhMetric("primary", "ns/op", around(100), null),
        Map.of(Metrics.ALLOC, new JmhMetric(Metrics.ALLOC, "B/op", bytes, null)));
  }

  private static Table pairs(double pitfallBytes, double fixBytes) {
    return pairs(around(pitfallBytes), around(fixBytes));
  }

  private static Table pairs(double[][] pitfallBytes, double[][] fixBytes) {
    return Pairs.ofRun(
        new JmhRun(
            Path.of("run.json"),
            "run",
            List.of(result("pitfallA", pitfallBytes), result("fixB", fixBytes))),
        Options.withDefaults());
  }

  private static List<String> allocCells(Table t) {
    Row r = t.section(Metrics.ALLOC, "B/op").get(0);
    return Cells.row(t, r);
  }

  private static String line(String text, String prefix) {
    return Arrays.stream(text.split("\n"))
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aFixThatAllocatesNothingIsAllocationFreeNotHalfAMillionTimesBetter() {
    // The boxing smoke run: 2,400 B/op against JMH's amortised 0.0048 B/op.
    Table smoke = Pairs.of(Testdata.path("run-smoke"));
    String text = Text.render(smoke);
    String section = text.substring(text.indexOf("gc.alloc.rate.norm (B/op)"));
    String row =
        line(section, "EscapeAnalysis.pitfallEscapeAnalysisOff vs fixNoEscape/points=100 ");
    // fix/pitfall is 0× (the fix allocates nothing), not a factor of half a million.
    assertThat(row).contains(" 0× ").contains("allocation-free").doesNotContain("%");
    assertThat(text).doesNotContain("504677×").doesNotContain("1432602×");
  }

  @Test
  void aPitfallThatAllocatesNothingMakesTheChangeInfinite() {
    Table t = pairs(0.02, 48);
    // cells: name, pitfall, fix, fix/pitfall, interval, speedup, p, verdict
    List<String> cells = allocCells(t);
    assertThat(cells.get(3)).isEqualTo("∞");
    assertThat(cells.get(4)).isEmpty();
    assertThat(cells.get(5)).isEqualTo("—");
    assertThat(cells.get(7)).isEqualTo("more allocation");
  }

  @Test
  void bothBelowOneByteHaveNoRatio() {
    Table t = pairs(0.9, 0.02);
    List<String> cells = allocCells(t);
    assertThat(cells.get(3)).isEqualTo("—");
    assertThat(cells.get(4)).isEmpty();
    assertThat(cells.get(5)).isEqualTo("—");
    assertThat(Markdown.render(t)).contains("| — |  | — |");
  }

  @Test
  void theThresholdIsOneBytePerOperation() {
    assertThat(Metrics.ALLOCATION_FREE_BELOW).isEqualTo(1.0);
    // The center is the geometric mean of the fork values: exactly the value for flat series.
    assertThat(allocCells(pairs(flat(100), flat(1.0))).get(5)).isEqualTo("100×");
    assertThat(allocCells(pairs(flat(100), flat(0.99))).get(5)).isEqualTo("allocation-free");
    assertThat(Metrics.allocationFree("time", 0.5)).isFalse();
  }

  @Test
  void theDataKeepTheRawValuesAndTheVerdictComesFromThem() throws Exception {
    Table t = pairs(2400, 0.0048);
    Row r = t.section(Metrics.ALLOC, "B/op").get(0);
    Delta d = r.deltas().get(0);
    // The ratio of the centers (geometric means of the fork values), close to the nominal one.
    assertThat(d.ratio()).isEqualTo(r.columns().get(1).center() / r.columns().get(0).center());
    assertThat(d.ratio()).isCloseTo(0.0048 / 2400, within(1e-8));
    assertThat(d.verdict()).isEqualTo(Verdict.FASTER);
    JsonNode json = new ObjectMapper().readTree(Json.render(t));
    JsonNode row = json.get("rows").get(1);
    assertThat(row.get("metric").asText()).isEqualTo(Metrics.ALLOC);
    assertThat(row.at("/columns/1/center").asDouble())
        .isEqualTo(r.columns().get(1).center())
        .isCloseTo(0.0048, within(1e-5));
    assertThat(row.at("/deltas/0/ratio").asDouble()).isEqualTo(d.ratio());
    assertThat(row.at("/deltas/0/verdict").asText()).isEqualTo("faster");
    assertThat(Csv.render(t)).contains(Double.toString(r.columns().get(1).center()));
  }
}
