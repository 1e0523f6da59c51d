package org.pitfallatlas.analysis.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteCatalogTest {

  @TempDir Path dir;

  @Test
  void readsEverySuiteOfTheRepository() {
    SuiteCatalog c = SuiteCatalog.load(Path.of("../benchmarks/suites"));
    assertThat(c.families()).contains("boxing");
    for (Suite s : c.suites()) {
      assertThat(s.budgets()).as(s.family()).containsKeys("smoke", "quick", "full");
      assertThat(s.budget("smoke").forks()).as(s.family()).isEqualTo(1);
      assertThat(s.pairs()).as(s.family()).isNotEmpty();
      assertThat(s.configurations()).as(s.family()).isNotEmpty();
    }
  }

  @Test
  void budgetBecomesJmhArguments() {
    Budget b = new Budget(3, 2, "300ms", 4, "300ms");
    assertThat(b.jmhArgs())
        .containsExactly("-f", "3", "-wi", "2", "-w", "300ms", "-i", "4", "-r", "300ms");
    assertThat(b.secondsPerPoint())
        .isEqualTo(3 * (2 * 0.3 + 4 * 0.3), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(new Budget(null, null, null, null, null).jmhArgs()).isEmpty();
  }

  @Test
  void aPointWarmupReplacesTheClassWarmupAtItsPointOnly() throws Exception {
    Path f = dir.resolve("pool.json");
    Files.writeString(
        f,
        """
        {"family": "pool", "pairs": [{"class": "BufferReuse",
          "warmup": {"iterations": 4, "time": "500ms"},
          "pointWarmups": [{"params": {"size": "1048576"}, "iterations": 7, "time": "500ms"}]}]}
        """);
    PairSpec pair = SuiteCatalog.read(f).pairs().get(0);
    assertThat(pair.warmupAt(java.util.Map.of("size", "1048576")).iterations()).isEqualTo(7);
    assertThat(pair.warmupAt(java.util.Map.of("size", "64")).iterations()).isEqualTo(4);
    assertThat(new PairSpec("X", "c", null, null).warmupAt(java.util.Map.of())).isNull();
  }

  @Test
  void aPairMayRunInSomeConfigurationsOnly() throws Exception {
    Path f = dir.resolve("gc.json");
    Files.writeString(
        f,
        """
        {"family": "gc",
         "configurations": [{"id": "a", "jvmArgs": []}, {"id": "b", "jvmArgs": []}],
         "profile": {"classes": ["Everywhere"]},
         "offeredLoad": {"benchmarks": ["Somewhere", "Everywhere.open"],
                         "capacityFrom": "Everywhere.thrpt"},
         "pairs": [{"class": "Everywhere"}, {"class": "Somewhere", "configurations": ["b"]}]}
        """);
    Suite s = SuiteCatalog.read(f);
    assertThat(s.runsIn("Everywhere", "a")).isTrue();
    assertThat(s.runsIn("Somewhere", "a")).isFalse();
    assertThat(s.runsIn("Somewhere", "b")).isTrue();
    assertThat(s.runsEverywhere("Somewhere")).isFalse();
    assertThat(s.runsEverywhere("Everywhere")).isTrue();
    assertThat(s.profiles("Everywhere")).isTrue();
    assertThat(s.profiles("Somewhere")).isFalse();
    assertThat(Suite.classOf("org.pitfallatlas.gc.Somewhere.openLoop")).isEqualTo("Somewhere");
    assertThat(s.offeredLoad().isOpenLoop("org.pitfallatlas.gc.Somewhere.pitfallX")).isTrue();
    assertThat(s.offeredLoad().isOpenLoop("org.pitfallatlas.gc.Everywhere.open")).isTrue();
    assertThat(s.offeredLoad().isOpenLoop("org.pitfallatlas.gc.Everywhere.thrpt")).isFalse();
    assertThat(s.offeredLoad().isOpenLoopClass("Everywhere")).isTrue();

    Files.writeString(
        f,
        """
        {"family": "gc", "configurations": [{"id": "a", "jvmArgs": []}],
         "pairs": [{"class": "Somewhere", "configurations": ["c"]}]}
        """);
    assertThatThrownBy(() -> SuiteCatalog.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Somewhere")
        .hasMessageContaining("'c'");
  }

  @Test
  void aPointWarmupMustNameItsPoint() throws Exception {
    Path f = dir.resolve("pool.json");
    Files.writeString(
        f,
        """
        {"family": "pool", "pairs": [{"class": "BufferReuse",
          "pointWarmups": [{"iterations": 7, "time": "500ms"}]}]}
        """);
    assertThatThrownBy(() -> SuiteCatalog.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pointWarmups")
        .hasMessageContaining("params");
  }

  @Test
  void aSuiteMustNameItsFamilyLikeItsFile() throws Exception {
    Path f = dir.resolve("presize.json");
    Files.writeString(f, "{\"family\": \"boxing\"}");
    assertThatThrownBy(() -> SuiteCatalog.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"family\": \"presize\"");
  }

  @Test
  void aBrokenSuiteSaysWhichFile() throws Exception {
    Path f = dir.resolve("boxing.json");
    Files.writeString(f, "{ not json");
    assertThatThrownBy(() -> SuiteCatalog.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("boxing.json");
  }

  @Test
  void anUnknownBudgetIsRejectedWithTheKnownOnes() {
    Suite s =
        new Suite(
            "x",
            "t",
            "g",
            java.util.Map.of("quick", new Budget(1, 1, "1s", 1, "1s")),
            null,
            null,
            null,
            false,
            null,
            null,
            null,
            null,
            false);
    assertThatThrownBy(() -> s.budget("full")).hasMessageContaining("[quick]");
  }

  @Test
  void everyForkGetsAFixedPreTouchedHeapUnlessItsConfigurationSizesTheHeap() {
    Suite.ForkHeap heap = Suite.ForkHeap.DEFAULT;
    assertThat(heap.jvmArgs(Configuration.defaultConfiguration()))
        .containsExactly("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch");
    Configuration sized =
        new Configuration("g1-2x", java.util.List.of("-XX:+UseG1GC", "-Xmx512m"), null, null);
    assertThat(heap.jvmArgs(sized)).containsExactly("-XX:+AlwaysPreTouch");
    assertThatThrownBy(() -> new Suite.ForkHeap("lots", true))
        .hasMessageContaining("256m")
        .hasMessageContaining("lots");
  }

  @Test
  void anAdaptiveBudgetLooksAtDoublingForkCountsUpToItsCap() {
    assertThat(new Budget(3, 1, "100ms", 8, "100ms", 10).looks()).containsExactly(3, 6, 10);
    assertThat(new Budget(3, 1, "100ms", 8, "100ms").looks()).containsExactly(3);
    assertThat(new Budget(3, 1, "100ms", 8, "100ms", 10).oneForkArgs())
        .containsExactly("-f", "1", "-wi", "1", "-w", "100ms", "-i", "8", "-r", "100ms");
    assertThatThrownBy(() -> new Budget(3, 1, "1s", 1, "1s", 2))
        .hasMessageContaining("maxForks (2)");
  }
}
