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
    assertThat(FamilyReport.sweptParam(rows)).isEqualTo("work");
    assertThat(FamilyReport.sweptParam(rows.subList(0, 2))).isEqualTo("executor");
    assertThat(FamilyReport.sweptParam(java.util.List.of())).isNull();
  }
}
