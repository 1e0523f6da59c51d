package org.pitfallatlas.analysis.gclog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogsTest {

  private static final Path ZGC = Path.of("src/test/resources/gclog/zgc-jdk25.log");

  @Test
  void compressedLogsSummariseLikeTheOriginals(@TempDir Path run) throws Exception {
    Path dir = Files.createDirectories(run.resolve("gc/zgc-2x"));
    Files.copy(ZGC, dir.resolve("ServiceHeap.baselineLatency_garbageKiB=4-101.log"));
    Files.writeString(dir.resolve("ServiceHeap.baselineLatency_garbageKiB=4-101.log.window"), "");
    GcLogSummary before = GcLogParser.parse(ZGC);

    GcLogs.compress(dir);

    assertThat(dir.resolve("ServiceHeap.baselineLatency_garbageKiB=4-101.log")).doesNotExist();
    Path gz = dir.resolve("ServiceHeap.baselineLatency_garbageKiB=4-101.log.gz");
    assertThat(gz).isRegularFile();
    assertThat(Files.size(gz)).isLessThan(Files.size(ZGC) / 3);
    Map<String, Map<String, GcLogSummary>> all = GcLogs.summarizeRun(run.resolve("gc"));
    GcLogSummary after = all.get("zgc-2x").get("ServiceHeap.baselineLatency_garbageKiB=4");
    assertThat(after.pauseCount()).isEqualTo(before.pauseCount()).isPositive();
    assertThat(after.allocationStallCount()).isEqualTo(before.allocationStallCount());
    assertThat(after.collector()).isEqualTo("ZGC");
  }

  @Test
  void stemNamesParamsInKeyOrder() {
    assertThat(
            GcLogs.stem(
                "org.pitfallatlas.gc.ServiceHeap.baselineLatency",
                new java.util.LinkedHashMap<>(Map.of("liveSetMiB", "128", "garbageKiB", "4"))))
        .isEqualTo("ServiceHeap.baselineLatency_garbageKiB=4_liveSetMiB=128");
  }
}
