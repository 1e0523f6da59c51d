package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.stats.Verdict;

class RatioCurveTest {

  private static Row row(String work, String executor, double ratio, double lo, double hi) {
    return Rows.row(
        "FanIn",
        "pitfallQueue",
        "fixArray",
        new java.util.TreeMap<>(Map.of("workMicros", work, "executor", executor, "tasks", "1000")),
        "time",
        ratio,
        lo,
        hi,
        Verdict.FASTER);
  }

  @Test
  void drawsTheTablesRatiosAndIntervalsAgainstTheSweptParam() {
    List<Row> rows =
        List.of(
            row("1", "PLATFORM", 0.6, 0.35, 0.98),
            row("10", "PLATFORM", 0.7, 0.6, 0.85),
            row("100", "PLATFORM", 0.85, 0.8, 0.9),
            row("1", "VIRTUAL", 0.7, 0.4, 1.2),
            row("10", "VIRTUAL", 0.75, 0.65, 0.86));
    RatioCurve curve = new RatioCurve(Rows.table(rows.toArray(Row[]::new)), "fanin");
    XYChart c = curve.xyChart("FanIn", "time", rows).orElseThrow();
    Map<String, XYSeries> s = c.getSeriesMap();
    // One series per other-param value that varies (executor; tasks is constant).
    XYSeries platform = s.get("pitfallQueue vs fixArray executor=PLATFORM");
    assertThat(platform.getYData()).containsExactly(0.6, 0.7, 0.85);
    assertThat(s).containsKey("pitfallQueue vs fixArray executor=VIRTUAL");
    // The interval of workMicros=1, PLATFORM, as the table has it.
    assertThat(s.get("pitfallQueue vs fixArray executor=PLATFORM @1.0").getYData())
        .containsExactly(0.35, 0.98);
    assertThat(s.get("1× (no change)").getYData()).containsExactly(1.0, 1.0);
    assertThat(c.getStyler().isYAxisLogarithmic()).isTrue();
    assertThat(curve.of("time")).singleElement().matches(o -> o.kind() == Output.Kind.PNG);
  }

  @Test
  void saysSoWhenNoPairIsSwept() {
    Row single =
        Rows.row(
            "Once", "pitfallA", "fixB", Map.of("n", "8"), "time", 0.5, 0.4, 0.6, Verdict.FASTER);
    assertThat(new RatioCurve(Rows.table(single), "x").of("time"))
        .singleElement()
        .extracting(Output::text)
        .asString()
        .contains("No pair of x is swept");
  }
}
