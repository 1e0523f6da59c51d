package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
