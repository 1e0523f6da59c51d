package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.stats.Verdict;
import org.pitfallatlas.analysis.suite.PairSpec;
import org.pitfallatlas.analysis.suite.SuiteCatalog;

class ClaimsLedgerTest {

  private static final Map<String, String> POINT = Map.of("size", "10000");

  private static Claim claim(String metric, Double expectedRatio) {
    return new Claim(
        "c1",
        "a claim",
        "boxing",
        "IntegerSum",
        "pitfallList",
        "fixIntArray",
        POINT,
        metric,
        null,
        "3.8x",
        expectedRatio);
  }

  private static Table table(String metric, double ratio, double lo, double hi, Verdict v) {
    return Rows.table(
        Rows.row("IntegerSum", "pitfallList", "fixIntArray", POINT, metric, ratio, lo, hi, v),
        // Same pair at another point and another metric: must not be picked.
        Rows.row(
            "IntegerSum",
            "pitfallList",
            "fixIntArray",
            Map.of("size", "100"),
            metric,
            0.9,
            0.8,
            1.0,
            Verdict.FASTER));
  }

  @Test
  void reproducesWhenTheClaimedSpeedupIsWithinTheInterval() {
    // claimed 3.8x (ratio 0.2625); measured 0.25 [0.24, 0.27] -> speedup 4.0x [3.7x, 4.2x]
    var e =
        ClaimsLedger.evaluate(
            claim("gc.alloc.rate.norm", 0.2625),
            Optional.of(table("gc.alloc.rate.norm", 0.25, 0.24, 0.27, Verdict.FASTER)));
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.REPRODUCES);
    assertThat(e.speedup()).isEqualTo(4.0);
    assertThat(e.speedupLo()).isCloseTo(1 / 0.27, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(e.row().orElseThrow().params()).isEqualTo(POINT);
    assertThat(e.measured()).isEqualTo("0.250 [0.240, 0.270]");
  }

  @Test
  void strongerOnTheJvmWhenTheWholeIntervalExceedsTheAllowedRange() {
    // 20x less where 3.8x was claimed: a bare 3.81x allows 2.92-5.32x.
    var e =
        ClaimsLedger.evaluate(
            claim("gc.alloc.rate.norm", 0.2625),
            Optional.of(table("gc.alloc.rate.norm", 0.05, 0.049, 0.051, Verdict.FASTER)));
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.STRONGER);
    assertThat(e.note()).contains("3.81× (bare figure: 2.92×–5.32× allowed)", "more than claimed");
  }

  @Test
  void aSmallClaimedEffectIsReadAsAnEffectNotAsARatio() {
    // Fan-in: -18% runtime claimed (1.22x); 1.41x [1.36, 1.44] measured. ±25% of the effect allows
    // 1.17-1.28x, so the JVM's effect is stronger; ±25% of the ratio would have swallowed it.
    var e =
        ClaimsLedger.evaluate(
            claim("time", 0.82), Optional.of(table("time", 0.709, 0.694, 0.735, Verdict.FASTER)));
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.STRONGER);
    double[] a = ClaimsLedger.allowed(claim("time", 0.82)).orElseThrow();
    assertThat(a[0]).isCloseTo(Math.exp(Math.log(1 / 0.82) / 1.25), offset(1e-12));
    assertThat(a[1]).isCloseTo(Math.exp(Math.log(1 / 0.82) * 1.25), offset(1e-12));
  }

  @Test
  void weakerOnTheJvmWhenBetterButTheWholeIntervalIsBelowTheAllowedRange() {
    // claimed -31% (0.69, 1.45x: 1.35-1.59x allowed); measured 0.85 [0.80, 0.90]: at most 1.25x
    var e =
        ClaimsLedger.evaluate(
            claim("time", 0.69), Optional.of(table("time", 0.85, 0.80, 0.90, Verdict.FASTER)));
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.WEAKER);
    assertThat(e.note()).contains("less than claimed");
  }

  @Test
  void approximateUpToAndRangeFiguresAllowWhatTheRuleSays() {
    Claim about = figure(Claim.ABOUT, 1 / 3.0, null);
    Claim upTo = figure(Claim.UP_TO, 0.25, null);
    Claim range = figure(Claim.RANGE, null, List.of(0.7, 0.5));
    double e3 = Math.log(3);
    assertThat(ClaimsLedger.allowed(about).orElseThrow())
        .containsExactly(new double[] {Math.exp(e3 / 1.5), Math.exp(e3 * 1.5)}, offset(1e-9));
    double e4 = Math.log(4);
    assertThat(ClaimsLedger.allowed(upTo).orElseThrow())
        .containsExactly(new double[] {Math.exp(e4 / 2 / 1.25), Math.exp(e4 * 1.25)}, offset(1e-9));
    assertThat(ClaimsLedger.allowed(range).orElseThrow())
        .containsExactly(
            new double[] {Math.exp(Math.log(1 / 0.7) / 1.25), Math.exp(Math.log(2) * 1.25)},
            offset(1e-9));
    // "up to 4x": 2x reproduces, 1.5x is weaker (allowed from 1.74x).
    assertThat(
            ClaimsLedger.evaluate(upTo, Optional.of(table("time", 0.5, 0.48, 0.52, Verdict.FASTER)))
                .verdict())
        .isEqualTo(ClaimVerdict.REPRODUCES);
    assertThat(
            ClaimsLedger.evaluate(
                    upTo, Optional.of(table("time", 0.667, 0.65, 0.68, Verdict.FASTER)))
                .verdict())
        .isEqualTo(ClaimVerdict.WEAKER);
    assertThat(
            ClaimsLedger.evaluate(
                    range, Optional.of(table("time", 0.6, 0.58, 0.62, Verdict.FASTER)))
                .note())
        .contains("1.43×–2.00× (range: 1.33×–2.38× allowed)");
  }

  private static Claim figure(String kind, Double ratio, List<Double> range) {
    return new Claim(
        "f-" + kind,
        "a claim",
        "boxing",
        "IntegerSum",
        "pitfallList",
        "fixIntArray",
        POINT,
        "time",
        null,
        "x",
        ratio,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        kind,
        range,
        null,
        null,
        null,
        null);
  }

  @Test
  void aFigureReadingIsCheckedWhenTheClaimIsRead() {
    assertThatThrownBy(() -> figure("roughly", 0.5, null))
        .hasMessageContaining("figure must be exact, about, upTo or range");
    assertThatThrownBy(() -> figure(Claim.RANGE, 0.5, null))
        .hasMessageContaining("a range figure needs expectedRange");
    assertThatThrownBy(() -> figure(Claim.EXACT, 0.5, List.of(0.5, 0.7)))
        .hasMessageContaining("only a range has one");
    assertThatThrownBy(() -> figure(Claim.RANGE, 0.5, List.of(0.5, 0.7)))
        .hasMessageContaining("replaces expectedRatio");
    assertThatThrownBy(() -> figure(Claim.RANGE, null, List.of(0.5)))
        .hasMessageContaining("two fix/pitfall ratios");
  }

  private static final Map<String, String> FAN_IN =
      Map.of("executor", "PLATFORM", "tasks", "1000", "workMicros", "1");

  private static Claim shareClaim(String fix, String figure, List<Double> range) {
    return new Claim(
        "fanin-share",
        "coordination is 15-20% of runtime",
        "fanin",
        "FanInResults",
        "pitfallResultChannel",
        fix,
        FAN_IN,
        Claim.COORDINATION_SHARE,
        null,
        "15-20% of runtime",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        figure,
        range,
        null,
        null,
        null,
        null);
  }

  private static CoordinationShare share(String method, double estimate, double lo, double hi) {
    return new CoordinationShare(
        FAN_IN, "default", method, 1000, 700, 2, "us/op", estimate, lo, hi);
  }

  @Test
  void aCoordinationShareIsJudgedByItsIntervalAgainstTheWidenedClaimedRange() {
    Claim c = shareClaim("baselineSerial", Claim.RANGE, List.of(0.15, 0.20));
    // Allowed: 15% / 1.25 = 12% to 20% x 1.25 = 25%.
    var inside =
        ClaimsLedger.evaluateShare(c, Optional.of(List.of(share(c.pitfall(), 0.22, 0.18, 0.26))));
    assertThat(inside.verdict()).isEqualTo(ClaimVerdict.REPRODUCES);
    assertThat(inside.measured()).isEqualTo("22 % [18 %, 26 %]");
    assertThat(inside.note()).contains("12 %–25 % allowed");
    var above =
        ClaimsLedger.evaluateShare(c, Optional.of(List.of(share(c.pitfall(), 0.56, 0.48, 0.63))));
    assertThat(above.verdict()).isEqualTo(ClaimVerdict.STRONGER);
    assertThat(above.note()).contains("more of the runtime is coordination than claimed");
    var below =
        ClaimsLedger.evaluateShare(c, Optional.of(List.of(share(c.pitfall(), 0.05, 0.02, 0.11))));
    assertThat(below.verdict()).isEqualTo(ClaimVerdict.WEAKER);
    var noInterval =
        ClaimsLedger.evaluateShare(
            c, Optional.of(List.of(share(c.pitfall(), 0.3, Double.NaN, Double.NaN))));
    assertThat(noInterval.verdict()).isEqualTo(ClaimVerdict.INCONCLUSIVE);
    // Another variant's share, no run, or the pairs-only evaluation: not measured.
    assertThat(
            ClaimsLedger.evaluateShare(
                    c, Optional.of(List.of(share("fixIndexedArray", 0.2, 0.15, 0.25))))
                .verdict())
        .isEqualTo(ClaimVerdict.NOT_MEASURED);
    assertThat(ClaimsLedger.evaluateShare(c, Optional.empty()).verdict())
        .isEqualTo(ClaimVerdict.NOT_MEASURED);
    assertThat(ClaimsLedger.of(List.of(c)).evaluate(f -> Optional.empty()).get(0).note())
        .contains("needs the run's results");
    // The ledger prints a share, not a speedup.
    assertThat(ClaimsLedger.markdown(List.of(inside)))
        .contains("| share of runtime | 22 % [18 %, 26 %] |  | **reproduces** |");
  }

  @Test
  void aCoordinationShareClaimNeedsARangeOfSharesAndASerialControl() {
    assertThatThrownBy(() -> shareClaim("baselineSerial", Claim.EXACT, null))
        .hasMessageContaining("coordination share claim needs figure \"range\"");
    assertThatThrownBy(() -> shareClaim("baselineSerial", Claim.RANGE, List.of(0.15, 1.5)))
        .hasMessageContaining("shares in (0, 1)");
    assertThatThrownBy(() -> shareClaim("fixIndexedArray", Claim.RANGE, List.of(0.15, 0.2)))
        .hasMessageContaining("baseline… control as fix");
  }

  /** Returns a cpu-share claim as claims.json spells it (read the way the ledger reads it). */
  private static Claim cpuShareClaim(String figure, List<String> frames, Double expected) {
    Map<String, Object> row = new java.util.HashMap<>();
    row.put("id", "channels-cpu-share");
    row.put("claim", "20% of the CPU on context switching and channel locking");
    row.put("family", "channels");
    row.put("pair", "QueueCounter");
    row.put("method", "pitfallQueueAsCounter");
    row.put("params", Map.of("threads", "2"));
    row.put("metric", Claim.CPU_SHARE);
    row.put("source figure", "20% of CPU");
    row.put("figure", figure);
    row.put("frames", frames);
    row.put("expectedShare", expected);
    return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(row, Claim.class);
  }

  /**
   * Writes a profiles folder holding QueueCounter.pitfallQueueAsCounter's cpu stacks: in slice
   * {@code i}, {@code parked[i]} samples under Unsafe.park and {@code 100 - parked[i]} elsewhere.
   */
  private static Path profiles(Path dir, long... parked) throws java.io.IOException {
    Path method =
        Files.createDirectories(
            dir.resolve(
                "org.pitfallatlas.channels.QueueCounter.pitfallQueueAsCounter-AverageTime-threads-2"));
    long[] other = new long[parked.length];
    for (int i = 0; i < parked.length; i++) {
      other[i] = 100 - parked[i];
    }
    new org.pitfallatlas.analysis.profile.SlicedStacks(
            org.pitfallatlas.analysis.profile.SlicedStacks.FORMAT,
            "cpu",
            parked.length,
            0,
            1,
            List.of(
                new org.pitfallatlas.analysis.profile.SlicedStacks.Stack(
                    "Crew.loop;ArrayBlockingQueue.put;jdk/internal/misc/Unsafe.park", parked),
                new org.pitfallatlas.analysis.profile.SlicedStacks.Stack(
                    "Crew.loop;QueueCounter.count", other)))
        .write(method.resolve("stacks-cpu.json.gz"));
    return dir;
  }

  private static final List<String> PARK = List.of("Unsafe.park", "futex");

  private static ClaimVerdict cpuVerdict(Path dir, long... parked) throws java.io.IOException {
    return ClaimsLedger.evaluateCpuShare(
            cpuShareClaim(Claim.EXACT, PARK, 0.20), Optional.of(profiles(dir, parked)))
        .verdict();
  }

  @Test
  void aCpuShareIsJudgedByItsIntervalAgainstTheClaimedShareWidenedBy25Percent(@TempDir Path dir)
      throws Exception {
    // Claimed 20%: 16%-25% allowed. Every slice at the same share gives an exact interval.
    assertThat(cpuVerdict(dir.resolve("a"), 24, 24, 24)).isEqualTo(ClaimVerdict.REPRODUCES);
    assertThat(cpuVerdict(dir.resolve("b"), 26, 26, 26)).isEqualTo(ClaimVerdict.STRONGER);
    assertThat(cpuVerdict(dir.resolve("c"), 17, 17, 17)).isEqualTo(ClaimVerdict.REPRODUCES);
    assertThat(cpuVerdict(dir.resolve("d"), 15, 15, 15)).isEqualTo(ClaimVerdict.WEAKER);
    // An interval reaching into the band from above (25% [22.7%, 27.3%]) or from below (16%
    // [14.5%, 17.5%]) overlaps it.
    assertThat(cpuVerdict(dir.resolve("e"), 22, 28, 22, 28, 22, 28, 22, 28, 22, 28))
        .isEqualTo(ClaimVerdict.REPRODUCES);
    assertThat(cpuVerdict(dir.resolve("e2"), 14, 18, 14, 18, 14, 18, 14, 18, 14, 18))
        .isEqualTo(ClaimVerdict.REPRODUCES);
    // Slices at 5% and 60%: an interval reaching below and above the band cannot tell.
    assertThat(cpuVerdict(dir.resolve("f"), 5, 60, 5, 60)).isEqualTo(ClaimVerdict.INCONCLUSIVE);
    // One time slice: no interval.
    assertThat(cpuVerdict(dir.resolve("g"), 20)).isEqualTo(ClaimVerdict.INCONCLUSIVE);
    var e =
        ClaimsLedger.evaluateCpuShare(
            cpuShareClaim(Claim.EXACT, PARK, 0.20),
            Optional.of(profiles(dir.resolve("h"), 90, 95)));
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.STRONGER);
    assertThat(e.speedup()).isCloseTo(0.925, offset(1e-12));
    assertThat(e.note())
        .contains("cpu share 93 % [", "of 200 samples", "2 time slices", "16 %–25 % allowed");
    assertThat(ClaimsLedger.markdown(List.of(e)))
        .contains("| share of cpu samples | 93 % [")
        .contains("**stronger on the JVM**");
    // "~20%" allows 13%-30%.
    assertThat(
            ClaimsLedger.evaluateCpuShare(
                    cpuShareClaim(Claim.ABOUT, PARK, 0.20),
                    Optional.of(profiles(dir.resolve("i"), 29, 29)))
                .verdict())
        .isEqualTo(ClaimVerdict.REPRODUCES);
  }

  @Test
  void aRunWithoutKeptStacksIsNotMeasuredAndSaysToReRun(@TempDir Path dir) throws Exception {
    Claim c = cpuShareClaim(Claim.EXACT, PARK, 0.20);
    Path method =
        Files.createDirectories(
            dir.resolve(
                "org.pitfallatlas.channels.QueueCounter.pitfallQueueAsCounter-AverageTime-threads-2"));
    Files.writeString(method.resolve("flame-cpu-forward.html"), "<html/>");
    var old = ClaimsLedger.evaluateCpuShare(c, Optional.of(dir));
    assertThat(old.verdict()).isEqualTo(ClaimVerdict.NOT_MEASURED);
    assertThat(old.note())
        .contains("this run kept no profile stacks", "re-run: scripts/atlas run channels");
    var otherPoint =
        ClaimsLedger.evaluateCpuShare(
            cpuShareClaim(Claim.EXACT, PARK, 0.20), Optional.of(dir.resolve("elsewhere")));
    assertThat(otherPoint.verdict()).isEqualTo(ClaimVerdict.NOT_MEASURED);
    assertThat(otherPoint.note()).contains("has no profile of QueueCounter.pitfallQueueAsCounter");
    assertThat(ClaimsLedger.evaluateCpuShare(c, Optional.empty()).note())
        .isEqualTo("no run of channels");
    assertThat(ClaimsLedger.of(List.of(c)).evaluate(f -> Optional.empty()).get(0).note())
        .contains("needs the run's profiles");
    Files.writeString(method.resolve("stacks-cpu.json.gz"), "not gzip");
    assertThat(ClaimsLedger.evaluateCpuShare(c, Optional.of(dir)).note())
        .startsWith("cannot read the profile stacks");
  }

  @Test
  void aCpuShareClaimNeedsItsMethodFramesAndAShare() {
    assertThat(cpuShareClaim(Claim.EXACT, PARK, 0.2).label())
        .isEqualTo("QueueCounter.pitfallQueueAsCounter/threads=2 (cpu profile)");
    assertThatThrownBy(() -> cpuShareClaim(Claim.EXACT, List.of(), 0.2))
        .hasMessageContaining("a cpu share claim needs");
    assertThatThrownBy(() -> cpuShareClaim(Claim.EXACT, List.of("a;b"), 0.2))
        .hasMessageContaining("a cpu share claim needs");
    assertThatThrownBy(() -> cpuShareClaim(Claim.EXACT, PARK, 1.2))
        .hasMessageContaining("expectedShare in (0, 1)");
    assertThatThrownBy(() -> cpuShareClaim(Claim.EXACT, PARK, null))
        .hasMessageContaining("expectedShare in (0, 1)");
  }

  @Test
  void theCommittedCpuShareRowsReadTheChannelsProfiles() {
    List<Claim> rows =
        ClaimsLedger.load(AtlasPaths.home()).claims("channels").stream()
            .filter(Claim::measuresCpuShare)
            .toList();
    assertThat(rows).extracting(Claim::method).contains("pitfallQueueAsCounter");
    var suite = SuiteCatalog.load(AtlasPaths.home().resolve("benchmarks/suites")).find("channels");
    for (Claim c : rows) {
      assertThat(c.frames()).as(c.id()).contains("Unsafe.park", "ReentrantLock");
      // Only the channel's parks and locks: the harness's Phaser parks through the same frames.
      assertThat(c.under()).as(c.id()).contains("ArrayBlockingQueue");
      assertThat(c.expectedShare()).isEqualTo(0.20);
      // The point a row reads is the point the suite profiles.
      PairSpec pair =
          suite.orElseThrow().pairs().stream()
              .filter(p -> p.className().equals(c.pair()))
              .findFirst()
              .orElseThrow();
      assertThat(pair.profileParams()).as(c.id()).isEqualTo(c.params());
    }
  }

  @Test
  void inconclusiveWhenTheRunCannotTell() {
    var e =
        ClaimsLedger.evaluate(
            claim("time", 0.33),
            Optional.of(table("time", 0.90, 0.70, 1.10, Verdict.NO_DIFFERENCE)));
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.INCONCLUSIVE);
    assertThat(e.note()).contains("not enough evidence");
  }

  @Test
  void aDifferenceWithinATenthOfTheClaimedEffectIsNoEffectEvenWhenSignificant() {
    // myths' try/finally per iteration against a claimed ~3x: the straight-line "fix" measured
    // 1.6% slower, [+0.6%, +6.5%], significant; a tenth of ln 3 is x/÷ 1.116, and the interval is
    // inside it: not the claimed effect, whichever way it leans.
    assertThat(ClaimsLedger.claimMargin(claim("time", 1 / 3.0)).orElseThrow())
        .isCloseTo(Math.exp(Math.log(3) / 10), within(1e-12));
    var tiny =
        ClaimsLedger.evaluate(
            claim("time", 1 / 3.0),
            Optional.of(table("time", 1.016, 1.006, 1.065, Verdict.SLOWER)));
    assertThat(tiny.verdict()).isEqualTo(ClaimVerdict.NO_EFFECT);
    assertThat(tiny.note()).contains("a tenth of the claimed effect", "verdict slower");
    // Reaching past the margin on either side keeps the pairs table's verdict.
    assertThat(
            ClaimsLedger.evaluate(
                    claim("time", 1 / 3.0),
                    Optional.of(table("time", 1.05, 1.01, 1.13, Verdict.SLOWER)))
                .verdict())
        .isEqualTo(ClaimVerdict.CONTRADICTED);
    // A claim without a figure has no margin of its own.
    assertThat(ClaimsLedger.claimMargin(claim("time", null))).isEmpty();
  }

  @Test
  void noEffectWhenEquivalentAndContradictedWhenTheFixIsWorse() {
    var same =
        ClaimsLedger.evaluate(
            claim("time", 0.33), Optional.of(table("time", 0.99, 0.95, 1.03, Verdict.EQUIVALENT)));
    assertThat(same.verdict()).isEqualTo(ClaimVerdict.NO_EFFECT);
    var worse =
        ClaimsLedger.evaluate(
            claim("time", 0.33), Optional.of(table("time", 1.5, 1.4, 1.6, Verdict.SLOWER)));
    assertThat(worse.verdict()).isEqualTo(ClaimVerdict.CONTRADICTED);
    assertThat(worse.note()).startsWith("the fix is 1.50× worse [1.40×, 1.60×]");
  }

  @Test
  void aFixThatAllocatesNothingIsStrongerThanAnyAllocationFigure() {
    var e =
        ClaimsLedger.evaluate(
            claim("gc.alloc.rate.norm", 0.69),
            Optional.of(table("gc.alloc.rate.norm", 0, 0, 0, Verdict.FASTER)));
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.STRONGER);
    assertThat(e.speedupHi()).isInfinite();
    var noFigure =
        ClaimsLedger.evaluate(
            claim("gc.alloc.rate.norm", null),
            Optional.of(table("gc.alloc.rate.norm", 0, 0, 0, Verdict.FASTER)));
    assertThat(noFigure.verdict()).isEqualTo(ClaimVerdict.REPRODUCES);
  }

  @Test
  void throughputIsBetterWhenHigher() {
    // 3x more ops/s, claim 3x (a bare 3x allows 2.41-3.95x)
    var e =
        ClaimsLedger.evaluate(
            claim("throughput", 0.333),
            Optional.of(table("throughput", 3.2, 2.9, 3.5, Verdict.FASTER)));
    assertThat(e.speedup()).isEqualTo(3.2);
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.REPRODUCES);
    var weak =
        ClaimsLedger.evaluate(
            claim("throughput", 0.333),
            Optional.of(table("throughput", 1.5, 1.4, 1.6, Verdict.FASTER)));
    assertThat(weak.verdict()).isEqualTo(ClaimVerdict.WEAKER);
  }

  @Test
  void rowsUnderOneGoClaimAreCountedOnce() {
    Claim a = underGoClaim("a", "g", Map.of("size", "10000"));
    Claim b = underGoClaim("b", "g", Map.of("size", "100"));
    Claim c = underGoClaim("c", null, Map.of("size", "10000"));
    Table t =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                Map.of("size", "10000"),
                "time",
                0.25,
                0.24,
                0.27,
                Verdict.FASTER),
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                Map.of("size", "100"),
                "time",
                0.05,
                0.049,
                0.051,
                Verdict.FASTER));
    var entries = ClaimsLedger.of(List.of(a, b, c)).evaluate(f -> Optional.of(t));
    var counted = ClaimsLedger.rollUp(entries);
    assertThat(counted).extracting(ClaimsLedger.Counted::id).containsExactly("g", "c");
    assertThat(counted.get(0).verdict()).isEqualTo(ClaimVerdict.MIXED);
    assertThat(counted.get(0).note()).isEqualTo("2 rows: 1 reproduces, 1 stronger on the JVM");
    assertThat(ClaimsLedger.tally(entries)).isEqualTo("2 claims (3 rows): 1 reproduces, 1 mixed");
    assertThat(ClaimsLedger.markdown(entries))
        .contains("| 2 rows below |", "| **mixed** |", "| ↳ a claim |", "| stronger on the JVM |");
    // Rows that agree give their common verdict; an unmeasured row does not make it mixed.
    Claim d = underGoClaim("d", "h", Map.of("size", "10000"));
    Claim e = underGoClaim("e", "h", Map.of("size", "7"));
    var agree = ClaimsLedger.rollUp(ClaimsLedger.of(List.of(d, e)).evaluate(f -> Optional.of(t)));
    assertThat(agree.get(0).verdict()).isEqualTo(ClaimVerdict.REPRODUCES);
    assertThat(agree.get(0).note()).isEqualTo("2 rows: 1 reproduces, 1 not measured");
  }

  private static Claim underGoClaim(String id, String goClaim, Map<String, String> params) {
    return new Claim(
        id,
        "a claim",
        "boxing",
        "IntegerSum",
        "pitfallList",
        "fixIntArray",
        params,
        "time",
        null,
        "3.8x",
        0.2625,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        goClaim,
        null,
        null,
        true,
        null,
        null,
        null);
  }

  @Test
  void withoutAFigureAFasterFixReproduces() {
    var e =
        ClaimsLedger.evaluate(
            claim("time", null), Optional.of(table("time", 0.5, 0.45, 0.55, Verdict.FASTER)));
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.REPRODUCES);
  }

  @Test
  void notMeasuredWithoutPairRunOrRow() {
    Claim noPair =
        new Claim("c2", "x", "presize", null, null, null, Map.of(), "time", null, "4x", 0.25);
    assertThat(ClaimsLedger.evaluate(noPair, Optional.empty()).verdict())
        .isEqualTo(ClaimVerdict.NOT_MEASURED);
    assertThat(ClaimsLedger.evaluate(claim("time", 0.5), Optional.empty()).verdict())
        .isEqualTo(ClaimVerdict.NOT_MEASURED);
    // The run has B/op rows only: no time row at the point.
    var e =
        ClaimsLedger.evaluate(
            claim("time", 0.5),
            Optional.of(table("gc.alloc.rate.norm", 0.2, 0.1, 0.3, Verdict.FASTER)));
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.NOT_MEASURED);
    assertThat(e.note()).contains("IntegerSum.pitfallList vs fixIntArray/size=10000");
  }

  @Test
  void evaluateAsksOnlyForFamiliesOfClaimsWithAPair() {
    Claim noPair =
        new Claim("c2", "x", "presize", null, null, null, Map.of(), "time", null, "4x", 0.25);
    Set<String> asked = new HashSet<>();
    var entries =
        ClaimsLedger.of(List.of(claim("time", 0.5), noPair))
            .evaluate(
                f -> {
                  asked.add(f);
                  return Optional.of(table("time", 0.4, 0.35, 0.45, Verdict.FASTER));
                });
    assertThat(asked).containsExactly("boxing");
    assertThat(entries)
        .extracting(ClaimsLedger.Entry::verdict)
        .containsExactly(ClaimVerdict.REPRODUCES, ClaimVerdict.NOT_MEASURED);
    assertThat(ClaimsLedger.tally(entries))
        .isEqualTo("2 claims (2 rows): 1 reproduces, 1 not measured");
    assertThat(ClaimsLedger.markdown(entries))
        .contains("| **reproduces** |", "| **not measured** |");
  }

  @Test
  void aClaimNoPairCanTestIsNotComparableWithItsReason() {
    Claim c =
        new Claim(
            "c3",
            "~14 reallocations",
            "presize",
            null,
            null,
            null,
            Map.of(),
            "time",
            null,
            "~14",
            null,
            null,
            "a count of the growth policy");
    var e = ClaimsLedger.evaluate(c, Optional.empty());
    assertThat(e.verdict()).isEqualTo(ClaimVerdict.NOT_COMPARABLE);
    assertThat(e.note()).isEqualTo("a count of the growth policy");
    assertThat(ClaimsLedger.markdown(List.of(e)))
        .contains("| **not comparable** |", "(no JVM pair can test it)");
    assertThatThrownBy(
            () ->
                new Claim(
                    "c4",
                    "x",
                    "presize",
                    "ListAppend",
                    "pitfallA",
                    "fixB",
                    Map.of(),
                    "time",
                    null,
                    "",
                    null,
                    null,
                    "why"))
        .hasMessageContaining("notComparable");
  }

  @Test
  void aClaimThatTheFixIsWorseReproducesOnlyWhenTheFixIsSlower() {
    Claim worse =
        new Claim(
            "c5",
            "a pool costs more than it saves",
            "boxing",
            "IntegerSum",
            "pitfallList",
            "fixIntArray",
            POINT,
            "time",
            null,
            "slower",
            null,
            Claim.WORSE,
            null);
    var slower =
        ClaimsLedger.evaluate(worse, Optional.of(table("time", 3.0, 2.5, 3.5, Verdict.SLOWER)));
    assertThat(slower.verdict()).isEqualTo(ClaimVerdict.REPRODUCES);
    assertThat(slower.note()).contains("significantly worse, as claimed");
    assertThat(
            ClaimsLedger.evaluate(worse, Optional.of(table("time", 0.5, 0.4, 0.6, Verdict.FASTER)))
                .verdict())
        .isEqualTo(ClaimVerdict.CONTRADICTED);
    assertThat(
            ClaimsLedger.evaluate(
                    worse, Optional.of(table("time", 0.99, 0.95, 1.03, Verdict.EQUIVALENT)))
                .verdict())
        .isEqualTo(ClaimVerdict.NO_EFFECT);
    var undecided =
        ClaimsLedger.evaluate(
            worse, Optional.of(table("time", 1.1, 0.8, 1.4, Verdict.NO_DIFFERENCE)));
    assertThat(undecided.verdict()).isEqualTo(ClaimVerdict.INCONCLUSIVE);
    assertThatThrownBy(
            () ->
                new Claim(
                    "c6",
                    "x",
                    "boxing",
                    "IntegerSum",
                    "pitfallList",
                    "fixIntArray",
                    POINT,
                    "time",
                    null,
                    "",
                    0.5,
                    Claim.WORSE,
                    null))
        .hasMessageContaining("takes no expectedRatio");
    assertThatThrownBy(
            () ->
                new Claim(
                    "c7",
                    "x",
                    "boxing",
                    "IntegerSum",
                    "pitfallList",
                    "fixIntArray",
                    POINT,
                    "time",
                    null,
                    "",
                    null,
                    "sideways",
                    null))
        .hasMessageContaining("expect must be");
  }

  @Test
  void rejectsAPairWithoutMethods(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("claims.json");
    Files.writeString(
        f,
        "{\"claims\": [{\"id\": \"x\", \"claim\": \"c\", \"family\": \"boxing\", \"pair\": \"IntegerSum\"}]}");
    assertThatThrownBy(() -> ClaimsLedger.read(f))
        .hasMessageContaining("names pair IntegerSum but not its pitfall and fix");
    Files.writeString(f, "[]");
    assertThatThrownBy(() -> ClaimsLedger.read(f)).hasMessageContaining("expected {\"claims\"");
  }

  @Test
  void theCommittedLedgerNamesRealPairsAndMethods() throws Exception {
    Path home = Path.of("..").toAbsolutePath().normalize();
    ClaimsLedger ledger = ClaimsLedger.load(home);
    assertThat(ledger.claims()).hasSizeGreaterThanOrEqualTo(15);
    assertThat(ledger.claims()).extracting(Claim::id).doesNotHaveDuplicates();
    var suites = SuiteCatalog.load(home.resolve("benchmarks/suites"));
    for (Claim c : ledger.claims()) {
      if (c.pair() == null) {
        continue;
      }
      var suite =
          suites.find(c.family()).orElseThrow(() -> new AssertionError("no suite " + c.family()));
      assertThat(suite.pairs()).extracting(PairSpec::className).as(c.id()).contains(c.pair());
      Path source =
          home.resolve(
              "benchmarks/src/main/java/org/pitfallatlas/" + c.family() + "/" + c.pair() + ".java");
      String java = Files.readString(source);
      if (c.measuresCpuShare()) {
        // A cpu share reads one method's profile.
        assertThat(java).as(c.id()).contains(" " + c.method() + "(");
      } else if (c.comparesConfigurations()) {
        // A configuration pair: its method exists, and the suite compares the same two sides.
        assertThat(java).as(c.id()).contains(" " + c.method() + "(");
        assertThat(suite.comparisons())
            .as(c.id() + ": a suite comparison with the claim's sides")
            .anySatisfy(
                k -> {
                  assertThat(k.pitfall()).isEqualTo(c.pitfallConfig());
                  assertThat(k.fix()).isEqualTo(c.fixConfig());
                  assertThat(k.pitfallParams()).isEqualTo(c.pitfallParams());
                  assertThat(k.fixParams()).isEqualTo(c.fixParams());
                });
      } else {
        assertThat(java).as(c.id()).contains(" " + c.pitfall() + "(", " " + c.fix() + "(");
      }
      // Every param is a field with an @Param annotation that lists the claim's value.
      c.params()
          .forEach(
              (p, v) ->
                  assertThat(java)
                      .as(c.id() + " @Param " + p + " = " + v)
                      .containsPattern(
                          "@Param\\(\\{[^}]*\""
                              + Pattern.quote(v)
                              + "\"[^}]*\\}\\)\\s+(public\\s+)?[\\w.<>]+\\s+"
                              + p
                              + ";"));
    }
    // A claim no pair can test says why; the families with notebooks leave none "not measured".
    for (Claim c : ledger.claims()) {
      if (List.of("boxing", "presize", "strings", "fanin", "pool").contains(c.family())) {
        assertThat(c.pair() != null || c.notComparable() != null)
            .as(c.id() + ": names a pair or says why none can test it")
            .isTrue();
      }
    }
  }

  @Test
  void aConfigurationClaimFindsItsRowInTheConfigurationPairsTable() {
    // The gc rows of benchmarks/claims.json, against the trimmed gc smoke run.
    ClaimsLedger ledger = ClaimsLedger.load(AtlasPaths.home());
    // A smoke run of the open-loop design (1 fork, one 200 ms window per configuration and load).
    Table gc =
        FamilyReport.load("gc", org.pitfallatlas.analysis.Testdata.path("run-gc-openloop")).table();
    List<Claim> claims = ledger.claims("gc");
    assertThat(claims).extracting(Claim::id).contains("gc-headroom", "gc-allocation-p99");
    for (Claim c : claims) {
      // gc-allocation-p99 is a method pair (AllocationLatency) inside one configuration; its row
      // is in the same table as the configuration pairs.
      assertThat(c.comparesConfigurations()).isEqualTo(!c.pair().equals("AllocationLatency"));
      var e = ClaimsLedger.evaluate(c, Optional.of(gc));
      assertThat(e.row()).as(c.label()).isPresent();
      // A smoke run has one iteration per side: never a verdict from that.
      assertThat(e.verdict()).isEqualTo(ClaimVerdict.INCONCLUSIVE);
    }
    Claim headroom = claims.stream().filter(c -> c.id().equals("gc-headroom")).findFirst().get();
    assertThat(headroom.label())
        .isEqualTo("ServiceLatency.openLoop g1-2x vs g1-4x/garbageKiB=64/liveSetMiB=128/load=0.5");
  }

  @Test
  void theCommittedLedgerReadsEachFigureAsItsTextSays() {
    ClaimsLedger ledger = ClaimsLedger.load(AtlasPaths.home());
    for (Claim c : ledger.claims()) {
      if (c.expectedRatio() == null && c.expectedRange() == null && c.expectedShare() == null) {
        continue;
      }
      String f = c.sourceFigure().toLowerCase(java.util.Locale.ROOT);
      String kind =
          f.startsWith("up to")
              ? Claim.UP_TO
              : f.startsWith("~")
                  ? Claim.ABOUT
                  : f.matches(".*\\d%? to -?\\d.*|.*\\d\\s*[–-]\\s*\\d.*")
                      ? Claim.RANGE
                      : Claim.EXACT;
      assertThat(c.figure()).as(c.id() + ": \"" + c.sourceFigure() + "\"").isEqualTo(kind);
    }
    // Rows under one Go claim share its figure, and the claim they name is one of them.
    var byGoClaim =
        ledger.claims().stream().collect(java.util.stream.Collectors.groupingBy(Claim::countedAs));
    byGoClaim.forEach(
        (id, rows) -> {
          assertThat(rows).extracting(Claim::id).as(id).contains(id);
          assertThat(rows)
              .extracting(Claim::sourceFigure)
              .as(id)
              .containsOnly(rows.get(0).sourceFigure());
        });
    assertThat(byGoClaim.get("boxing-concrete-types")).hasSize(3);
  }

  @Test
  void aConfigurationClaimNeedsItsMethodAndBothConfigurations() {
    assertThatThrownBy(
            () ->
                new Claim(
                    "g",
                    "x",
                    "gc",
                    "ServiceHeap",
                    null,
                    null,
                    Map.of(),
                    "p99",
                    null,
                    "",
                    null,
                    null,
                    null,
                    null,
                    "g1-2x",
                    "g1-4x",
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method, pitfallConfig and fixConfig");
  }
}
