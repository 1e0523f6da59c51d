package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.Testdata;
import org.pitfallatlas.analysis.compare.Row;

/**
 * The gc report against a trimmed smoke run (testdata/run-gc: GC logs cut to their measurement
 * windows, latency histograms rounded to two digits, and parallel-1.5x's results removed with
 * OutOfMemoryError failures in run.json, standing for a configuration that does not fit).
 */
class GcReportTest {

  private static final Path RUN = Testdata.path("run-gc");

  @Test
  void readsTheSuitesConfigurationsAndMarksTheOneThatDoesNotFit() {
    GcReport r = GcReport.load(RUN);
    assertThat(r.configs())
        .extracting(GcReport.Config::id)
        .containsExactly(
            "g1-1.5x",
            "g1-2x",
            "g1-4x",
            "g1-2x-pause5",
            "zgc-1.5x",
            "zgc-2x",
            "zgc-4x",
            "zgc-soft-2x",
            "parallel-1.5x",
            "parallel-4x",
            "container-ergonomics",
            "container-explicit",
            // The fixture ran parallel-2x, which the suite no longer declares: it comes last.
            "parallel-2x");
    GcReport.Config tight = r.configs().get(8);
    assertThat(tight.collector()).isEqualTo("Parallel");
    assertThat(tight.heapFactor()).isEqualTo(1.5);
    assertThat(tight.failure()).contains("OutOfMemoryError");
    assertThat(r.configs().get(1).failure()).isEmpty();
    assertThat(r.configurations().text())
        .contains("| parallel-1.5x | Parallel | 1.5× |", "**does not fit** — ServiceHeap")
        .contains("| container-ergonomics | ergonomic (expect Serial) | 2× | `(none)` |");
    assertThat(r.matrix().text())
        .contains("| parallel-1.5x | does not fit", "Does not fit:")
        .contains(" ms |")
        .doesNotContain("us/op")
        // Binary units throughout: JMH's gc.alloc.rate and rss.peak are MiB though labelled MB.
        .contains(" MiB/s | ")
        .containsPattern("\\d MiB \\|\\n")
        .doesNotContain(" MB");
  }

  @Test
  void anOpenLoopRunShowsItsLatencyAtEqualOfferedLoad() {
    // A smoke run of the open-loop design (20261201T002021Z): 1 fork and one 200 ms window per
    // configuration and load, with AllocationLatency in g1-2x/zgc-2x and BurstLatency in four.
    GcReport r = GcReport.load(Testdata.path("run-gc-openloop"));
    assertThat(r.point())
        .as("the headline is the open-loop point at half the capacity")
        .isEqualTo(Map.of("garbageKiB", "64", "liveSetMiB", "128", "load", "0.5"));
    String table = r.openLoop().text();
    assertThat(table)
        .contains("**{garbageKiB=64, liveSetMiB=128, load=0.5}**: 4,452 requests/s offered")
        .contains("| `g1-2x` | 1 | ")
        .contains("(1 fork)")
        .contains("| 1 too short to classify |")
        .doesNotContain("**no**");
    // The capacity was parallel-1.5x's: every configuration got the same rate at a load.
    assertThat(table.split("requests/s offered", -1)).hasSize(3);
    // The classes that run in some configurations only have their own sections, not the matrix.
    assertThat(table).doesNotContain("AllocationLatency", "burstFactor");
    assertThat(r.allocationPair().text())
        .contains("| `g1-2x` | 0.5 load | pitfallAllocatePerRequest | 4,452 |")
        .contains("| `zgc-2x` | 0.5 load | fixReuseBuffers |")
        .contains("| `g1-2x` | p99 |");
    assertThat(r.burst().text())
        .contains("| `parallel-4x` | 2,226 | steady (1 per fork) |")
        // A smoke run has one measured window per fork: the burst needs a second.
        .contains("no burst window in this run");
    // The matrix pairs each configuration's open-loop latency with its closed-loop capacity.
    assertThat(r.matrix().text()).contains("load=0.5");
    assertThat(r.percentileCurves().text()).doesNotContain("No open-loop latency");
    // One fork's windows beside the pauses its GC log stamps inside them.
    assertThat(r.timeline().text())
        .contains("`g1-2x`, garbageKiB=64 liveSetMiB=128 load=0.5, fork `ServiceLatency.openLoop_")
        .contains("| warm-up |", "| measured |")
        .doesNotContain("No GC log");
    // An older run (closed loop) says it has no latency logs.
    assertThat(GcReport.load(RUN).openLoop().text()).contains("No latency logs in this run");
  }

  @Test
  void chartsAndVerdictUseTheSuitesProfiledPoint() {
    GcReport r = GcReport.load(RUN);
    assertThat(r.point()).isEqualTo(Map.of("garbageKiB", "64", "liveSetMiB", "128"));
    assertThat(r.points()).hasSize(2);
    assertThat(r.at(Map.of("garbageKiB", "4", "liveSetMiB", "128")).point())
        .containsEntry("garbageKiB", "4");
    assertThatThrownBy(() -> r.at(Map.of("garbageKiB", "9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no point");
  }

  @Test
  void everyChartIsAPngOfReadableSize() {
    GcReport r = GcReport.load(RUN);
    List<Output> charts = new ArrayList<>(List.of(r.throughputVsLatency(), r.latency()));
    charts.addAll(List.of(r.pauses(), r.memory()));
    charts.addAll(r.tradeOff());
    assertThat(charts).hasSize(7);
    for (Output o : charts) {
      assertThat(o.kind()).as(o.text()).isEqualTo(Output.Kind.PNG);
      assertThat(o.image().getWidth()).isBetween(600, 800);
      assertThat(o.pngBytes()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
  }

  @Test
  void containersShowWhatTheJvmReallyGot() {
    String md = GcReport.load(RUN).containers().text();
    assertThat(md)
        .contains("| container-ergonomics | 1 CPU, 1024 MiB | cgroup-v1 |")
        .contains("Serial, heap 256 MiB (25% of the limit)")
        .contains("G1, heap 768 MiB (75% of the limit)")
        // The benchmark forks' own GC logs agree with the runner's check.
        .contains("| Serial, heap 256 MiB, 1 CPU |");
  }

  @Test
  void theVerdictIsWrittenFromTheDataAndAdmitsASmokeRunCannotTell() {
    String v = GcReport.load(RUN).verdict().text();
    assertThat(v)
        // JMH's SampleTime scores (us/op here) read in ms, as the open loop's do.
        .contains("**G1** (1.5× → 2× → 4× the live set): p99 0.082 → 0.033 → 0.11 ms, max 14 →")
        .contains("GC pauses 24 → 15 → 4")
        .contains("allocation stalls 26 → 3 → 0")
        .contains("1.5×→2×: ~ (one fork: no test)")
        .contains("**Cannot tell from this run**")
        .contains("below the 1% that p99 sees")
        .contains("**Container trap** (1 CPU, 1024 MiB, cgroup-v1): with no flags the JVM picked")
        .contains("**Serial** and a heap of **256 MiB** (25% of the container)")
        .containsPattern("peak RSS [\\d,.]+ → [\\d,.]+ MiB\\.");
    assertThat(v).doesNotContain("The claim reproduces");
  }

  @Test
  void theConfigurationPairsAreTheSuitesComparisons() {
    GcReport r = GcReport.load(RUN);
    List<String> names = r.family().table().rows().stream().map(Row::name).toList();
    assertThat(names)
        .contains("ServiceHeap.baselineLatency g1-2x vs g1-4x/garbageKiB=64/liveSetMiB=128");
    // The suite no longer compares 64 with 4 KiB of garbage (it changed the work by 94%).
    assertThat(names).noneMatch(n -> n.contains("[garbageKiB=4]"));
    // parallel-1.5x did not fit: a warning, not a row.
    assertThat(names).noneMatch(n -> n.contains("parallel-1.5x vs"));
    assertThat(r.configPairs().text())
        .contains("no result under parallel-1.5x")
        .doesNotContain("Exception");
  }

  @Test
  void numbersReadAsCountsOrThreeDigits() {
    assertThat(GcFormat.num(24)).isEqualTo("24");
    assertThat(GcFormat.num(14000)).isEqualTo("14,000");
    assertThat(GcFormat.num(0.095)).isEqualTo("0.0950");
    assertThat(GcFormat.num(1234.5)).isEqualTo("1,235");
  }
}
