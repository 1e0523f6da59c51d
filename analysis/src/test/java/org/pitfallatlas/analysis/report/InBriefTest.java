package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.stats.Verdict;

/** The three sentences a family notebook opens with, on this checkout's reference runs. */
class InBriefTest {

  private static FamilyReport reference(String family) {
    Path run = ReferenceRuns.load(AtlasPaths.home()).run(family).orElseThrow();
    return FamilyReport.load(family, run);
  }

  @Test
  void countsTheFixesThatWinAndNamesEveryComparisonItDoesNotWin() {
    FamilyReport report = reference("channels");
    String md = report.inBrief().text();
    List<Row> time = report.table().rows().stream().filter(r -> r.metric().equals("time")).toList();
    long faster = time.stream().filter(r -> r.deltas().get(0).verdict() == Verdict.FASTER).count();
    assertThat(md)
        .startsWith("**In brief** (")
        .contains(report.info().stamp())
        .contains("The fix is significantly faster in " + faster + " of " + time.size() + " time");
    assertThat(faster).isLessThan(time.size());
    for (Row r : time) {
      if (r.deltas().get(0).verdict() != Verdict.FASTER) {
        String pair = r.name().substring(0, r.name().indexOf('/'));
        assertThat(md).as(r.name()).contains(pair);
      }
    }
    assertThat(md).contains("claims this family tests come out as");
  }

  @Test
  void namesTheLargestEffectAtTheProfiledPointsWithItsInterval() {
    String md = reference("fanin").inBrief().text();
    assertThat(md)
        .contains("the largest effect is FanInResults: fixIndexedArray is")
        .contains("95% simultaneous CI [");
  }
}
