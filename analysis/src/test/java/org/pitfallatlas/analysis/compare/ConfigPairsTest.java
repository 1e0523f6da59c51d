package org.pitfallatlas.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigPairsTest {

  private static final Path FIXTURE = Path.of("src/test/resources/testdata/config.json");

  @Test
  void comparesTheSameBenchmarkAcrossTwoConfigurations() {
    Table t =
        ConfigPairs.of(FIXTURE, List.of(new ConfigPairs.Spec("g1", "zgc")), Options.withDefaults());

    // Three methods at one param point, time only (allocation is the same code).
    assertThat(t.rows()).hasSize(3);
    assertThat(t.rows()).allSatisfy(r -> assertThat(r.metric()).isNotEqualTo(Metrics.ALLOC));
    Row r = t.rows().get(0);
    assertThat(r.name()).isEqualTo("Burst.pitfallUnbounded g1 vs zgc/n=1000");
    assertThat(r.columns()).extracting(Column::label).containsExactly("g1", "zgc");
    assertThat(r.config()).isEqualTo("g1→zgc");
    assertThat(r.deltas().get(0).ratio())
        .isEqualTo(r.columns().get(1).center() / r.columns().get(0).center());
  }

  @Test
  void aConfigurationWithoutResultsIsAWarningNotARow() {
    Table t =
        ConfigPairs.of(
            FIXTURE,
            List.of(new ConfigPairs.Spec("g1", "zgc"), new ConfigPairs.Spec("g1", "parallel-1x")),
            Options.withDefaults());

    assertThat(t.rows()).hasSize(3);
    assertThat(t.warnings())
        .anySatisfy(
            w ->
                assertThat(w.describe())
                    .contains("no result under parallel-1x")
                    .contains("did not fit"));
  }

  @Test
  void noComparableConfigurationIsAnError() {
    assertThatThrownBy(
            () ->
                ConfigPairs.of(
                    FIXTURE,
                    List.of(new ConfigPairs.Spec("serial", "zgc")),
                    Options.withDefaults()))
        .isInstanceOf(CompareException.class)
        .hasMessageContaining("no configuration pair has results on both sides");
  }

  @Test
  void aSideMayPinParameterValues() {
    Path run = Path.of("src/test/resources/testdata/run-gc");
    ConfigPairs.Spec spec =
        new ConfigPairs.Spec(
            "g1-2x",
            "g1-2x",
            java.util.Map.of("garbageKiB", "64"),
            java.util.Map.of("garbageKiB", "4"));
    assertThat(spec.pitfallLabel()).isEqualTo("g1-2x[garbageKiB=64]");
    Table t = ConfigPairs.of(run, List.of(spec), Options.withDefaults());

    Row p99 = t.rows().stream().filter(r -> r.metric().equals("p99")).findFirst().orElseThrow();
    assertThat(p99.name())
        .isEqualTo(
            "ServiceHeap.baselineLatency g1-2x[garbageKiB=64] vs g1-2x[garbageKiB=4]/liveSetMiB=128");
    assertThat(p99.params()).isEqualTo(java.util.Map.of("liveSetMiB", "128"));
    assertThat(p99.columns())
        .extracting(Column::label)
        .containsExactly("g1-2x[garbageKiB=64]", "g1-2x[garbageKiB=4]");
    // Across two points the allocation per request differs, and is compared: 64 KiB vs 4 KiB.
    Row alloc =
        t.rows().stream()
            .filter(r -> r.metric().equals(Metrics.ALLOC))
            .filter(r -> r.benchmark().endsWith("baselineThroughput"))
            .findFirst()
            .orElseThrow();
    assertThat(alloc.deltas().get(0).ratio()).isBetween(0.05, 0.1);
  }

  @Test
  void aMissingPitfallConfigurationIsAWarningToo() {
    Table t =
        ConfigPairs.of(
            Path.of("src/test/resources/testdata/run-gc"),
            List.of(
                new ConfigPairs.Spec("parallel-1.5x", "parallel-4x"),
                new ConfigPairs.Spec("g1-2x", "g1-4x")),
            Options.withDefaults());
    assertThat(t.rows()).noneMatch(r -> r.name().contains("parallel"));
    assertThat(t.warnings())
        .anySatisfy(w -> assertThat(w.describe()).contains("no result under parallel-1.5x"));
  }

  @Test
  void bothSidesMustPinTheSameParameters() {
    assertThatThrownBy(
            () ->
                new ConfigPairs.Spec(
                    "a", "b", java.util.Map.of("x", "1"), java.util.Map.of("y", "2")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
