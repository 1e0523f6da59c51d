package org.pitfallatlas.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.load.LatencyLog;

/** The burst is one measurement window, marked in the log, whose requests allocate 10x. */
class BurstLatencyTest {

  @AfterEach
  void clear() {
    System.clearProperty(LatencyLog.PROPERTY);
    System.clearProperty(OpenLoopService.WINDOW_PROPERTY);
    System.clearProperty(OpenLoopService.CAPACITY_PROPERTY);
  }

  @Test
  void theSecondMeasuredWindowIsTheBurst(@TempDir Path dir) throws Exception {
    System.setProperty(LatencyLog.PROPERTY, dir.resolve("zgc-2x/burst-%p.hlog").toString());
    System.setProperty(OpenLoopService.WINDOW_PROPERTY, "100");
    System.setProperty(OpenLoopService.CAPACITY_PROPERTY, "2000");
    BurstLatency b = new BurstLatency();
    b.garbageKiB = 4;
    b.burstFactor = 10;
    b.setUp(
        "org.pitfallatlas.gc.BurstLatency.openLoop",
        Map.of("liveSetMiB", "1", "garbageKiB", "4", "load", "0.5", "burstFactor", "10"));
    long sum = 0;
    boolean[] warmup = {true, false, false, false};
    long[] served = new long[warmup.length];
    for (int window = 0; window < warmup.length; window++) {
      b.startIteration(warmup[window]);
      sum += b.openLoop();
      // On a loaded machine a window may end with requests still queued (saturated): the
      // checksum covers the requests it served, in order.
      served[window] = b.last.served();
      assertThat(served[window]).as("requests served in window %d", window).isPositive();
      b.endIteration(warmup[window]);
    }
    b.tearDown();

    // 4 windows of 100 ms at 1000/s; the third window (second measured) at 40 KiB per request.
    ServiceHeap direct = new ServiceHeap();
    direct.liveSetMiB = 1;
    direct.garbageKiB = 4;
    direct.setUp();
    long expected = 0;
    for (int window = 0; window < 4; window++) {
      for (int i = 0; i < served[window]; i++) {
        expected += window == 2 ? direct.serve(40) : direct.serve();
      }
    }
    assertThat(sum).isEqualTo(expected);

    Path log;
    try (var files = Files.list(dir.resolve("zgc-2x"))) {
      log = files.findFirst().orElseThrow();
    }
    assertThat(Files.readAllLines(log).stream().filter(l -> l.startsWith("#atlas ")))
        .filteredOn(l -> l.contains("iteration "))
        .extracting(l -> l.endsWith(" burst"))
        .containsExactly(false, false, true, false);
  }
}
