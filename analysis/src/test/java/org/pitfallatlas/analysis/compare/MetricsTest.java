package org.pitfallatlas.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;
import org.pitfallatlas.analysis.stats.Direction;

/** The atlas's own secondary metrics are compared; other secondary metrics are not. */
class MetricsTest {

  /** 3 forks x 4 iterations around {@code center}, 1% apart (deterministic). */
  private static double[][] around(double center) {
    double[][] v = new double[3][4];
    for (int f = 0; f < 3; f++) {
      for (int i = 0; i < 4; i++) {
        v[f][i] = center * (1 + 0.01 * ((f * 4 + i) % 5 - 2) / 2.0);
      }
    }
    return v;
  }

  private static JmhResult result(String method, double committed, double reserved) {
    return new JmhResult(
        "org.pitfallatlas.test.Threads." + method,
        "ss",
        Map.of("threads", "1000"),
        "default",
        new JmhMetric("primary", "ms/op", around(10), null),
        Map.of(
            "thread.committed",
            new JmhMetric("thread.committed", "B/thread", around(committed), null),
            "thread.reserved",
            new JmhMetric("thread.reserved", "B/thread", around(reserved), null),
            "thread.rss",
            new JmhMetric("thread.rss", "B/thread", around(committed), null),
            Metrics.ALLOC,
            new JmhMetric(Metrics.ALLOC, "B/op", around(500), null)));
  }

  @Test
  void atlasMetricsFollowAllocationInTheirDocumentedOrder() {
    List<String> names =
        Metrics.of(result("pitfallPlatform", 33_000, 1_052_000)).stream()
            .map(Metrics.Series::metric)
            .toList();
    assertThat(names)
        .containsExactly("time", Metrics.ALLOC, "thread.committed", "thread.reserved")
        .doesNotContain("thread.rss");
    assertThat(Metrics.ATLAS)
        .containsExactly(
            "thread.committed", "thread.reserved", "io.downstream.requests", "log.bytes");
  }

  @Test
  void aResultWithoutThemHasNoSuchSeries() {
    JmhResult plain =
        new JmhResult(
            "org.pitfallatlas.test.Plain.fixA",
            "avgt",
            Map.of(),
            "default",
            new JmhMetric("primary", "ns/op", around(100), null),
            Map.of());
    assertThat(Metrics.of(plain)).extracting(Metrics.Series::metric).containsExactly("time");
  }

  @Test
  void committedBytesPerThreadArePairedAndLowerIsBetter() {
    assertThat(Metrics.direction("B/thread")).isEqualTo(Direction.LOWER_IS_BETTER);
    Table t =
        Pairs.ofRun(
            new JmhRun(
                Path.of("run.json"),
                "run",
                List.of(
                    result("pitfallPlatform", 33_000, 1_052_000),
                    result("fixVirtual", 2_000, 2_000))),
            Options.withDefaults());
    Row committed = t.section("thread.committed", "B/thread").get(0);
    assertThat(committed.columns().get(1).center() / committed.columns().get(0).center())
        .isCloseTo(2_000.0 / 33_000, within(0.001));
    assertThat(t.section("thread.reserved", "B/thread")).hasSize(1);
    assertThat(t.section("thread.rss", "B/thread")).isEmpty();
  }
}
