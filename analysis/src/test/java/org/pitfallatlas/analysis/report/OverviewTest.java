package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The overview's findings table and worked example, read from this checkout's reference runs. */
class OverviewTest {

  private static final Overview ATLAS = Overview.load();

  @Test
  void findingsListEveryClaimOnceUnderItsFamilyLinkedToItsNotebook() throws Exception {
    String md = ATLAS.findings().text();
    JsonNode claims =
        new ObjectMapper().readTree(AtlasPaths.home().resolve("benchmarks/claims.json").toFile());
    List<String> ids = new ArrayList<>();
    claims.path("claims").forEach(c -> ids.add(c.path("id").asText()));
    assertThat(ids).isNotEmpty();
    for (String id : ids) {
      assertThat(md).as("claim %s", id).containsOnlyOnce("`" + id + "`");
    }
    // Each family heading links to its notebook, once, and the families come in suite order.
    Matcher m = Pattern.compile("\\[\\*\\*([a-z]+)\\*\\*\\]\\(\\1\\.ipynb\\)").matcher(md);
    List<String> families = new ArrayList<>();
    while (m.find()) {
      families.add(m.group(1));
    }
    assertThat(families).doesNotHaveDuplicates().contains("boxing", "gc", "fanin");
    assertThat(md).doesNotContain("/work/").doesNotContain("issue ");
  }

  @Test
  void theWorkedExampleReadsOneRowAndNamesBothCommits() {
    Path refBoxing = ReferenceRuns.load(AtlasPaths.home()).run("boxing").orElseThrow();
    String run = AtlasPaths.home().relativize(refBoxing).toString();
    String md = ATLAS.workedExample("boxing", run).text();
    assertThat(md)
        .contains("**A worked example.**")
        .contains("Both runs were made from the same commit.")
        .contains("Read the row that moved most")
        .contains("| pair (point) |");
  }

  @Test
  void aWorkedExampleWithoutResultsSaysWhatToPass() {
    String md = ATLAS.workedExample("boxing", "results/nowhere/boxing/20260101T000000Z").text();
    assertThat(md)
        .contains("has no results.json")
        .contains("Pass the folder of a finished run of boxing");
  }
}
