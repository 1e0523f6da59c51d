package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.suite.Budget;
import org.pitfallatlas.analysis.suite.PairSpec;
import org.pitfallatlas.analysis.suite.Suite;

/** A pair's budgetParams keep a short budget off the points too slow for it. */
class BudgetParamsTest {

  private static final String STACKS = "org.pitfallatlas.fanout.ThreadStacks.";

  private static List<BenchmarkPoint> sweep() {
    return List.of(
        new BenchmarkPoint(STACKS + "fixVirtualThreads", Map.of("threads", "1000")),
        new BenchmarkPoint(STACKS + "fixVirtualThreads", Map.of("threads", "10000")),
        new BenchmarkPoint(STACKS + "pitfallPlatformThreads", Map.of("threads", "1000")),
        new BenchmarkPoint(STACKS + "pitfallPlatformThreads", Map.of("threads", "10000")),
        new BenchmarkPoint("org.pitfallatlas.fanout.Bulkhead.x", Map.of("threads", "10000")));
  }

  private static Suite suite(Map<String, Map<String, List<String>>> budgetParams) {
    PairSpec stacks = new PairSpec("ThreadStacks", "c", null, null, null, null, null, budgetParams);
    return new Suite(
        "fanout",
        "t",
        "g",
        Map.of("quick", new Budget(1, 1, "1s", 1, "1s"), "full", new Budget(1, 1, "1s", 1, "1s")),
        null,
        null,
        List.of(stacks),
        false,
        null,
        null,
        null,
        null,
        false);
  }

  @Test
  void aBudgetRunsOnlyTheListedValuesOfItsPair() {
    Suite s = suite(Map.of("quick", Map.of("threads", List.of("1000"))));
    assertThat(Runner.atBudget(s, "quick", sweep()))
        .extracting(BenchmarkPoint::label)
        .containsExactly(
            "ThreadStacks.fixVirtualThreads threads=1000",
            "ThreadStacks.pitfallPlatformThreads threads=1000",
            // Another class with a parameter of the same name is not restricted.
            "Bulkhead.x threads=10000");
    assertThat(Runner.atBudget(s, "full", sweep())).hasSize(5);
  }

  @Test
  void aValueTheSweepLacksIsRejectedWithTheSweep() {
    Suite s = suite(Map.of("quick", Map.of("threads", List.of("5000"))));
    assertThatThrownBy(() -> Runner.atBudget(s, "quick", sweep()))
        .isInstanceOf(RunException.class)
        .hasMessageContaining("ThreadStacks budgetParams.quick.threads = [5000]")
        .hasMessageContaining("[1000, 10000]");
  }

  @Test
  void anEmptyListIsRejectedWhenTheSuiteIsRead() {
    assertThatThrownBy(() -> suite(Map.of("quick", Map.of("threads", List.of()))))
        .hasMessageContaining("budgetParams.quick");
  }
}
