package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.compare.Pairs;
import org.pitfallatlas.analysis.render.Markdown;

/** The report's tables are the statistics engine's, and its charts render headless. */
class FamilyReportTest {

  private static final Path RUN = Path.of("src/test/resources/testdata/run-boxing");

  @Test
  void thePairsTableIsWhatAtlasPairsPrints() {
    FamilyReport r = FamilyReport.load("boxing", RUN);
    assertThat(r.pairsTable().kind()).isEqualTo(Output.Kind.MARKDOWN);
    assertThat(r.pairsTable().text()).isEqualTo(Markdown.render(Pairs.of(RUN)));
  }

  @Test
  void chartsArePngsOfReadableSize() {
    FamilyReport r = FamilyReport.load("boxing", RUN);
    for (Output o : new Output[] {r.forestPlot(), r.forkSpread(), r.bytesPerOp()}) {
      assertThat(o.kind()).isEqualTo(Output.Kind.PNG);
      assertThat(o.image().getWidth()).isBetween(600, 800);
      assertThat(o.pngBytes()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
    assertThat(r.sweeps())
        .isNotEmpty()
        .allSatisfy(o -> assertThat(o.kind()).isEqualTo(Output.Kind.PNG));
  }

  @Test
  void theVerdictIsWrittenFromTheData() {
    FamilyReport r = FamilyReport.load("boxing", RUN);
    String v = r.verdict().text();
    assertThat(v).contains("**IntegerSum**", "faster than", "time comparison");
    assertThat(v).containsPattern("significantly faster in \\d+ of \\d+");
  }

  @Test
  void aBareResultsFolderStillReports() {
    FamilyReport r = FamilyReport.load("boxing", RUN);
    assertThat(r.info().jdk()).isEqualTo("unknown");
    assertThat(r.header().text()).contains("run-boxing");
    assertThat(r.flameGraphs().text()).contains("No flame graphs");
    assertThat(FamilyReport.profilePoint("AverageTime-size-10000")).isEqualTo("size=10000");
  }

  @Test
  void aSweepWithSeveralParamsPutsTheOneWithMostValuesOnTheXAxis() {
    var rows =
        java.util.List.of(
            Rows.row(
                "C",
                "pitfallA",
                "fixB",
                java.util.Map.of("executor", "PLATFORM", "tasks", "1000", "work", "1"),
                "time",
                0.5,
                0.4,
                0.6,
                org.pitfallatlas.analysis.stats.Verdict.FASTER),
            Rows.row(
                "C",
                "pitfallA",
                "fixB",
                java.util.Map.of("executor", "VIRTUAL", "tasks", "1000", "work", "1"),
                "time",
                0.5,
                0.4,
                0.6,
                org.pitfallatlas.analysis.stats.Verdict.FASTER),
            Rows.row(
                "C",
                "pitfallA",
                "fixB",
                java.util.Map.of("executor", "PLATFORM", "tasks", "1000", "work", "10"),
                "time",
                0.5,
                0.4,
                0.6,
                org.pitfallatlas.analysis.stats.Verdict.FASTER),
            Rows.row(
                "C",
                "pitfallA",
                "fixB",
                java.util.Map.of("executor", "PLATFORM", "tasks", "1000", "work", "100"),
                "time",
                0.5,
                0.4,
                0.6,
                org.pitfallatlas.analysis.stats.Verdict.FASTER));
    assertThat(Sweeps.sweptParam(rows)).isEqualTo("work");
    assertThat(Sweeps.sweptParam(rows.subList(0, 2))).isEqualTo("executor");
    assertThat(Sweeps.sweptParam(java.util.List.of())).isNull();
  }

  @Test
  void theLogLogSlopeTellsLinearFromQuadraticGrowth() {
    var quadratic =
        java.util.List.of(
            new double[] {64, 64 * 64},
            new double[] {256, 256 * 256},
            new double[] {1024, 1024.0 * 1024});
    assertThat(Sweeps.logLogSlope(quadratic))
        .isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    var linear = java.util.List.of(new double[] {1000, 5}, new double[] {10000, 50});
    assertThat(Sweeps.logLogSlope(linear))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Sweeps.logLogSlope(java.util.List.of(new double[] {1, 1}))).isNaN();
    assertThat(HeapSettings.parseBytes("1m")).isEqualTo(1L << 20);
    assertThat(HeapSettings.parseBytes("512K")).isEqualTo(512L << 10);
    assertThat(HeapSettings.parseBytes("4096")).isEqualTo(4096);
  }

  @Test
  void scalingAndByteSweepsReadTheRun() {
    FamilyReport r = FamilyReport.load("boxing", RUN);
    assertThat(r.scaling("IntegerSum", "gc.alloc.rate.norm").text())
        .contains(
            "| variant |",
            "log-log slope",
            "| pitfallBoxedList | 1.640k B/op | 160.0k B/op | 0.99 |");
    assertThat(r.sweep("IntegerSum", "gc.alloc.rate.norm")).isPresent();
    assertThat(r.heapSettings("IntegerSum").text()).contains("JVM flags", "not pinned");
  }
}
