package org.pitfallatlas.analysis.gclog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.analysis.gclog.GcLogSummary.CpuShareSource;

/**
 * Reference values for the fixture logs in src/test/resources/gclog, real logs made on this machine
 * (Temurin 25.0.3 and OpenJDK 17.0.15, 2 CPUs) and trimmed by up-time. The JDK 25 logs come from
 * ServiceHeap (live set 128 MiB, -Xms = -Xmx) with -Xlog:gc*,gc+cpu=info; the JDK 17 ones from a
 * small churn program with -Xmx96m. Every number below was computed by hand, without the parser:
 *
 * <pre>
 * # pauses of G1/Parallel/Serial: the [gc] lines closing a pause
 * grep -E '\]\[gc +\] GC\([0-9]+\) Pause .* [0-9.]+ms$' F | awk '{print $NF}' | sed 's/ms//' \
 *   | sort -g > p.txt     # count: wc -l; total: awk '{s+=$1} END {print s}';
 *                         # nearest-rank p50 / p99: sed -n "$(( (n*50+99)/100 ))p" p.txt
 * # ZGC pauses: the same on '\[gc,phases *\] GC\([0-9]+\) ([yYO]: )?Pause .* [0-9.]+ms$'
 * # GC CPU: grep gc,cpu F | sed -E 's/.*User=([0-9.]+)s Sys=([0-9.]+)s.*$/\1 \2/' | awk '{s+=$1+$2}'
 * # stalls: grep -E '\]\[gc +\] Allocation Stall \(' F | awk '{print $NF}' (count, sum, max)
 * # cycles: grep -cE '\] GC\([0-9]+\) Concurrent Mark Cycle [0-9.]+ms$' F, and for ZGC
 * #         grep -E '\]\[gc +\] GC\([0-9]+\) (Minor|Major|Garbage) Collection .*->' F
 * # ZGC phase time: sum of '\[gc,phases *\] GC\([0-9]+\) ([yYO]: )?(Pause|Concurrent) [^:]* [0-9.]+ms$'
 * # wall: the up-time of the last line (tail -1 F)
 * </pre>
 */
class GcLogParserTest {

  private static final double EPS = 1e-6;

  private static GcLogSummary fixture(String name) {
    return GcLogParser.parse(Path.of("src/test/resources/gclog", name));
  }

  @Test
  void g1OnJdk25() {
    GcLogSummary s = fixture("g1-jdk25.log");
    assertThat(s.collector()).isEqualTo("G1");
    assertThat(s.jdkVersion()).startsWith("25.");
    assertThat(s.cpusAvailable()).isEqualTo(2);
    assertThat(s.heapMaxMiB()).isEqualTo(192);
    assertThat(s.pauseCount()).isEqualTo(46);
    assertThat(s.totalPauseMillis()).isCloseTo(611.734, within(EPS));
    assertThat(s.pauseP50()).isEqualTo(5.282);
    assertThat(s.pauseP99()).isEqualTo(161.194);
    assertThat(s.pauseMax()).isEqualTo(161.194);
    assertThat(s.fullPauseCount()).isEqualTo(1);
    assertThat(s.pausesByKind()).containsEntry("Pause Full (G1 Compaction Pause)", 1);
    assertThat(s.cyclesByKind()).isEqualTo(Map.of("Concurrent Mark Cycle", 3));
    assertThat(s.allocationStallCount()).isZero();
    assertThat(s.cpuShareSource()).isEqualTo(CpuShareSource.CPU_TIMES);
    assertThat(s.gcCpuSeconds()).isCloseTo(0.56, within(EPS));
    assertThat(s.wallSeconds()).isEqualTo(1.811);
    assertThat(s.gcCpuShare()).isCloseTo(0.56 / (1.811 * 2), within(EPS));
  }

  @Test
  void parallelOnJdk25() {
    GcLogSummary s = fixture("parallel-jdk25.log");
    assertThat(s.collector()).isEqualTo("Parallel");
    assertThat(s.pauseCount()).isEqualTo(20);
    assertThat(s.fullPauseCount()).isEqualTo(18);
    assertThat(s.totalPauseMillis()).isCloseTo(3037.429, within(EPS));
    assertThat(s.pauseP50()).isEqualTo(150.607);
    assertThat(s.pauseMax()).isEqualTo(258.696);
    assertThat(s.gcCpuSeconds()).isCloseTo(2.88, within(EPS));
    assertThat(s.wallSeconds()).isEqualTo(3.753);
    assertThat(s.concurrentCycleCount()).isZero();
  }

  @Test
  void serialOnJdk25() {
    GcLogSummary s = fixture("serial-jdk25.log");
    assertThat(s.collector()).isEqualTo("Serial");
    assertThat(s.heapMaxMiB()).isEqualTo(256);
    assertThat(s.pauseCount()).isEqualTo(14);
    assertThat(s.fullPauseCount()).isEqualTo(12);
    assertThat(s.totalPauseMillis()).isCloseTo(2782.102, within(EPS));
    assertThat(s.pauseP50()).isEqualTo(176.595);
    assertThat(s.pauseP99()).isEqualTo(300.684);
    assertThat(s.gcCpuSeconds()).isCloseTo(1.74, within(EPS));
  }

  @Test
  void generationalZgcOnJdk25() {
    GcLogSummary s = fixture("zgc-jdk25.log");
    assertThat(s.collector()).isEqualTo("ZGC");
    assertThat(s.heapMaxMiB()).isEqualTo(192);
    assertThat(s.pauseCount()).isEqualTo(40);
    assertThat(s.totalPauseMillis()).isCloseTo(0.519, within(EPS));
    assertThat(s.pauseP50()).isEqualTo(0.011);
    assertThat(s.pauseMax()).isEqualTo(0.042);
    assertThat(s.pausesByKind()).containsKeys("y: Pause Mark Start", "Y: Pause Mark Start (Major)");
    assertThat(s.allocationStallCount()).isEqualTo(9);
    assertThat(s.allocationStallTotalMillis()).isCloseTo(190.054, within(EPS));
    assertThat(s.allocationStallMax()).isEqualTo(88.353);
    assertThat(s.cyclesByKind()).isEqualTo(Map.of("Major Collection", 3, "Minor Collection", 7));
    assertThat(s.fullPauseCount()).isZero();
    assertThat(s.cpuShareSource()).isEqualTo(CpuShareSource.PHASE_TIME);
    assertThat(s.gcPhaseMillis()).isCloseTo(354.505, within(1e-3));
    assertThat(s.gcCpuShare()).isCloseTo(0.354505 / (0.698 * 2), within(1e-6));
  }

  @Test
  void g1OnJdk17() {
    GcLogSummary s = fixture("g1-jdk17.log");
    assertThat(s.collector()).isEqualTo("G1");
    assertThat(s.jdkVersion()).startsWith("17.");
    assertThat(s.heapMaxMiB()).isEqualTo(96);
    assertThat(s.pauseCount()).isEqualTo(23);
    assertThat(s.totalPauseMillis()).isCloseTo(98.820, within(EPS));
    assertThat(s.pauseP50()).isEqualTo(2.469);
    assertThat(s.pauseMax()).isEqualTo(12.268);
    assertThat(s.gcCpuSeconds()).isCloseTo(0.07, within(EPS));
  }

  @Test
  void singleGenerationZgcOnJdk17() {
    GcLogSummary s = fixture("zgc-jdk17.log");
    assertThat(s.collector()).isEqualTo("ZGC");
    assertThat(s.pauseCount()).isEqualTo(61);
    assertThat(s.totalPauseMillis()).isCloseTo(0.578, within(EPS));
    assertThat(s.pauseP50()).isEqualTo(0.006);
    assertThat(s.pauseMax()).isEqualTo(0.118);
    assertThat(s.allocationStallCount()).isEqualTo(45);
    assertThat(s.allocationStallTotalMillis()).isCloseTo(459.143, within(EPS));
    assertThat(s.allocationStallMax()).isEqualTo(142.403);
    assertThat(s.cyclesByKind()).isEqualTo(Map.of("Garbage Collection", 20));
    assertThat(s.gcPhaseMillis()).isCloseTo(501.736, within(1e-3));
  }

  /**
   * Other decorations than the default: JDK 21 has no installed JDK here, so this is a hand-written
   * log in its generational-ZGC shape (-XX:+ZGenerational prints the y/Y/O prefixes JDK 25 does),
   * decorated with time, uptimemillis, level and tags.
   */
  @Test
  void otherDecorationsAndJdk21GenerationalZgc() {
    List<String> lines =
        List.of(
            "[2025-01-01T10:00:00.000+0000][5ms][info][gc,init] Version: 21.0.5+11-LTS (release)",
            "[2025-01-01T10:00:00.000+0000][5ms][info][gc,init] CPUs: 4 total, 1 available",
            "[2025-01-01T10:00:00.000+0000][5ms][info][gc,init] Memory: 1G",
            "[2025-01-01T10:00:00.000+0000][5ms][info][gc,init] Max Capacity: 768M",
            "[2025-01-01T10:00:00.000+0000][6ms][info][gc     ] Using The Z Garbage Collector",
            "[2025-01-01T10:00:00.100+0000][100ms][info][gc          ] GC(0) Major Collection"
                + " (Warmup)",
            "[2025-01-01T10:00:00.101+0000][101ms][info][gc,phases   ] GC(0) Y: Pause Mark Start"
                + " (Major) 0.020ms",
            "[2025-01-01T10:00:00.110+0000][110ms][info][gc,phases   ] GC(0) Y: Concurrent Mark"
                + " 9.000ms",
            "[2025-01-01T10:00:00.111+0000][111ms][info][gc,phases   ] GC(0) O: Pause Mark End"
                + " 0.030ms",
            "[2025-01-01T10:00:00.150+0000][150ms][info][gc          ] Allocation Stall"
                + " (worker-1) 4.500ms",
            "[2025-01-01T10:00:00.200+0000][200ms][info][gc          ] GC(0) Major Collection"
                + " (Warmup) 100M(13%)->50M(7%) 0.100s");
    GcLogSummary s = GcLogParser.parse(lines);
    assertThat(s.collector()).isEqualTo("ZGC");
    assertThat(s.jdkVersion()).isEqualTo("21.0.5+11-LTS");
    assertThat(s.cpusAvailable()).isEqualTo(1);
    assertThat(s.memoryMiB()).isEqualTo(1024);
    assertThat(s.heapMaxMiB()).isEqualTo(768);
    assertThat(s.pauseMillis()).containsExactly(0.020, 0.030);
    assertThat(s.allocationStallMillis()).containsExactly(4.5);
    assertThat(s.cyclesByKind()).isEqualTo(Map.of("Major Collection", 1));
    assertThat(s.wallSeconds()).isEqualTo(0.2);
    assertThat(s.gcPhaseMillis()).isCloseTo(9.05, within(EPS));
  }

  /**
   * The G1 fixture cut to [1.0 s, 1.6 s] by hand: awk on the up-time of each line, then the pause
   * and CPU commands above: 27 pauses, 126.261 ms, 0.10 s of CPU.
   */
  @Test
  void measurementWindowFromTheSidecar(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("ServiceHeap.baselineLatency-5.log");
    Files.copy(Path.of("src/test/resources/gclog/g1-jdk25.log"), log);
    assertThat(GcLogParser.parse(log).measurementOnly()).isFalse();
    Files.writeString(
        dir.resolve("ServiceHeap.baselineLatency-5.log.window"),
        "measurementStart=1.000\nmeasurementEnd=1.600\n");
    GcLogSummary s = GcLogParser.parse(log);
    assertThat(s.measurementOnly()).isTrue();
    assertThat(s.collector()).isEqualTo("G1");
    assertThat(s.heapMaxMiB()).isEqualTo(192);
    assertThat(s.wallSeconds()).isCloseTo(0.6, within(EPS));
    assertThat(s.pauseCount()).isEqualTo(WINDOW_PAUSES);
    assertThat(s.totalPauseMillis()).isCloseTo(WINDOW_PAUSE_MS, within(EPS));
    assertThat(s.gcCpuSeconds()).isCloseTo(WINDOW_CPU_S, within(EPS));
    assertThat(GcLogs.summarizeEach(dir)).containsOnlyKeys("ServiceHeap.baselineLatency-5.log");
  }

  private static final int WINDOW_PAUSES = 27;
  private static final double WINDOW_PAUSE_MS = 126.261;
  private static final double WINDOW_CPU_S = 0.10;

  @Test
  void emptyLogGivesAnEmptySummary() {
    GcLogSummary s = GcLogParser.parse(List.of());
    assertThat(s.collector()).isEqualTo("unknown");
    assertThat(s.pauseCount()).isZero();
    assertThat(s.pauseP99()).isZero();
    assertThat(s.gcCpuShare()).isZero();
    assertThat(s.cpuShareSource()).isEqualTo(CpuShareSource.PAUSE_TIME);
  }

  @Test
  void folderSummaryMergesTheForksOfOneBenchmark(@TempDir Path run) throws IOException {
    Path g1 = Files.createDirectories(run.resolve("gc/g1-2x"));
    Path zgc = Files.createDirectories(run.resolve("gc/zgc-2x"));
    Path fixtures = Path.of("src/test/resources/gclog");
    Files.copy(fixtures.resolve("g1-jdk25.log"), g1.resolve("ServiceHeap.baselineLatency-101.log"));
    Files.copy(fixtures.resolve("g1-jdk17.log"), g1.resolve("ServiceHeap.baselineLatency-102.log"));
    Files.copy(
        fixtures.resolve("g1-jdk25.log"), g1.resolve("ServiceHeap.baselineThroughput-7.log"));
    Files.copy(fixtures.resolve("zgc-jdk25.log"), zgc.resolve("ServiceHeap.baselineLatency-9.log"));
    Files.writeString(g1.resolve("notes.txt"), "not a log");

    assertThat(GcLogs.summarizeEach(g1)).hasSize(3);
    Map<String, Map<String, GcLogSummary>> byConfig = GcLogs.summarizeRun(run.resolve("gc"));
    assertThat(byConfig).containsOnlyKeys("g1-2x", "zgc-2x");
    GcLogSummary latency = byConfig.get("g1-2x").get("ServiceHeap.baselineLatency");
    assertThat(latency.logCount()).isEqualTo(2);
    assertThat(latency.pauseCount()).isEqualTo(46 + 23);
    assertThat(latency.totalPauseMillis()).isCloseTo(611.734 + 98.820, within(EPS));
    assertThat(latency.pauseMax()).isEqualTo(161.194);
    assertThat(latency.wallSeconds()).isCloseTo(1.811 + 0.350, within(EPS));
    assertThat(byConfig.get("g1-2x").get("ServiceHeap.baselineThroughput").pauseCount())
        .isEqualTo(46);
    assertThat(byConfig.get("zgc-2x").get("ServiceHeap.baselineLatency").allocationStallCount())
        .isEqualTo(9);
    assertThat(GcLogs.summarizeRun(run.resolve("absent"))).isEmpty();
  }

  @Test
  void nearestRankPercentiles() {
    List<Double> v = List.of(5.0, 1.0, 4.0, 2.0, 3.0);
    assertThat(GcLogSummary.percentile(v, 0.5)).isEqualTo(3.0);
    assertThat(GcLogSummary.percentile(v, 0.99)).isEqualTo(5.0);
    assertThat(GcLogSummary.percentile(v, 0.2)).isEqualTo(1.0);
    assertThat(GcLogSummary.percentile(v, 0.21)).isEqualTo(2.0);
  }
}
