package org.pitfallatlas.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;
import org.pitfallatlas.analysis.render.Markdown;
import org.pitfallatlas.analysis.render.Text;
import org.pitfallatlas.analysis.stats.Diagnostics;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.ForkRatio;
import org.pitfallatlas.analysis.stats.ForkValues;
import org.pitfallatlas.analysis.stats.SteadyState;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * The default mode's evidence: the fork is the unit (Welch's t on one value per fork), the printed
 * interval is simultaneous over the rows of a metric (whatever their unit) and the looks, and the
 * verdict is read off that interval; no verdict without two forks a side that all settled.
 *
 * <p>The series here are stationary noise around a level (what a steady-state classifier calls
 * flat), so the tests hold whatever classifier is installed; the steady-state tests inject their
 * own classifier through {@link Options#withSteadyState}.
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
    return result("Pair", method, "ns/op", time, bytes, 1);
  }

  static JmhResult result(
      String cls, String method, String unit, double[][] time, double[][] bytes, int looks) {
    Map<String, JmhMetric> secondary = new LinkedHashMap<>();
    if (bytes != null) {
      secondary.put(Metrics.ALLOC, new JmhMetric(Metrics.ALLOC, "B/op", bytes, null));
    }
    return new JmhResult(
        "org.pitfallatlas.test." + cls + "." + method,
        "avgt",
        Map.of(),
        "default",
        new JmhMetric("primary", unit, time, null),
        secondary,
        looks);
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

  static Row bytes(Table t) {
    return t.rows().stream()
        .filter(r -> r.metric().equals(Metrics.ALLOC))
        .findFirst()
        .orElseThrow();
  }

  /** The fork values of a side as the engine computes them (flat series: every iteration). */
  static double[] forkValues(double[][] raw) {
    return ForkValues.of(raw, Direction.LOWER_IS_BETTER, Options.DEFAULT_STEADY_STATE).values();
  }

  @Test
  void oneValuePerSideIsNotEvidence() {
    // The boxing smoke run (1 fork x 1 iteration): 2478 ns/op against 73 ns/op.
    Table t = pairs(Options.withDefaults(), new double[][] {{2478.0}}, new double[][] {{73.03}});
    Row r = time(t);
    Delta d = r.deltas().get(0);
    assertThat(d.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(d.tested()).isFalse();
    assertThat(d.pValue()).isNaN();
    assertThat(d.test()).isEqualTo("none");
    assertThat(d.ratio()).isCloseTo(73.03 / 2478.0, within(1e-12));
    assertThat(d.lo()).as("no ratio interval from one fork per side").isNaN();
    assertThat(d.hi()).isNaN();
    assertThat(r.columns())
        .allSatisfy(c -> assertThat(c.relativeHalfWidth()).isInfinite())
        .as("a single fork has no interval, not a zero-width one");
    assertThat(r.warnings()).contains("fixFast: " + Diagnostics.ONE_FORK);
    assertThat(Diagnostics.ONE_FORK).contains("run >= 2 forks, better >= 3");
  }

  @Test
  void aSingleForkHasNoTestHoweverManyIterations() {
    // Ten iterations a side, 10% apart: iterations of one JVM say nothing about the next JVM.
    // (The old engine called this faster from Mann-Whitney U over iterations.)
    Random rnd = new Random(5);
    Table t = pairs(Options.withDefaults(), values(rnd, 1, 10, 110), values(rnd, 1, 10, 100));
    Row r = time(t);
    Delta d = r.deltas().get(0);
    assertThat(d.test()).isEqualTo("none");
    assertThat(d.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(d.lo()).isNaN();
    assertThat(r.warnings())
        .contains("pitfallSlow: " + Diagnostics.ONE_FORK, "fixFast: " + Diagnostics.ONE_FORK);
  }

  @Test
  void aSingleForkOnOneSideIsEnough() {
    Random rnd = new Random(3);
    Table t = pairs(Options.withDefaults(), values(rnd, 1, 3, 200), values(rnd, 2, 10, 100));
    Delta d = time(t).deltas().get(0);
    assertThat(d.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(d.test()).isEqualTo("none");
    assertThat(time(t).warnings()).contains("pitfallSlow: " + Diagnostics.ONE_FORK);
  }

  @Test
  void twoForksOfOneIterationAreAForkLevelTest() {
    // Forks are the unit: 2 against 3 fork values is a (small) Welch test, and a 2x difference
    // with 1% noise is decided. (The old engine required four values a side.)
    Random rnd = new Random(4);
    double[][] pitfall = values(rnd, 2, 1, 200);
    double[][] fix = values(rnd, 3, 1, 100);
    Delta d = time(pairs(Options.withDefaults(), pitfall, fix)).deltas().get(0);
    assertThat(d.test()).isEqualTo("welch-t-log-forks");
    assertThat(d.n1()).isEqualTo(2);
    assertThat(d.n2()).isEqualTo(3);
    assertThat(d.verdict()).isEqualTo(Verdict.FASTER);
    assertThat(time(pairs(Options.withDefaults(), pitfall, fix)).warnings()).doesNotContain(NEED_4);
  }

  @Test
  void theVerdictIsWelchOnForkValuesAndTheRatioIsTheRatioOfTheCenters() {
    Random rnd = new Random(7);
    double[][] pitfall = values(rnd, 3, 10, 110);
    double[][] fix = values(rnd, 3, 10, 100);
    Row r = time(pairs(Options.withDefaults(), pitfall, fix));
    Delta d = r.deltas().get(0);
    // One metric, one row: m = 1, so the interval is the plain 95% Welch interval.
    ForkRatio.Result expected =
        ForkRatio.withConfidence(0.95).compare(forkValues(pitfall), forkValues(fix));
    assertThat(d.test()).isEqualTo("welch-t-log-forks");
    assertThat(d.family()).isEqualTo(1);
    assertThat(d.confidence()).isEqualTo(0.95);
    assertThat(d.lo()).isCloseTo(expected.lo(), within(1e-12));
    assertThat(d.hi()).isCloseTo(expected.hi(), within(1e-12));
    assertThat(d.pValue()).isCloseTo(expected.p(), within(1e-15));
    assertThat(d.pAdjusted()).isEqualTo(d.pValue());
    assertThat(d.df()).isCloseTo(expected.df(), within(1e-12));
    assertThat(d.ratio())
        .isEqualTo(r.columns().get(1).center() / r.columns().get(0).center())
        .isCloseTo(expected.ratio(), within(1e-12));
    assertThat(r.columns().get(0).center())
        .isCloseTo(ForkValues.geometricMean(forkValues(pitfall)), within(1e-9));
    assertThat(d.verdict()).isEqualTo(Verdict.FASTER);
  }

  /** A run with pairs in two classes whose times print in different units. */
  private static Table mixedUnits(Options o, int looks) {
    Random rnd = new Random(11);
    List<JmhResult> results = new ArrayList<>();
    results.add(result("Nano", "pitfallA", "ns/op", values(rnd, 3, 5, 100), null, looks));
    results.add(result("Nano", "fixA", "ns/op", values(rnd, 3, 5, 97), null, 1));
    results.add(result("Micro", "pitfallB", "us/op", values(rnd, 3, 5, 50), null, 1));
    results.add(result("Micro", "fixB", "us/op", values(rnd, 3, 5, 49), null, 1));
    results.add(result("Micro", "fixC", "us/op", values(rnd, 3, 5, 40), null, 1));
    return Pairs.ofRun(new JmhRun(Path.of("run.json"), "run", results), o);
  }

  @Test
  void theCorrectionFamilyIsTheMetricWhateverItsUnit() {
    Table t = mixedUnits(Options.withDefaults(), 1);
    assertThat(t.rows()).extracting(Row::unit).containsExactly("ns/op", "us/op", "us/op");
    for (Row r : t.rows()) {
      Delta d = r.deltas().get(0);
      assertThat(d.family()).as(r.name()).isEqualTo(3);
      assertThat(d.confidence()).isEqualTo(1 - 0.05 / 3);
      assertThat(d.pAdjusted()).isEqualTo(Math.min(1, 3 * d.pValue()));
    }
    assertThat(Text.render(t))
        .contains("simultaneous over m=3 tested rows of time (ns/op and us/op)");
  }

  @Test
  void looksWidenTheIntervals() {
    Table once = mixedUnits(Options.withDefaults(), 1);
    Table thrice = mixedUnits(Options.withDefaults(), 3);
    Delta a = once.rows().get(0).deltas().get(0);
    Delta b = thrice.rows().get(0).deltas().get(0);
    assertThat(b.looks()).isEqualTo(3);
    assertThat(b.confidence()).isEqualTo(1 - 0.05 / (3 * 3));
    assertThat(b.pAdjusted()).isEqualTo(Math.min(1, 9 * b.pValue()));
    assertThat(b.pValue()).isEqualTo(a.pValue());
    assertThat(b.lo()).isLessThan(a.lo());
    assertThat(b.hi()).isGreaterThan(a.hi());
    // The other rows were looked at once.
    assertThat(thrice.rows().get(1).deltas().get(0).confidence()).isEqualTo(1 - 0.05 / 3);
    assertThat(Text.render(thrice)).contains("× L=3 looks", "each at 99.44%", "min(1, m·L·p)");
  }

  @Test
  void aSequentialPairComparesTheRoundsBothSidesRan() {
    // Presize's quick run, MapFill size=1000: the pitfall stopped after 6 rounds (its comparison
    // was decided), the shared fix ran 8 for another pitfall. Rounds 7 and 8 of the fix must not
    // enter this pair: here they are far off, so using them would move the ratio.
    Random rnd = new Random(13);
    double[][] pitfall = values(rnd, 6, 8, 110);
    double[][] fix = new double[8][];
    System.arraycopy(values(rnd, 6, 8, 70), 0, fix, 0, 6);
    fix[6] = values(rnd, 1, 8, 300)[0];
    fix[7] = values(rnd, 1, 8, 300)[0];
    List<JmhResult> results =
        List.of(
            result("Pair", "pitfallSlow", "ns/op", pitfall, null, 3),
            result("Pair", "fixFast", "ns/op", fix, null, 3));
    Row r =
        time(Pairs.ofRun(new JmhRun(Path.of("run.json"), "run", results), Options.withDefaults()));
    Delta d = r.deltas().get(0);
    assertThat(d.n1()).isEqualTo(6);
    assertThat(d.n2()).as("the fix's rounds 7 and 8 are left out").isEqualTo(6);
    double expected =
        ForkValues.geometricMean(forkValues(Arrays.copyOf(fix, 6)))
            / ForkValues.geometricMean(forkValues(pitfall));
    assertThat(d.ratio()).isCloseTo(expected, within(1e-9));
    assertThat(d.verdict()).isEqualTo(Verdict.FASTER);

    // Looked at once (a fixed-fork run, or two files compared), every fork counts.
    List<JmhResult> once =
        List.of(
            result("Pair", "pitfallSlow", "ns/op", pitfall, null, 1),
            result("Pair", "fixFast", "ns/op", fix, null, 1));
    Delta all =
        time(Pairs.ofRun(new JmhRun(Path.of("run.json"), "run", once), Options.withDefaults()))
            .deltas()
            .get(0);
    assertThat(all.n2()).isEqualTo(8);
    assertThat(all.ratio()).isGreaterThan(expected * 1.2);
  }

  @Test
  void thePrintedIntervalAndTheVerdictNeverContradict() {
    Random rnd = new Random(12);
    int decided = 0;
    int undecided = 0;
    for (int trial = 0; trial < 60; trial++) {
      List<JmhResult> results = new ArrayList<>();
      for (int p = 0; p < 6; p++) {
        int forks = 2 + rnd.nextInt(4);
        double shift = 1 + 0.03 * rnd.nextGaussian();
        results.add(
            result("C" + p, "pitfallX", "ns/op", values(rnd, forks, 5, 100, 0.02), null, 1));
        results.add(
            result(
                "C" + p,
                "fixY",
                "ns/op",
                values(rnd, 2 + rnd.nextInt(4), 5, 100 * shift, 0.02),
                null,
                1 + rnd.nextInt(3)));
      }
      Table t = Pairs.ofRun(new JmhRun(Path.of("r.json"), "r", results), Options.withDefaults());
      for (Row r : t.rows()) {
        Delta d = r.deltas().get(0);
        boolean excludesOne = d.lo() > 1 || d.hi() < 1;
        assertThat(excludesOne).as(r.name()).isEqualTo(d.pAdjusted() <= 0.05);
        switch (d.verdict()) {
          case FASTER, SLOWER -> {
            assertThat(excludesOne).isTrue();
            decided++;
          }
          case NO_DIFFERENCE -> {
            assertThat(excludesOne).isFalse();
            undecided++;
          }
          case EQUIVALENT -> assertThat(d.lo() >= 0.98 && d.hi() <= 1.02).isTrue();
        }
      }
    }
    assertThat(decided).as("some decided").isPositive();
    assertThat(undecided).as("some undecided").isPositive();
  }

  /** A classifier that calls a series flat unless its first value is {@code marker}. */
  private static BiFunction<double[], Direction, SteadyState.Result> unsettledIfFirstIs(
      double marker) {
    return (series, direction) ->
        series[0] == marker
            ? new SteadyState.Result(
                SteadyState.Kind.NO_STEADY_STATE,
                series.length,
                List.of(2, 5, 8),
                List.of(1.0, 2.0, 3.0, 4.0))
            : new SteadyState.Result(SteadyState.Kind.FLAT, 0, List.of(), List.of(series[0]));
  }

  @Test
  void aForkThatNeverSettledMeansNoVerdict() {
    Random rnd = new Random(13);
    double[][] pitfall = values(rnd, 3, 10, 200);
    double[][] fix = values(rnd, 3, 10, 100);
    fix[1][0] = 123.456;
    Options o = Options.withDefaults().withSteadyState(unsettledIfFirstIs(123.456));
    Row r = time(pairs(o, pitfall, fix));
    Delta d = r.deltas().get(0);
    assertThat(d.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(d.test()).isEqualTo("none");
    assertThat(d.lo()).isNaN();
    assertThat(d.pAdjusted()).isNaN();
    assertThat(r.warnings())
        .contains(
            "fixFast: fork 2 of fixFast never settled (3 level shifts in 10 iterations, the last"
                + " segment too short to call steady): no verdict (more than a quarter of the"
                + " forks, or all but one, never settled); lengthen warm-up/iterations");
    assertThat(r.columns().get(1).steadyStateSummary()).isEqualTo("2 flat, 1 no steady state");
    // Without the unsettled fork the same data are decided.
    assertThat(time(pairs(Options.withDefaults(), pitfall, fix)).deltas().get(0).verdict())
        .isEqualTo(Verdict.FASTER);
  }

  @Test
  void oneUnsettledForkOfEightIsLeftOutAndTheOthersDecide() {
    Random rnd = new Random(15);
    double[][] pitfall = values(rnd, 8, 8, 200);
    double[][] fix = values(rnd, 8, 8, 100);
    fix[5][0] = 123.456;
    Options o = Options.withDefaults().withSteadyState(unsettledIfFirstIs(123.456));
    Row r = time(pairs(o, pitfall, fix));
    Delta d = r.deltas().get(0);
    assertThat(d.verdict()).isEqualTo(Verdict.FASTER);
    assertThat(d.n2()).isEqualTo(8);
    assertThat(r.warnings())
        .anyMatch(
            w ->
                w.contains("fork 6 of fixFast never settled")
                    && w.contains("left out; the verdict rests on the 7 forks that settled"));
    // Three of eight unsettled is more than a quarter: no verdict.
    fix[1][0] = 123.456;
    fix[2][0] = 123.456;
    assertThat(time(pairs(o, pitfall, fix)).deltas().get(0).verdict())
        .isEqualTo(Verdict.NO_DIFFERENCE);
  }

  @Test
  void warmUpIterationsDoNotCount() {
    Random rnd = new Random(14);
    double[][] pitfall = values(rnd, 3, 8, 100);
    for (double[] fork : pitfall) {
      fork[0] = 1000;
      fork[1] = 500;
    }
    BiFunction<double[], Direction, SteadyState.Result> warmup =
        (series, direction) ->
            series[0] == 1000
                ? new SteadyState.Result(
                    SteadyState.Kind.WARMUP, 2, List.of(2), List.of(750.0, 100.0))
                : new SteadyState.Result(SteadyState.Kind.FLAT, 0, List.of(), List.of(1.0));
    Table t =
        pairs(Options.withDefaults().withSteadyState(warmup), pitfall, values(rnd, 3, 8, 100));
    Row r = time(t);
    Column c = r.columns().get(0);
    double[] steady = new double[3];
    for (int f = 0; f < 3; f++) {
      steady[f] = ForkValues.geometricMean(Arrays.copyOfRange(pitfall[f], 2, 8));
    }
    assertThat(c.center()).isCloseTo(ForkValues.geometricMean(steady), within(1e-9));
    assertThat(c.n()).isEqualTo(18);
    assertThat(c.steadyStateSummary()).isEqualTo("3 warm-up");
    assertThat(Markdown.steadyState(t))
        .contains("| Pair.pitfallSlow vs fixFast | 3 warm-up | 3 flat |")
        .doesNotContain("gc.alloc");
    assertThat(r.warnings())
        .contains(
            "pitfallSlow: fork 1 of pitfallSlow: warm-up, steady from iteration 3;"
                + " iterations 1–2 dropped");
    // Counting the warm-up would make the pitfall look ~60% slower; without it they are alike.
    assertThat(r.deltas().get(0).ratio()).isCloseTo(1.0, within(0.05));
  }

  @Test
  void deterministicBytesAreExact() {
    Random rnd = new Random(15);
    double[][] time = values(rnd, 3, 5, 100);
    double[][] b1640 = {{1640, 1640}, {1640, 1640}, {1640, 1640}};
    double[][] b56 = {{56, 56}, {56, 56}, {56, 56}};
    Delta same = bytes(pairs(Options.withDefaults(), time, time, b1640, b1640)).deltas().get(0);
    assertThat(same.verdict()).isEqualTo(Verdict.EQUIVALENT);
    assertThat(same.lo()).isEqualTo(1.0);
    assertThat(same.hi()).isEqualTo(1.0);
    assertThat(same.pValue()).isEqualTo(1.0);
    Delta less = bytes(pairs(Options.withDefaults(), time, time, b1640, b56)).deltas().get(0);
    assertThat(less.verdict()).isEqualTo(Verdict.FASTER);
    assertThat(less.pValue()).isZero();
    assertThat(less.ratio()).isCloseTo(56.0 / 1640, within(1e-15));
  }

  @Test
  void zeroBytesUseForkMeansOnTheRawScale() {
    Random rnd = new Random(16);
    double[][] time = values(rnd, 3, 5, 100);
    double[][] allocates = {{1640.2, 1639.8}, {1640.0, 1640.1}, {1639.9, 1640.0}};
    double[][] zero = {{0, 0.01}, {0, 0}, {0.02, 0}};
    Row r = bytes(pairs(Options.withDefaults(), time, time, allocates, zero));
    Delta d = r.deltas().get(0);
    assertThat(d.test()).isEqualTo("welch-t-forks");
    assertThat(d.lo()).isNaN();
    assertThat(d.verdict()).isEqualTo(Verdict.FASTER);
    assertThat(r.columns().get(1).center()).isCloseTo(0.005, within(1e-12));
    assertThat(r.warnings())
        .anyMatch(w -> w.startsWith("fixFast: some values are 0 B/op: no ratio interval"));
    Row none =
        bytes(
            pairs(
                Options.withDefaults(),
                time,
                time,
                new double[][] {{0, 0}, {0, 0}},
                new double[][] {{0, 0}, {0, 0}}));
    assertThat(none.deltas().get(0).verdict()).isEqualTo(Verdict.EQUIVALENT);
    assertThat(none.warnings()).noneMatch(w -> w.contains("some values are 0"));
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
  void benchstatModeSaysWhenARankTestCannotReachAlpha() {
    // 1 value against 30: the smallest two-sided p is 2/C(31, 1) = 0.065 > 0.05, and benchstat's
    // own warning needs both sides small.
    Random rnd = new Random(17);
    Table t =
        pairs(
            Options.withDefaults().with(Options.Mode.BENCHSTAT),
            values(rnd, 1, 1, 200),
            values(rnd, 3, 10, 100));
    Delta d = time(t).deltas().get(0);
    assertThat(d.pValue()).isGreaterThanOrEqualTo(2.0 / 31);
    assertThat(d.verdict()).isEqualTo(Verdict.NO_DIFFERENCE);
    assertThat(time(t).warnings())
        .contains(
            "fixFast: 1 vs 30 values cannot reach p <= 0.05 with a rank test (its smallest p is"
                + " 2/C(31,1) = 0.0645); 2 values on the smaller side would");
    assertThat(Text.render(t))
        .contains("the smallest p these sizes can reach is 2/C(n1+n2, n1) = 0.065 at 1 vs 30");
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
    assertThat(time(t).warnings()).contains("b.json: " + Diagnostics.ONE_FORK);
  }
}
