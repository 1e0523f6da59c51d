package org.pitfallatlas.fanin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps fanin's suite file in step with its package (the contract; fanin predicts no allocation),
 * and its coordination-share formula pointed at methods that exist.
 */
class SuiteTest extends SuiteContract {

  SuiteTest() {
    super("fanin");
  }

  @Test
  void coordinationShareNamesTheSerialBaselineAndEveryParallelVariant() {
    JsonNode share = pair("FanInResults").path("coordinationShare");
    List<String> parallel = new ArrayList<>();
    share.path("parallel").forEach(m -> parallel.add(m.asText()));

    assertThat(share.path("formula").asText()).isNotBlank();
    assertThat(share.path("serial").asText()).startsWith("baseline");
    assertThat(benchmarkMethods("FanInResults"))
        .contains(share.path("serial").asText())
        .containsAll(parallel);
    // Every pitfall and fix is a parallel variant whose share the notebook reports.
    assertThat(parallel)
        .containsExactlyInAnyOrderElementsOf(
            benchmarkMethods("FanInResults").stream()
                .filter(m -> m.startsWith("pitfall") || m.startsWith("fix"))
                .toList());
  }
}
