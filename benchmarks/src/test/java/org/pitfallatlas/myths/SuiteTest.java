package org.pitfallatlas.myths;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.suite.SuiteContract;

/** Keeps myths' suite file in step with its package (the contract; myths predicts no B/op). */
class SuiteTest extends SuiteContract {

  SuiteTest() {
    super("myths");
  }

  /**
   * Only ProcessorCount runs under the 1-CPU quota; the other pairs keep their single default
   * configuration, so the quota adds no forks to them.
   */
  @Test
  void onlyProcessorCountRunsUnderTheQuota() {
    for (String className : pairClasses()) {
      List<String> configs = new ArrayList<>();
      pair(className).path("configurations").forEach(c -> configs.add(c.asText()));
      assertThat(configs)
          .as(className)
          .containsExactly(className.equals("ProcessorCount") ? "quota-1cpu" : "default");
    }
  }

  /**
   * The quota configuration limits CPUs to 1 and leaves the processor count to each method: a
   * configuration-wide -XX:ActiveProcessorCount would hide the quota from the fix and make the
   * runner's check of the container (java -version inside it must see 1 CPU) fail.
   */
  @Test
  void theQuotaConfigurationIsOneCpuAndSetsNoProcessorCount() {
    JsonNode quota = null;
    for (JsonNode c : suite().path("configurations")) {
      if (c.path("id").asText().equals("quota-1cpu")) {
        quota = c;
      }
    }
    assertThat(quota).as("configuration quota-1cpu").isNotNull();
    assertThat(quota.at("/container/cpus").asInt()).isEqualTo(1);
    List<String> args = new ArrayList<>();
    quota.path("jvmArgs").forEach(a -> args.add(a.asText()));
    assertThat(args).contains("-XX:+UseG1GC").noneMatch(a -> a.contains("ActiveProcessorCount"));
  }
}
