package org.pitfallatlas.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * A verdict never claims more than the data can support: too few values, or a single fork per side,
 * must not produce the bootstrap's Monte Carlo floor as a p-value.
 */
class EvidenceTest {
  static final String NEED_4 = "need >= 4 samples to detect a difference at alpha level 0.05";

  /** {@code forks} forks of {@code iters} iterations around {@code center}, 1% noise each. */
  static double[][] values(Random rnd, int forks, int iters, double center) {
    return values(rnd, forks, iters, center, 0.01);
  }

  static double[][] values(Random rnd, int forks, int iters, double center, double forkSd) {
    double[][] v = new double[forks][iters];
    for (int f = 0; f < forks; f++) {
      double fc = center * (1 + forkSd * rnd.nextGaussian());
      for (int i = 0; i < iters; i++) {
        v[f][i] = fc * (1 + 0.01 * rnd.nextGaussian());
      }
    }
    return v;
  }

  static JmhResult result(String method, double[][] time, double[][] bytes) {
    Map<String, JmhMetric> secondary = new LinkedHashMap<>();
    if (bytes != null) {
      secondary.put(Metrics.ALLOC, new JmhMetric(Metrics.ALLOC, "B/op", bytes, null));
    }
    return new JmhResult(
        "org.pitfallatlas.test.Pair." + method,
        "avgt",
        Map.of(),
        "default",
        new JmhMetric("primary", "ns/op", time, null),
        secondary);
  }

  static Table pairs(Options o, double[][] pitfall, double[][] fix) {
    return pairs(o, pitfall, fix, null, null);
  }

  static Table pairs(
      Options o, double[][] pitfall, double[][] fix, double[][] pitfallBytes, double[][] fixBytes) {
    List<JmhResult> results = new ArrayList<>();
    results.add(result("pitfallSlow", pitfall, pitfallBytes));
    results.add(result("fixFast", fix, fixBytes));
    return Pairs.ofRun(new JmhRun(Path.of("run.json"), "run", results), o);
  }

  static Row time(Table t) {
    return t.rows().stream().filter(r -> r.metric().equals("time")).findFirst().orElseThrow();
  }

  @Test
  void oneValuePerSideIsNotEvidence() {
    // The boxing smoke run (1 fork x 1 iteration): 2478 ns/op against 73 ns/op.
    Table t = pairs(Options.withDefaults(), new double[][] {{2478.0}}, new double[][] {{73.03}});
    Row r = time(t);
    Delta d = r.deltas().get(0);
    assertThat(d.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(d.pValue()).isEqualTo(1.0);
    assertThat(d.test()).isEqualTo("mann-whitney-exact");
    assertThat(d.ratio()).isCloseTo(73.03 / 2478.0, within(1e-12));
    assertThat(d.lo()).as("no ratio interval from one value per side").isNaN();
    assertThat(d.hi()).isNaN();
    assertThat(r.columns())
        .allSatisfy(c -> assertThat(c.relativeHalfWidth()).isInfinite())
        .as("a single value has no interval, not a zero-width one");
    assertThat(r.warnings()).contains("fixFast: " + NEED_4);
  }

  @Test
  void fewerThanFourValuesOnEitherSideIsNeverSignificantInTheDefaultMode() {
    Random rnd = new Random(3);
    // Three values against twenty, the fix 50% faster: the bootstrap alone would call it.
    Table t = pairs(Options.withDefaults(), values(rnd, 1, 3, 200), values(rnd, 2, 10, 100));
    Delta d = time(t).deltas().get(0);
    assertThat(d.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(d.test()).startsWith("mann-whitney");
    assertThat(time(t).warnings()).contains("fixFast: " + NEED_4);
  }

  @Test
  void twoForksOfOneIterationAreTooFewToo() {
    Random rnd = new Random(4);
    Table t = pairs(Options.withDefaults(), values(rnd, 2, 1, 200), values(rnd, 3, 1, 100));
    assertThat(time(t).deltas().get(0).verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(time(t).warnings()).contains("fixFast: " + NEED_4);
  }

  @Test
  void aSingleForkFallsBackToMannWhitneyOverIterations() {
    Random rnd = new Random(5);
    Table t = pairs(Options.withDefaults(), values(rnd, 1, 10, 110), values(rnd, 1, 10, 100));
    Row r = time(t);
    Delta d = r.deltas().get(0);
    assertThat(d.test()).isEqualTo("mann-whitney-exact");
    // Complete separation of 10 against 10: the exact two-sided p is 2 / C(20, 10), the smallest
    // these data can give, not the bootstrap's floor 2 / 10,001.
    // Rscript -e 'print(wilcox.test(1:10, 11:20)$p.value, digits=10)'  # 1.082508822e-05
    assertThat(d.pValue()).isCloseTo(1.082508822e-05, within(1e-14));
    assertThat(d.verdict()).isEqualTo(Verdict.FASTER);
    assertThat(d.lo()).as("the bootstrap interval is still shown").isLessThan(d.hi());
    assertThat(r.warnings())
        .anyMatch(w -> w.startsWith("fixFast: a single fork on a side: p from Mann-Whitney U"))
        .anyMatch(w -> w.contains("only 1 fork"));
  }

  @Test
  void aSingleForkIsNeverEquivalent() {
    // Identical iterations around 100 on both sides: the single-fork bootstrap interval lies
    // within ±2%, but it cannot see fork-to-fork variance, so "equivalent" would be unfounded.
    Random rnd = new Random(6);
    double[][] a = values(rnd, 1, 10, 100, 0);
    double[][] b = values(rnd, 1, 10, 100, 0);
    Delta d = time(pairs(Options.withDefaults(), a, b)).deltas().get(0);
    assertThat(d.lo()).isGreaterThan(0.98);
    assertThat(d.hi()).isLessThan(1.02);
    assertThat(d.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
  }

  @Test
  void enoughForksStillUseTheBootstrap() {
    Random rnd = new Random(7);
    Delta d =
        time(pairs(Options.withDefaults(), values(rnd, 3, 10, 110), values(rnd, 3, 10, 100)))
            .deltas()
            .get(0);
    assertThat(d.test()).isEqualTo("hierarchical-bootstrap");
    assertThat(d.verdict()).isEqualTo(Verdict.FASTER);
  }

  @Test
  void benchstatModeKeepsBenchstatsRule() {
    // benchstat warns only when p > alpha and both sides are small (benchmath/anone.go).
    Random rnd = new Random(8);
    Table t =
        pairs(
            Options.withDefaults().with(Options.Mode.BENCHSTAT),
            values(rnd, 1, 3, 200),
            values(rnd, 2, 10, 100));
    Delta d = time(t).deltas().get(0);
    // Complete separation, 3 against 20:
    // Rscript -e 'print(wilcox.test(c(1,2,3), 4:23)$p.value, digits=10)'  # 0.001129305477
    assertThat(d.pValue()).isCloseTo(0.001129305477, within(1e-12));
    assertThat(d.verdict()).isEqualTo(Verdict.FASTER);
    assertThat(time(t).warnings()).doesNotContain("fixFast: " + NEED_4);
  }

  @Test
  void compareAppliesTheSameRule() {
    Random rnd = new Random(9);
    JmhRun base =
        new JmhRun(
            Path.of("a.json"), "a.json", List.of(result("fixA", values(rnd, 1, 1, 100), null)));
    JmhRun other =
        new JmhRun(
            Path.of("b.json"), "b.json", List.of(result("fixA", values(rnd, 1, 1, 150), null)));
    Table t = Comparisons.ofRuns(List.of(base, other), Options.withDefaults());
    assertThat(time(t).deltas().get(0).verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(time(t).warnings()).contains("b.json: " + NEED_4);
  }
}
