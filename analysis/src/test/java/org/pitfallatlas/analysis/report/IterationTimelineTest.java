package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;

class IterationTimelineTest {

  private static JmhResult result(String method, String size) {
    return new JmhResult(
        "org.pitfallatlas.boxing.IntegerSum." + method,
        "avgt",
        Map.of("size", size),
        "default",
        new JmhMetric("time", "ns/op", new double[][] {{5, 4, 3}, {3, 3, 3}}, null),
        Map.of());
  }

  @Test
  void drawsOneChartPerVariantAtThePoint() {
    List<JmhResult> run =
        List.of(
            result("pitfallBoxedList", "100"),
            result("fixIntArray", "100"),
            result("pitfallBoxedList", "10000"));
    List<Output> out = new IterationTimeline(run).of("IntegerSum", Map.of("size", "100"));
    assertThat(out).hasSize(2).allMatch(o -> o.kind() == Output.Kind.PNG);
    assertThat(new IterationTimeline(run).of("IntegerSum", Map.of())).hasSize(3);
  }

  @Test
  void saysSoWhenThePointIsNotInTheRun() {
    assertThat(
            new IterationTimeline(List.of(result("fixIntArray", "100")))
                .of("IntegerSum", Map.of("size", "7")))
        .singleElement()
        .extracting(Output::text)
        .asString()
        .contains("no results at size=7");
  }
}
