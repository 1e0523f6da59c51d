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
}
