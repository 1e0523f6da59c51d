package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;

class GrowthCurveTest {

  private static JmhResult result(String method, double[][] requests, double[][] heap) {
    JmhMetric time = new JmhMetric("time", "ms/op", new double[][] {{1, 1, 1}}, null);
    return new JmhResult(
        "org.pitfallatlas.leaks.LeakGrowth." + method,
        "ss",
        Map.of("kind", "VIRTUAL"),
        "default",
        time,
        Map.of(
            "growth.requests", new JmhMetric("growth.requests", "requests", requests, null),
            "growth.heap", new JmhMetric("growth.heap", "MiB", heap, null)));
  }

  @Test
  void drawsOneChartPerPointAndTabulatesEachForksSlope() {
    double[][] requests = {{500, 1000, 1500}, {500, 1000, 1500}};
    List<Output> out =
        new GrowthCurve(
                List.of(
                    result(
                        "pitfallAbandonOnTimeout",
                        requests,
                        new double[][] {{10, 13, 16}, {10, 14, 18}}),
                    result(
                        "fixCancelOnTimeout", requests, new double[][] {{10, 10, 10}, {9, 9, 9}})))
            .of("LeakGrowth", "growth.heap", "growth.requests");
    assertThat(out).hasSize(2);
    assertThat(out.get(0).kind()).isEqualTo(Output.Kind.PNG);
    // 3 MiB per 500 requests = 6 per 1,000; 4 per 500 = 8; the fix is flat.
    assertThat(out.get(1).text())
        .contains("| kind=VIRTUAL | pitfallAbandonOnTimeout | 6.000, 8.000 MiB |")
        .contains("| kind=VIRTUAL | fixCancelOnTimeout | 0, 0 MiB |");
  }

  @Test
  void saysSoWhenTheRunHasNoSuchMetric() {
    assertThat(new GrowthCurve(List.of()).of("LeakGrowth", "growth.heap", "growth.requests"))
        .singleElement()
        .extracting(Output::text)
        .asString()
        .contains("no `growth.heap`");
  }

  @Test
  void theSlopeIsTheLeastSquaresFit() {
    assertThat(GrowthCurve.slope(new double[] {1, 2, 3}, new double[] {2, 4, 7}))
        .isCloseTo(2.5, offset(1e-12));
    assertThat(GrowthCurve.slope(new double[] {1, 1}, new double[] {2, 4})).isNaN();
  }
}
