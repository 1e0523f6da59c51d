package org.pitfallatlas.analysis.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.analysis.stats.ForkRatio;

/**
 * Reads logs in the format {@code org.pitfallatlas.load.LatencyLog} writes (its own test reads them
 * back with HdrHistogram; ReadmeIT and the gc run write real ones).
 */
class LatencyLogsTest {

  private static final long MS = 1_000_000;

  /**
   * A fork's log: one warm-up and two measured iterations, each with {@code perIteration} values.
   */
  static String log(double rate, long[] latenciesNs, boolean saturateLast) {
    return log(rate, latenciesNs, saturateLast, false);
  }

  /** The same, the last measured iteration marked as a burst window when {@code burstLast}. */
  static String log(double rate, long[] latenciesNs, boolean saturateLast, boolean burstLast) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.US_ASCII);
    HistogramLogWriter w = new HistogramLogWriter(out);
    w.outputLogFormatVersion();
    w.outputComment("atlas benchmark=org.pitfallatlas.gc.ServiceLatency.openLoop");
    w.outputComment("atlas param.garbageKiB=64");
    w.outputComment("atlas param.load=0.75");
    w.outputComment("atlas param.rate=" + rate);
    w.outputComment("atlas param.windowMs=1000");
    w.outputComment("atlas unit=ns");
    w.outputStartTime(1_700_000_000_000L);
    w.outputLegend();
    for (int i = 0; i < 3; i++) {
      boolean warmup = i == 0;
      boolean saturated = saturateLast && i == 2;
      String prefix = warmup ? "warmup-" : "";
      w.outputComment(
          "atlas "
              + prefix
              + "iteration scheduled=100 served="
              + (saturated ? 60 : 100)
              + " maxQueuedNs=5000 elapsedNs=1000000000"
              + (saturated ? " saturated" : "")
              + (burstLast && i == 2 ? " burst" : ""));
      Histogram lat = new Histogram(3);
      for (long v : latenciesNs) {
        lat.recordValue(warmup ? v * 10 : v);
      }
      lat.setTag(prefix + "latency");
      w.outputIntervalHistogram(2.5 + i, 3.5 + i, lat, 1.0);
      Histogram stall = new Histogram(3);
      stall.recordValue(50_000);
      stall.setTag(prefix + "stall");
      w.outputIntervalHistogram(2.5 + i, 3.5 + i, stall, 1.0);
    }
    out.flush();
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void readsIterationsAndMergesTheMeasuredOnes(@TempDir Path run) throws Exception {
    Path g1 = Files.createDirectories(run.resolve("latency/g1-2x"));
    Files.writeString(g1.resolve("a-101.hlog"), log(5000, new long[] {MS, 2 * MS, 90 * MS}, false));
    Files.writeString(g1.resolve("a-102.hlog"), log(5000, new long[] {MS, 2 * MS, 60 * MS}, false));
    Path z = Files.createDirectories(run.resolve("latency/zgc-2x"));
    Files.writeString(z.resolve("a-201.hlog"), log(5000, new long[] {MS, MS, 3 * MS}, true));

    List<LatencyLogs.Fork> forks = LatencyLogs.read(run);
    assertThat(forks).hasSize(3);
    LatencyLogs.Fork f = forks.get(0);
    assertThat(f.config()).isEqualTo("g1-2x");
    assertThat(f.benchmark()).isEqualTo("org.pitfallatlas.gc.ServiceLatency.openLoop");
    assertThat(f.point()).containsExactly(Map.entry("garbageKiB", "64"), Map.entry("load", "0.75"));
    assertThat(f.rate()).isEqualTo(5000.0);
    assertThat(f.iterations()).hasSize(3);
    assertThat(f.iterations().get(0).warmup()).isTrue();
    assertThat(f.iterations().get(1).startSeconds()).isCloseTo(3.5, within(1e-9));
    assertThat(f.iterations().get(1).endSeconds()).isCloseTo(4.5, within(1e-9));
    // The warm-up's ten-times-larger values are not in the merged histogram.
    assertThat(f.latency().getTotalCount()).isEqualTo(6);
    assertThat((double) f.latency().getMaxValue()).isCloseTo(90 * MS, within(0.001 * 90 * MS));
    assertThat(f.saturated()).isFalse();
    assertThat(forks.get(2).saturated()).isTrue();

    List<LatencySummary> s = LatencySummary.of(forks);
    assertThat(s).hasSize(2);
    LatencySummary g = s.get(0);
    assertThat(g.forks()).isEqualTo(2);
    assertThat(g.latency().getTotalCount()).isEqualTo(12);
    assertThat(g.millis(100)).isCloseTo(90, within(0.1));
    assertThat(g.scheduled()).isEqualTo(400);
    assertThat(g.served()).isEqualTo(400);
    assertThat(g.saturated()).isFalse();
    assertThat(g.forkMillis(100)).containsExactly(new double[] {90, 60}, within(0.1));
    double[] ci = g.forkInterval(100, 0.95);
    assertThat(ci[0]).isLessThan(60);
    assertThat(ci[1]).isGreaterThan(90);
    assertThat(g.stallMillis(100)).isCloseTo(0.05, within(0.001));

    LatencySummary zs = s.get(1);
    assertThat(zs.saturated()).isTrue();
    assertThat(zs.served()).isEqualTo(160);
    ForkRatio.Result r = g.compare(zs, 50, 0.95);
    assertThat(r.ratio()).isGreaterThan(0);
  }

  @Test
  void aBurstWindowIsKeptApartFromTheSteadyOnes(@TempDir Path run) throws Exception {
    Path z = Files.createDirectories(run.resolve("latency/zgc-2x"));
    Files.writeString(z.resolve("b-1.hlog"), log(5000, new long[] {MS, 2 * MS}, false, true));
    LatencyLogs.Fork f = LatencyLogs.read(run).get(0);
    assertThat(f.steady()).hasSize(1);
    assertThat(f.bursts()).hasSize(1);
    assertThat(f.latency().getTotalCount()).isEqualTo(2);
    assertThat(f.burstLatency().getTotalCount()).isEqualTo(2);
    LatencySummary s = LatencySummary.of(List.of(f)).get(0);
    assertThat(s.hasBurst()).isTrue();
    assertThat(s.forkIterationP99().get(0)).hasSize(1);
    assertThat(s.burstMillis(100)).isCloseTo(2, within(0.01));

    Files.writeString(z.resolve("b-2.hlog"), log(5000, new long[] {MS}, false, false));
    LatencySummary plain = LatencySummary.of(List.of(LatencyLogs.read(run).get(1))).get(0);
    assertThat(plain.hasBurst()).isFalse();
  }

  @Test
  void aLogCutShortIsNamed(@TempDir Path run) throws Exception {
    Path g1 = Files.createDirectories(run.resolve("latency/g1-2x"));
    String full = log(5000, new long[] {MS}, false);
    // Drop the last stall histogram, as a fork killed mid-write would.
    String cut = full.substring(0, full.lastIndexOf("Tag=stall"));
    Files.writeString(g1.resolve("a-7.hlog"), cut);
    assertThatThrownBy(() -> LatencyLogs.read(run))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a-7.hlog")
        .hasMessageContaining("cut short");
  }

  @Test
  void aRunWithoutLatencyLogsHasNone(@TempDir Path run) throws Exception {
    assertThat(LatencyLogs.read(run)).isEmpty();
  }
}
