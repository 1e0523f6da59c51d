package org.pitfallatlas.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.load.LatencyLog;

/** The open-loop benchmark serves ServiceHeap's requests, in order, and logs every one. */
class ServiceLatencyTest {

  @AfterEach
  void clear() {
    System.clearProperty(LatencyLog.PROPERTY);
    System.clearProperty(ServiceLatency.WINDOW_PROPERTY);
    System.clearProperty(ServiceLatency.CAPACITY_PROPERTY);
  }

  @Test
  void withoutACapacityItSaysHowToGiveOne() {
    assertThatThrownBy(() -> ServiceLatency.capacity(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("atlas.capacity")
        .hasMessageContaining("-jvmArgsAppend -Datlas.capacity=<requests per second>");
    assertThatThrownBy(() -> ServiceLatency.capacity("fast")).hasMessageContaining("not 'fast'");
    assertThatThrownBy(() -> ServiceLatency.capacity("-5")).hasMessageContaining("positive");
    assertThat(ServiceLatency.capacity(" 8000 ")).isEqualTo(8000);
  }

  @Test
  void servesTheSameRequestsAsServiceHeap(@TempDir Path dir) throws Exception {
    System.setProperty(LatencyLog.PROPERTY, dir.resolve("g1-2x/openLoop-%p.hlog").toString());
    System.setProperty(ServiceLatency.WINDOW_PROPERTY, "100");
    System.setProperty(ServiceLatency.CAPACITY_PROPERTY, "4000");
    ServiceLatency b = new ServiceLatency();
    b.setUp(
        "org.pitfallatlas.gc.ServiceLatency.openLoop",
        Map.of("liveSetMiB", "1", "garbageKiB", "4", "load", "0.5"));
    assertThat(b.rate).isEqualTo(2000);
    long sum = 0;
    for (int iteration = 0; iteration < 3; iteration++) {
      b.startIteration(iteration == 0);
      sum += b.openLoop();
      assertThat(b.last.saturated()).as("2000 requests/s of a 1 MiB live set").isFalse();
      b.endIteration(iteration == 0);
    }
    b.tearDown();

    // 3 windows of 100 ms at 2000/s: 600 requests, the same ones ServiceHeap serves.
    ServiceHeap direct = new ServiceHeap();
    direct.liveSetMiB = 1;
    direct.garbageKiB = 4;
    direct.setUp();
    long expected = 0;
    for (int i = 0; i < 600; i++) {
      expected += direct.serve();
    }
    assertThat(sum).isEqualTo(expected);

    Path log;
    try (var files = Files.list(dir.resolve("g1-2x"))) {
      log = files.findFirst().orElseThrow();
    }
    assertThat(log.getFileName().toString())
        .isEqualTo("openLoop-" + ProcessHandle.current().pid() + ".hlog");
    String text = Files.readString(log);
    assertThat(text)
        .contains("#atlas param.load=0.5", "#atlas param.rate=2000.0", "#atlas param.windowMs=100");
    assertThat(text).contains("#atlas warmup-iteration scheduled=200 served=200");
    List<String> tags = new ArrayList<>();
    long latencies = 0;
    HistogramLogReader reader = new HistogramLogReader(log.toFile());
    Histogram h;
    while ((h = (Histogram) reader.nextIntervalHistogram()) != null) {
      tags.add(h.getTag());
      if (h.getTag().equals(LatencyLog.LATENCY)) {
        latencies += h.getTotalCount();
      }
    }
    reader.close();
    assertThat(tags)
        .containsExactly("warmup-latency", "warmup-stall", "latency", "stall", "latency", "stall");
    assertThat(latencies).isEqualTo(400);
  }
}
