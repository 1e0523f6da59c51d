package org.pitfallatlas.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.Testdata;
import org.pitfallatlas.analysis.render.Format;
import org.pitfallatlas.analysis.stats.Verdict;

/** Pins every output format on the fixtures (regenerate with -Datlas.regenerateGolden=true). */
class GoldenTest {
  private static Table compare(Options o, String... names) {
    return Comparisons.of(java.util.Arrays.stream(names).map(Testdata::path).toList(), o);
  }

  private static Row row(Table t, String name) {
    return t.rows().stream()
        .filter(r -> r.name().equals(name) && r.metric().equals("time"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void compareInEveryFormat() throws Exception {
    Table t = compare(Options.withDefaults(), "base.json", "new.json");
    for (Format f : Format.values()) {
      Testdata.assertGolden("compare." + f.name().toLowerCase() + ".golden", f.render(t));
    }
  }

  @Test
  void compareBenchstatMode() throws Exception {
    Table t = compare(Options.withDefaults().with(Options.Mode.BENCHSTAT), "base.json", "new.json");
    Testdata.assertGolden("compare-benchstat.text.golden", Format.TEXT.render(t));
    Testdata.assertGolden("compare-benchstat.json.golden", Format.JSON.render(t));
  }

  @Test
  void compareThreeInputsWithFilter() throws Exception {
    Table t =
        compare(
            Options.withDefaults().withFilter(java.util.regex.Pattern.compile("IntegerSum")),
            "base.json",
            "new.json",
            "base.json");
    Testdata.assertGolden("compare-three.text.golden", Format.TEXT.render(t));
  }

  @Test
  void compareJmh136Throughput() throws Exception {
    Table t = compare(Options.withDefaults(), "jmh136.json", "jmh136.json");
    Testdata.assertGolden("compare-jmh136.text.golden", Format.TEXT.render(t));
  }

  @Test
  void pairsInEveryFormat() throws Exception {
    Table t = Pairs.of(Testdata.path("run-boxing"));
    for (Format f : Format.values()) {
      Testdata.assertGolden("pairs." + f.name().toLowerCase() + ".golden", f.render(t));
    }
  }

  @Test
  void pairsOfASmokeRun() throws Exception {
    // A real boxing run, 1 fork x 1 iteration per point: no verdict from one value per side,
    // one line for the warning every row shares, and allocation-free fixes instead of
    // half-a-million-fold speedups.
    Table t = Pairs.of(Testdata.path("run-smoke"));
    Testdata.assertGolden("pairs-smoke.text.golden", Format.TEXT.render(t));
    Testdata.assertGolden("pairs-smoke.markdown.golden", Format.MARKDOWN.render(t));
  }

  @Test
  void pairsSampleTimeAndConfig() throws Exception {
    Testdata.assertGolden(
        "pairs-sampletime.text.golden",
        Format.TEXT.render(Pairs.of(Testdata.path("sampletime.json"))));
    Testdata.assertGolden(
        "pairs-config.text.golden", Format.TEXT.render(Pairs.of(Testdata.path("config.json"))));
    Testdata.assertGolden(
        "pairs-config.json.golden", Format.JSON.render(Pairs.of(Testdata.path("config.json"))));
  }

  @Test
  void pairsArePitfallAgainstFixAndSkipBaselines() {
    Table t = Pairs.of(Testdata.path("config.json"));
    assertThat(t.rows())
        .allSatisfy(r -> assertThat(r.columns().get(0).label()).startsWith("pitfall"));
    assertThat(t.rows()).allSatisfy(r -> assertThat(r.columns().get(1).label()).startsWith("fix"));
    assertThat(t.rows()).extracting(Row::config).containsOnly("g1", "zgc");
    assertThat(t.rows()).extracting(Row::metric).containsOnly("time", "gc.alloc.rate.norm");
    Row time = t.rows().get(0);
    // The fix takes ~30 us/op where the pitfall takes ~50: ratio ~0.6, speedup ~1.67.
    assertThat(time.deltas().get(0).ratio()).isBetween(0.55, 0.65);
    assertThat(time.deltas().get(0).speedup(time.direction())).isBetween(1.5, 1.8);
    assertThat(time.deltas().get(0).verdict()).isEqualTo(Verdict.FASTER);
  }

  @Test
  void forkNoiseIsNotSignificantByDefaultButIsWithBenchstat() {
    // FieldBag.pitfallMap in base/new: iterations within 0.2%, forks 5% apart, +4% shift.
    Row fork = row(compare(Options.withDefaults(), "base.json", "new.json"), "FieldBag.pitfallMap");
    Row pooled =
        row(
            compare(Options.withDefaults().with(Options.Mode.BENCHSTAT), "base.json", "new.json"),
            "FieldBag.pitfallMap");
    assertThat(fork.deltas().get(0).verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(pooled.deltas().get(0).verdict()).isEqualTo(Verdict.SLOWER);
  }

  @Test
  void identicalInputsAreNeverFasterOrSlower() {
    for (String f :
        List.of("base.json", "new.json", "jmh136.json", "sampletime.json", "config.json")) {
      for (Options.Mode m : Options.Mode.values()) {
        Table t = compare(Options.withDefaults().with(m), f, f);
        assertThat(t.rows())
            .flatExtracting(Row::deltas)
            .extracting(Delta::verdict)
            .doesNotContain(Verdict.FASTER, Verdict.SLOWER);
      }
    }
  }

  @Test
  void knownShiftIsDetectedWithItsInterval() {
    // fixIntArray in new.json is 15% faster by construction.
    Row r =
        row(
            compare(Options.withDefaults(), "base.json", "new.json"),
            "IntegerSum.fixIntArray/size=100");
    Delta d = r.deltas().get(0);
    assertThat(d.verdict()).isEqualTo(Verdict.FASTER);
    assertThat(d.lo()).isLessThan(0.87);
    assertThat(d.hi()).isGreaterThan(0.84);
    assertThat(Path.of(r.benchmark()).toString()).endsWith("fixIntArray");
  }
}
