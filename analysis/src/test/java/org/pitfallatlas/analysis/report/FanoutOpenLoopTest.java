package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.Testdata;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhReader;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.latency.LatencyLogs;
import org.pitfallatlas.analysis.latency.LatencySummary;
import org.pitfallatlas.analysis.latency.OpenLoopResults;

/**
 * fanout's BoundedConcurrency through the open-loop path: its iteration lines' counts (rejected, in
 * flight) become per-fork metrics beside the latencies, the unbounded methods that saturated at
 * load 1.5 have no latency result and are named as saturated by the report and the claims ledger.
 * The fixture is a smoke run (1 fork, one 300 ms window per point, a loaded machine: the bounded
 * pool rejected 4.7% at load 0.5 there, when slow wake-ups doubled the downstream's time).
 */
class FanoutOpenLoopTest {

  private static final Path RUN = Testdata.path("run-fanout-openloop");

  private static final String CLASS = "org.pitfallatlas.fanout.BoundedConcurrency.";

  private static Optional<JmhResult> result(List<JmhResult> results, String method, String load) {
    return results.stream()
        .filter(
            r -> r.benchmark().equals(CLASS + method) && r.params().equals(Map.of("load", load)))
        .findFirst();
  }

  private static double fork(JmhResult r, String metric) {
    JmhMetric m = r.secondary().get(metric);
    assertThat(m).as(r.benchmark() + " " + metric).isNotNull();
    return m.perIteration()[0][0];
  }

  @Test
  void theIterationLinesCountsAreReadAndTheGcFamilysLinesHaveNone() throws Exception {
    List<LatencyLogs.Fork> forks = LatencyLogs.read(RUN);
    assertThat(forks).hasSize(8);
    for (LatencyLogs.Fork f : forks) {
      for (LatencyLogs.Iteration i : f.iterations()) {
        assertThat(i.counts())
            .containsKeys(
                "rejected", "unfinished", "inflightPeak", "inflightMean", "inflightLittle");
        // Every scheduled request is served, rejected or unfinished.
        assertThat(i.served() + i.counts().get("rejected") + i.counts().get("unfinished"))
            .isEqualTo((double) i.scheduled());
        assertThat(i.saturated()).isEqualTo(i.counts().get("unfinished") > 0);
      }
    }
    for (LatencyLogs.Fork f : LatencyLogs.read(Testdata.path("run-gc-openloop"))) {
      f.iterations().forEach(i -> assertThat(i.counts()).isEmpty());
    }
  }

  @Test
  void theFixesKeepUpAboveCapacityByRejectingAndTheUnboundedMethodsSaturate() {
    List<JmhResult> results = JmhReader.read(RUN).results();
    assertThat(results).allMatch(r -> r.mode().equals(OpenLoopResults.MODE));
    for (String fix : List.of("fixBoundedPool", "fixVirtualSemaphore")) {
      JmhResult over = result(results, fix, "1.5").orElseThrow();
      assertThat(fork(over, "rejected")).as(fix).isPositive();
      assertThat(fork(over, "inflight.peak")).as(fix).isLessThanOrEqualTo(32);
      assertThat(fork(over, "unfinished")).as(fix).isZero();
      JmhResult under = result(results, fix, "0.5").orElseThrow();
      // Little's law below capacity: what the arrivals saw and what λW implies agree roughly.
      assertThat(fork(under, "inflight.little") / fork(under, "inflight.mean"))
          .as(fix)
          .isBetween(0.7, 1.4);
      // The peak RSS comes from the log's iteration lines (VmHWM), in MB.
      assertThat(fork(over, "rss.peak")).as(fix).isGreaterThan(128);
    }
    for (String pitfall : List.of("pitfallThreadPerTask", "pitfallVirtualThreadPerTask")) {
      assertThat(result(results, pitfall, "1.5")).as(pitfall).isEmpty();
      // Unbounded: nothing is ever rejected.
      assertThat(fork(result(results, pitfall, "0.5").orElseThrow(), "rejected")).isZero();
    }
  }

  @Test
  void theReportAndTheRunSummaryNameTheSaturatedMethods() throws Exception {
    assertThat(OpenLoopResults.saturated(RUN))
        .containsExactlyInAnyOrder(
            "BoundedConcurrency.pitfallThreadPerTask {load=1.5}",
            "BoundedConcurrency.pitfallVirtualThreadPerTask {load=1.5}");
    FamilyReport report = FamilyReport.load("fanout", RUN);
    String text = report.openLoop().text();
    assertThat(text)
        .contains("BoundedConcurrency {load=1.5}")
        .contains("| pitfallVirtualThreadPerTask | 1 |")
        .contains("**saturated**")
        .contains("unfinished after the grace period");
    LatencySummary pool =
        report
            .openLoopSummary(
                "BoundedConcurrency", "fixBoundedPool", Map.of("load", "1.5"), "default")
            .orElseThrow();
    assertThat(pool.saturated()).isFalse();
    assertThat(pool.forkCounts("rejected")[0]).isPositive();
  }

  @Test
  void aSaturatedPitfallBesideAFixThatKeptUpReproducesTheOverloadClaim() {
    ClaimsLedger ledger = ClaimsLedger.load(AtlasPaths.home());
    FamilyReport report = FamilyReport.load("fanout", RUN);
    List<Claim> claims =
        ledger.claims("fanout").stream()
            .filter(c -> "BoundedConcurrency".equals(c.pair()))
            .toList();
    assertThat(claims).extracting(Claim::id).contains("fanout-bounded-overload");
    for (Claim c : claims) {
      // Without the logs, the table alone has no row (the pitfall has no latency result).
      assertThat(ClaimsLedger.evaluate(c, Optional.of(report.table())).verdict())
          .isEqualTo(ClaimVerdict.NOT_MEASURED);
      ClaimsLedger.Entry e =
          ClaimsLedger.evaluate(c, Optional.of(report.table()), Optional.of(report));
      assertThat(e.verdict()).as(c.id()).isEqualTo(ClaimVerdict.REPRODUCES);
      assertThat(e.note()).contains(c.pitfall() + " is saturated").contains(c.fix() + " kept up");
    }
  }
}
