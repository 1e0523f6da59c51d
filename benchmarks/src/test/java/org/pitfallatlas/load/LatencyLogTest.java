package org.pitfallatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyLogTest {

  @Test
  void writesTaggedIntervalsThatHdrHistogramReadsBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("g1-2x/openLoop-123.hlog");
    Histogram latency = new Histogram(3);
    latency.recordValue(4_000);
    latency.recordValue(90_000_000);
    Histogram stall = new Histogram(3);
    stall.recordValue(60_000);
    try (LatencyLog log =
        LatencyLog.open(
            file, "org.pitfallatlas.gc.ServiceLatency.openLoop", Map.of("rate", "5000"))) {
      log.comment("iteration scheduled=2 served=2");
      log.write(LatencyLog.WARMUP + LatencyLog.LATENCY, latency, 1.0, 2.0);
      log.write(LatencyLog.LATENCY, latency, 2.0, 3.0);
      log.write(LatencyLog.STALL, stall, 2.0, 3.0);
    }
    String text = Files.readString(file);
    assertThat(text)
        .contains(
            "#atlas benchmark=org.pitfallatlas.gc.ServiceLatency.openLoop",
            "#atlas param.rate=5000",
            "#atlas unit=ns",
            "#atlas iteration scheduled=2 served=2");

    List<String> tags = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    long max = 0;
    HistogramLogReader reader = new HistogramLogReader(file.toFile());
    while (reader.hasNext()) {
      Histogram h = (Histogram) reader.nextIntervalHistogram();
      if (h == null) {
        break;
      }
      tags.add(h.getTag());
      counts.add(h.getTotalCount());
      max = Math.max(max, h.getMaxValue());
    }
    reader.close();
    assertThat(tags).containsExactly("warmup-latency", "latency", "stall");
    assertThat(counts).containsExactly(2L, 2L, 1L);
    assertThat(max).isBetween(89_900_000L, 90_100_000L);
  }

  @Test
  void neverOverwritesALog(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("x.hlog");
    Files.writeString(file, "an earlier run's log\n");
    assertThatThrownBy(() -> LatencyLog.open(file, "b", Map.of()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("must not exist yet");
    assertThat(Files.readString(file)).isEqualTo("an earlier run's log\n");
  }

  @Test
  void withoutThePropertyNothingIsWritten() {
    System.clearProperty(LatencyLog.PROPERTY);
    assertThat(LatencyLog.fromSystemProperty("b", Map.of())).isNull();
  }
}
