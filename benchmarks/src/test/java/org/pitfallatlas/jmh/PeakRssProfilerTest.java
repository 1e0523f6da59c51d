package org.pitfallatlas.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;

class PeakRssProfilerTest {

  @Test
  void readsVmHwmInKib() {
    List<String> status =
        List.of("Name:\tjava", "VmPeak:\t 5000000 kB", "VmHWM:\t  262144 kB", "VmRSS:\t 200000 kB");
    assertThat(PeakRssProfiler.parseVmHwmKib(status)).hasValue(262144);
    assertThat(PeakRssProfiler.parseVmHwmKib(List.of("VmRSS:\t 1 kB"))).isEmpty();
    assertThat(PeakRssProfiler.parseVmHwmKib(List.of("VmHWM:\t lots kB"))).isEmpty();
  }

  @Test
  void reportsPeakRssInMb(@TempDir Path dir) throws Exception {
    Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmHWM:\t  262144 kB\n");
    Collection<? extends Result> results =
        new PeakRssProfiler(status).afterIteration(null, null, null);
    assertThat(results).hasSize(1);
    Result r = results.iterator().next();
    assertThat(r.getLabel()).isEqualTo("rss.peak");
    assertThat(r.getScore()).isEqualTo(256.0);
    assertThat(r.getScoreUnit()).isEqualTo("MB");
    assertThat(r.getStatistics().getMax()).isEqualTo(256.0);
  }

  @Test
  void reportsNothingWhereProcIsAbsent(@TempDir Path dir) {
    PeakRssProfiler p = new PeakRssProfiler(dir.resolve("no-such-status"));
    assertThat(p.afterIteration(null, null, null)).isEmpty();
    assertThat(p.afterIteration(null, null, null)).isEmpty();
  }

  @Test
  void readsThisProcessOnLinux() {
    Assumptions.assumeTrue(
        Files.isReadable(Path.of("/proc/self/status")), "no /proc/self/status on this OS");
    // This JVM has touched at least its own loaded classes and heap: well over 10 MB resident.
    assertThat(new PeakRssProfiler().peakKib().orElseThrow()).isGreaterThan(10 * 1024);
  }
}
