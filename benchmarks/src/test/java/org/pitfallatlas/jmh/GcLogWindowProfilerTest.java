package org.pitfallatlas.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogWindowProfilerTest {

  @Test
  void findsTheGcLogFilesOfTheForkFlags() {
    List<String> args =
        List.of(
            "-Xmx256m",
            "-Xlog:gc*,gc+cpu=info:file=/run/gc/g1-2x/ServiceHeap.baselineLatency-%p.log",
            "-Xlog:safepoint:file=/tmp/sp.log:uptime:filecount=0",
            "-Xlog:gc:file=\"/tmp/with space-%p.log\"",
            "-Xlog:gc:file=/tmp/%t.log",
            "-Xlog:gc:stdout");
    assertThat(GcLogWindowProfiler.logFiles(args, 4242))
        .containsExactly(
            Path.of("/run/gc/g1-2x/ServiceHeap.baselineLatency-4242.log"),
            Path.of("/tmp/sp.log"),
            Path.of("/tmp/with space-4242.log"));
  }
}
