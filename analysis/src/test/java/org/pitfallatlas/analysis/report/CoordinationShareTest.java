package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;

/** The coordination share is read off a run against its serial control, point by point. */
class CoordinationShareTest {

  private static final String CLS = "org.pitfallatlas.fanin.FanInResults";

  private static JmhResult result(String method, String work, String executor, double... values) {
    return new JmhResult(
        CLS + "." + method,
        "avgt",
        Map.of("executor", executor, "tasks", "1000", "workMicros", work),
        "default",
        new JmhMetric("primary", "us/op", new double[][] {values}, null),
        Map.of());
  }

  @Test
  void theShareIsTheParallelTimeNotExplainedBySerialOverCores() {
    // 1000 us of work on 2 cores: ideally 500 us. 625 us parallel -> 20% coordination.
    assertThat(CoordinationShare.share(1000, 625, 2)).isCloseTo(0.20, offset(1e-12));
    assertThat(CoordinationShare.share(1000, 500, 2)).isZero();
    // A starved serial control (a loaded machine) gives a negative share: no meaning, shown as is.
    assertThat(CoordinationShare.share(3000, 1000, 2)).isNegative();
    assertThat(CoordinationShare.share(0, 625, 2)).isNaN();
    assertThat(CoordinationShare.share(1000, 625, Double.NaN)).isNaN();
  }

  @Test
  void everyParallelVariantIsMatchedWithTheSerialControlAtItsOwnPoint() {
    JmhRun run =
        new JmhRun(
            Path.of("results.json"),
            "run",
            List.of(
                result("baselineSerial", "1", "PLATFORM", 990, 1000, 1010),
                result("pitfallResultQueue", "1", "PLATFORM", 900, 1000, 1100),
                result("fixIndexedArray", "1", "PLATFORM", 600, 625, 650),
                result("baselineSerial", "10", "PLATFORM", 10_000),
                result("fixIndexedArray", "10", "PLATFORM", 5_050),
                // No serial control at this point: nothing to compute.
                result("fixIndexedArray", "1", "VIRTUAL", 700)));
    List<CoordinationShare> shares = CoordinationShare.of(run, "baselineSerial", 2);
    assertThat(shares)
        .extracting(CoordinationShare::method)
        .containsExactly("pitfallResultQueue", "fixIndexedArray", "fixIndexedArray");
    assertThat(shares.get(0).serial()).isEqualTo(1000);
    assertThat(shares.get(0).share()).isCloseTo(0.5, offset(1e-12));
    assertThat(shares.get(1).share()).isCloseTo(0.2, offset(1e-12));
    assertThat(shares.get(2).params()).containsEntry("workMicros", "10");
    assertThat(shares.get(2).share()).isCloseTo(0.05 / 5.05, offset(1e-12));
    String md = CoordinationShare.markdown(shares);
    assertThat(md)
        .contains(
            "| executor=PLATFORM tasks=1000 workMicros=1 | fixIndexedArray | 1000 us/op | 500 us/op"
                + " | 625 us/op | 20 % |");
    assertThat(CoordinationShare.markdown(List.of())).contains("no serial control");
  }

  private static JmhResult forks(String method, double[]... forks) {
    return new JmhResult(
        CLS + "." + method,
        "avgt",
        Map.of("executor", "PLATFORM", "tasks", "1000", "workMicros", "1"),
        "default",
        new JmhMetric("primary", "us/op", forks, null),
        Map.of());
  }

  @Test
  void theForkEstimateHasAnIntervalThatMapsTheRatiosInterval() {
    // Serial ~1000 us in every fork, parallel 600-650 us: share 1 - 1000 / (2 x ~625) = ~20%.
    JmhResult serial =
        forks(
            "baselineSerial",
            new double[] {1000, 1000, 1000, 1000},
            new double[] {990, 990, 990, 990},
            new double[] {1010, 1010, 1010, 1010});
    JmhResult parallel =
        forks(
            "pitfallResultChannel",
            new double[] {600, 600, 600, 600},
            new double[] {625, 625, 625, 625},
            new double[] {650, 650, 650, 650});
    double[] e = CoordinationShare.forkEstimate(serial, parallel, 2);
    assertThat(e[0]).isCloseTo(0.20, offset(0.005));
    assertThat(e[1]).isLessThan(e[0]);
    assertThat(e[2]).isGreaterThan(e[0]);
    // The ends are those of the ratio serial/parallel's 95% interval, through 1 - r / 2.
    var r =
        org.pitfallatlas.analysis.stats.ForkRatio.withConfidence(0.95)
            .compare(new double[] {600, 625, 650}, new double[] {1000, 990, 1010});
    assertThat(e[1]).isCloseTo(1 - r.hi() / 2, offset(1e-9));
    assertThat(e[2]).isCloseTo(1 - r.lo() / 2, offset(1e-9));
    // One fork a side: an estimate without an interval; unknown cores: nothing.
    double[] one =
        CoordinationShare.forkEstimate(
            forks("baselineSerial", new double[] {1000, 1000, 1000, 1000}),
            forks("pitfallResultChannel", new double[] {625, 625, 625, 625}),
            2);
    assertThat(one[0]).isCloseTo(0.20, offset(1e-9));
    assertThat(one[1]).isNaN();
    assertThat(CoordinationShare.forkEstimate(serial, parallel, Double.NaN)[0]).isNaN();
  }

  @Test
  void coresComeFromTheRunsEnvJson(@TempDir Path dir) throws Exception {
    assertThat(CoordinationShare.cores(dir)).isNaN();
    Files.writeString(
        dir.resolve("env.json"),
        "{\"machine\": {\"logicalCpus\": 8, \"containerLimits\": {\"cpuLimit\": null}}}");
    assertThat(CoordinationShare.cores(dir)).isEqualTo(8);
    Files.writeString(
        dir.resolve("env.json"),
        "{\"machine\": {\"logicalCpus\": 8, \"containerLimits\": {\"cpuLimit\": 1.5}}}");
    assertThat(CoordinationShare.cores(dir)).isEqualTo(1.5);
  }
}
