package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkListerTest {

  // Real output of: java -jar benchmarks.jar -lp 'devprobe' (JMH 1.37)
  private static final String LISTING =
      """
      Benchmarks:\s
      org.pitfallatlas.devprobe.Probe.fixPrimitive
        param "size" = {10, 100}
        param "kind" = {a, b}
      org.pitfallatlas.devprobe.Probe.noParams
      org.pitfallatlas.devprobe.Probe.pitfallBoxed
        param "size" = {10, 100}
      """;

  @Test
  void expandsTheCrossProductOfParamsPerMethod() {
    List<BenchmarkPoint> points = BenchmarkLister.parse(LISTING);

    assertThat(points).hasSize(4 + 1 + 2);
    assertThat(points.get(0))
        .isEqualTo(
            new BenchmarkPoint(
                "org.pitfallatlas.devprobe.Probe.fixPrimitive", Map.of("size", "10", "kind", "a")));
    assertThat(points.get(3).params())
        .containsExactly(Map.entry("size", "100"), Map.entry("kind", "b"));
    assertThat(points.get(4).params()).isEmpty();
    assertThat(points.get(6).label()).isEqualTo("Probe.pitfallBoxed size=100");
  }

  @Test
  void selectorMatchesExactlyOneMethodAndPinsEveryParam() {
    BenchmarkPoint p =
        new BenchmarkPoint("org.x.A.fix", new java.util.LinkedHashMap<>(Map.of("size", "10")));
    assertThat(p.selector()).containsExactly("^\\Qorg.x.A.fix\\E$", "-p", "size=10");
  }

  @Test
  void anEmptyListingHasNoPoints() {
    assertThat(BenchmarkLister.parse("Benchmarks: \n")).isEmpty();
  }
}
