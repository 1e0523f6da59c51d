package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.analysis.Testdata;
import org.pitfallatlas.analysis.profile.JfrStacks;
import org.pitfallatlas.analysis.profile.SlicedStacks;

class FlameGraphsTest {

  @Test
  void cpuAndAllocShareOnePass() {
    assertThat(FlameGraphs.passes(List.of("cpu", "alloc")))
        .containsExactly(List.of("cpu", "alloc"));
  }

  @Test
  void theFirstSamplingEventCarriesAllocationAndLocksAndOtherClocksGetTheirOwnPass() {
    assertThat(FlameGraphs.passes(List.of("alloc", "wall", "lock", "cpu")))
        .containsExactly(List.of("wall", "alloc", "lock"), List.of("cpu"));
  }

  @Test
  void withoutASamplingEventTheFirstSecondaryIsThePrimary() {
    assertThat(FlameGraphs.passes(List.of("lock", "alloc")))
        .containsExactly(List.of("lock", "alloc"));
    assertThat(FlameGraphs.passes(List.of())).isEmpty();
  }

  @Test
  void duplicatesAreRecordedOnce() {
    assertThat(FlameGraphs.passes(List.of("cpu", "cpu", "alloc", "alloc")))
        .containsExactly(List.of("cpu", "alloc"));
  }

  @Test
  void asksJmhForOneJfrRecordingWithSecondaryEvents() {
    assertThat(
            FlameGraphs.asyncOption(
                Path.of("/lib/libasyncProfiler.so"), Path.of("/p"), List.of("itimer", "alloc")))
        .isEqualTo("async:libPath=/lib/libasyncProfiler.so;output=jfr;dir=/p;event=itimer;alloc");
  }

  @Test
  void allocationGraphsWeighBytesAndClockGraphsCountSamples() {
    assertThat(FlameGraphs.converterFlags("alloc")).containsExactly("--alloc", "--total");
    assertThat(FlameGraphs.converterFlags("lock")).containsExactly("--lock", "--total");
    assertThat(FlameGraphs.converterFlags("itimer")).containsExactly("--cpu");
    assertThat(FlameGraphs.converterFlags("cpu")).containsExactly("--cpu");
    assertThat(FlameGraphs.converterFlags("wall")).containsExactly("--wall");
  }

  @Test
  void convertingARecordingKeepsItsFlameGraphAndItsStacksAndDeletesIt(@TempDir Path dir)
      throws Exception {
    Path recording = Testdata.path("profile/pingpong-cpu.jfr");
    Path method = Files.createDirectory(dir.resolve("p.PingPong.main-AverageTime"));
    Path jfr = Files.copy(recording, method.resolve("jfr-cpu.jfr"));
    List<Path> graphs = FlameGraphs.convert(dir, List.of("cpu", "alloc"));
    assertThat(graphs)
        .containsExactly(
            method.resolve("flame-cpu-forward.html"), method.resolve("flame-alloc-forward.html"));
    assertThat(Files.readString(graphs.get(0))).contains("p.PingPong.main-AverageTime — cpu");
    assertThat(jfr).doesNotExist();
    // Only the clock event has stacks to count; allocations stay a flame graph.
    assertThat(method.resolve("stacks-alloc.json.gz")).doesNotExist();
    SlicedStacks kept = SlicedStacks.read(method.resolve("stacks-cpu.json.gz"));
    assertThat(kept).isEqualTo(JfrStacks.read(recording, "cpu", SlicedStacks.DEFAULT_SLICES));
    assertThat(Files.size(method.resolve("stacks-cpu.json.gz"))).isLessThan(Files.size(recording));
  }
}
