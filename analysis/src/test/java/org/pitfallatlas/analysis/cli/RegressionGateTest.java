package org.pitfallatlas.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.Verdict;

/** The gate of {@code --fail-on-regression} measures the change the table prints. */
class RegressionGateTest {

  private static Table table(String metric, String unit, Direction direction, double ratio) {
    Column base = new Column("base.json", 24, 3, 100, 99, 101, 0.95);
    Column next = new Column("new.json", 24, 3, 100 * ratio, 99 * ratio, 101 * ratio, 0.95);
    Delta d =
        new Delta(
            "new.json", ratio, ratio * 0.99, ratio * 1.01, 1e-6, 1e-5, Verdict.SLOWER, "t", 3, 3);
    Row row =
        new Row(
            "Bench.run",
            "org.example.Bench.run",
            Map.of(),
            "default",
            metric,
            unit,
            direction,
            List.of(base, next),
            List.of(d),
            List.of());
    return new Table(
        Table.Kind.COMPARE,
        List.of("base.json", "new.json"),
        Options.withDefaults(),
        List.of(row),
        List.of(),
        List.of());
  }

  @Test
  void throughputUsesTheTablesPercentageNotTheInverseRatio() {
    // 0.952 x the base: the table prints -4.8%; 1/0.952 - 1 would be 5.04%.
    Table t = table("throughput", "ops/s", Direction.HIGHER_IS_BETTER, 0.952);
    assertThat(CompareCommand.regressions(t, 0.05)).isEmpty();
    List<String> tripped = CompareCommand.regressions(t, 0.04);
    assertThat(tripped).singleElement().asString().contains("4.8% worse").contains("-4.8%");
    // A large throughput loss: -83.2% in the table, not "494.4% worse".
    Table big = table("throughput", "ops/s", Direction.HIGHER_IS_BETTER, 0.168);
    assertThat(CompareCommand.regressions(big, 0.05))
        .singleElement()
        .asString()
        .contains("83.2% worse")
        .doesNotContain("494");
  }

  @Test
  void timeUsesTheSameSignedChange() {
    Table t = table("time", "ns/op", Direction.LOWER_IS_BETTER, 1.17);
    assertThat(CompareCommand.regressions(t, 0.2)).isEmpty();
    assertThat(CompareCommand.regressions(t, 0.1))
        .singleElement()
        .asString()
        .contains("17.0% worse")
        .contains("+17.0%");
  }
}
