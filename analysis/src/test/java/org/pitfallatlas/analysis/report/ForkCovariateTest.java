package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;

class ForkCovariateTest {

  private static JmhResult result(String method, double[][] time, double[][] rtt) {
    return new JmhResult(
        "org.pitfallatlas.contention.FalseSharing." + method,
        "avgt",
        Map.of("increments", "1000000"),
        "default",
        new JmhMetric("time", "us/op", time, null),
        Map.of("c2c.rtt", new JmhMetric("c2c.rtt", "ns", rtt, null)));
  }

  @Test
  void drawsOneChartPerPointAndListsEachForksMedianBesideItsCovariate() {
    List<Output> out =
        new ForkCovariate(
                List.of(
                    result(
                        "pitfallAdjacentCounters",
                        new double[][] {{2500, 2400, 2600}, {15000, 13000, 14000}},
                        new double[][] {{320, 330, 310}, {4000, 82, 84}}),
                    result(
                        "fixPaddedCounters",
                        new double[][] {{2100, 2200, 2300}},
                        new double[][] {{81, 81, 81}})))
            .of("FalseSharing", "c2c.rtt");
    assertThat(out).hasSize(2);
    assertThat(out.get(0).kind()).isEqualTo(Output.Kind.PNG);
    assertThat(out.get(1).text())
        .contains(
            "| increments=1000000 | pitfallAdjacentCounters | 1: 2.500k us/op @ 310.0 ns; 2:"
                + " 14.00k us/op @ 82.00 ns |")
        .contains("| increments=1000000 | fixPaddedCounters | 1: 2.200k us/op @ 81.00 ns |");
  }

  @Test
  void saysSoWhenTheRunHasNoSuchMetric() {
    assertThat(new ForkCovariate(List.of()).of("FalseSharing", "c2c.rtt"))
        .singleElement()
        .extracting(Output::text)
        .asString()
        .contains("no `c2c.rtt`");
  }
}
