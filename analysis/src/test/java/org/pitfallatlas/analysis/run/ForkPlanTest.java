package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForkPlanTest {
  private static BenchmarkPoint p(String method, String size) {
    return new BenchmarkPoint("org.pitfallatlas.boxing.IntegerSum." + method, Map.of("size", size));
  }

  private final List<BenchmarkPoint> points =
      List.of(
          p("fixIntArray", "100"),
          p("fixIntArray", "10000"),
          p("pitfallList", "100"),
          p("pitfallList", "10000"),
          p("pitfallObjectArray", "100"),
          p("pitfallObjectArray", "10000"));

  @Test
  void aGroupIsOneClassAtOneParamPointAndHoldsEveryPitfallFixComparison() {
    List<ForkPlan.Group> groups = ForkPlan.groups(points);
    assertThat(groups)
        .extracting(ForkPlan.Group::label)
        .containsExactly("IntegerSum size=100", "IntegerSum size=10000");
    assertThat(groups.get(0).comparisons())
        .extracting(c -> c[0].label() + " vs " + c[1].label())
        .containsExactly(
            "IntegerSum.pitfallList size=100 vs IntegerSum.fixIntArray size=100",
            "IntegerSum.pitfallObjectArray size=100 vs IntegerSum.fixIntArray size=100");
    assertThat(ForkPlan.comparisons(groups)).isEqualTo(4);
  }

  @Test
  void roundsAlternateDirectionSoBothSidesSeeTheSameDrift() {
    List<BenchmarkPoint> g = ForkPlan.groups(points).get(0).points();
    assertThat(ForkPlan.order(g, 1)).containsExactlyElementsOf(g);
    assertThat(ForkPlan.order(g, 2)).containsExactly(g.get(2), g.get(1), g.get(0));
    assertThat(ForkPlan.order(g, 3)).containsExactlyElementsOf(g);
  }

  @Test
  void onlyTheMethodsOfUndecidedComparisonsKeepRunning() {
    ForkPlan.Group g = ForkPlan.groups(points).get(0);
    Set<BenchmarkPoint[]> undecided = new LinkedHashSet<>();
    undecided.add(g.comparisons().get(1));
    assertThat(ForkPlan.stillActive(g, undecided))
        .extracting(BenchmarkPoint::label)
        .containsExactly(
            "IntegerSum.fixIntArray size=100", "IntegerSum.pitfallObjectArray size=100");
    assertThat(ForkPlan.stillActive(g, Set.of())).isEmpty();
  }
}
