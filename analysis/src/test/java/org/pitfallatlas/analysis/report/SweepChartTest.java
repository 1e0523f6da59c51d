package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;

class SweepChartTest {

  private static JmhResult result(String method, String work, double fork1, double fork2) {
    return new JmhResult(
        "org.pitfallatlas.fanin.FanIn." + method,
        "avgt",
        Map.of("workMicros", work, "tasks", "1000"),
        "default",
        new JmhMetric(
            "time",
            "us/op",
            new double[][] {
              {fork1, fork1, fork1, fork1, fork1, fork1}, {fork2, fork2, fork2, fork2, fork2, fork2}
            },
            null),
        Map.of());
  }

  @Test
  void controlsAreTheMethodsThatAreNeitherPitfallNorFix() {
    List<JmhResult> run =
        List.of(
            result("baselineSerial", "1", 2, 8),
            result("baselineSerial", "10", 20, 20),
            result("pitfallQueue", "1", 3, 3),
            result("fixArray", "1", 1, 1));
    Map<String, Map<String, Double>> controls =
        SweepChart.controls(run, "FanIn", "time", "workMicros");
    // The geometric mean of the fork values (2 and 8), as the pairs table's centers.
    assertThat(controls).containsOnlyKeys("baselineSerial");
    assertThat(controls.get("baselineSerial").get("1")).isCloseTo(4.0, within(1e-9));
    assertThat(controls.get("baselineSerial").get("10")).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void drawsIntervalsAndTheControlAsADashedLine() {
    Map<String, Map<String, Column>> byMethod = new LinkedHashMap<>();
    byMethod.put(
        "pitfallQueue",
        Map.of(
            "1", new Column("pitfallQueue", 10, 2, 1500, 1300, 1700, 0.95),
            "10", new Column("pitfallQueue", 10, 2, 8000, 7500, 8600, 0.95)));
    byMethod.put(
        "fixArray",
        Map.of(
            "1", new Column("fixArray", 10, 2, 950, 800, 1100, 0.95),
            "10", new Column("fixArray", 10, 2, 5600, 5400, 5800, 0.95)));
    Map<String, Map<String, Double>> controls = Map.of("baselineSerial", Map.of("1", 930.0));
    XYChart c =
        new SweepChart("fanin", "FanIn", "workMicros", "us/op", "time")
            .lines(
                "t",
                Set.of("1", "10"),
                false,
                byMethod,
                controls,
                Charts.roleColors(List.copyOf(byMethod.keySet())));
    assertThat(c.getSeriesMap().get("fixArray @1.0").getYData()).containsExactly(800.0, 1100.0);
    assertThat(c.getSeriesMap().get("baselineSerial (control)").getYData()).containsExactly(930.0);
    assertThat(c.getSeriesMap().get("baselineSerial (control)").getLineColor())
        .isEqualTo(Charts.NEUTRAL);
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
