package org.pitfallatlas.analysis.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import one.jfr.JfrReader;
import one.jfr.event.ExecutionSample;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.Testdata;

class JfrStacksTest {

  /**
   * A real async-profiler 4.6 recording, 24 KB: a main thread handing items to a consumer thread
   * through a SynchronousQueue, spinning in {@code PingPong.spin} between hand-offs, for 300 ms,
   * recorded as root with kernel frames: {@code java
   * -agentpath:libasyncProfiler.so=start,event=cpu,interval=4ms,file=pingpong-cpu.jfr,jfr
   * PingPong}.
   */
  private static final Path RECORDING = Testdata.path("profile/pingpong-cpu.jfr");

  @Test
  void keepsEveryCpuSampleOfTheRecordingSplitIntoTimeSlices() throws Exception {
    SlicedStacks s = JfrStacks.read(RECORDING, "cpu", 10);
    long samples;
    try (JfrReader reader = new JfrReader(RECORDING.toString())) {
      samples =
          reader.readAllEvents(ExecutionSample.class).stream()
              .mapToLong(ExecutionSample::samples)
              .sum();
    }
    assertThat(samples).isPositive();
    assertThat(s.total()).isEqualTo(samples);
    assertThat(s.event()).isEqualTo("cpu");
    assertThat(s.slices()).isEqualTo(10);
    assertThat(s.endNanos()).isGreaterThan(s.startNanos());
    // The slices span the first to the last sample: both end slices hold samples.
    assertThat(s.sliceTotal(0)).isPositive();
    assertThat(s.sliceTotal(9)).isPositive();
    long perSlice = 0;
    for (int i = 0; i < 10; i++) {
      perSlice += s.sliceTotal(i);
    }
    assertThat(perSlice).isEqualTo(samples);
    // Most samples first.
    assertThat(s.stacks().get(0).total()).isGreaterThanOrEqualTo(s.stacks().get(1).total());
  }

  @Test
  void stacksAreCollapsedRootFirstAndMarkKernelFrames() throws Exception {
    SlicedStacks s = JfrStacks.read(RECORDING, "cpu", 10);
    assertThat(s.stacks())
        .extracting(SlicedStacks.Stack::frames)
        .anyMatch(f -> f.startsWith("PingPong.main;") && f.endsWith(";PingPong.spin"))
        .anyMatch(f -> f.contains("java/util/concurrent/locks/LockSupport.park;"))
        .anyMatch(f -> f.endsWith("_[k]"))
        .allMatch(f -> !f.startsWith(";") && !f.contains(";;"));
  }

  @Test
  void fewerSlicesHoldTheSameSamples() throws Exception {
    SlicedStacks ten = JfrStacks.read(RECORDING, "cpu", 10);
    SlicedStacks one = JfrStacks.read(RECORDING, "cpu", 1);
    assertThat(one.total()).isEqualTo(ten.total());
    assertThat(one.stacks())
        .extracting(SlicedStacks.Stack::frames)
        .containsExactlyInAnyOrderElementsOf(
            ten.stacks().stream().map(SlicedStacks.Stack::frames).toList());
    assertThatThrownBy(() -> JfrStacks.read(RECORDING, "cpu", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSampleFallsInTheSliceOfItsTime() {
    assertThat(JfrStacks.sliceOf(100, 100, 200, 10)).isZero();
    assertThat(JfrStacks.sliceOf(109, 100, 200, 10)).isZero();
    assertThat(JfrStacks.sliceOf(110, 100, 200, 10)).isEqualTo(1);
    assertThat(JfrStacks.sliceOf(199, 100, 200, 10)).isEqualTo(9);
    // The last sample closes the last slice.
    assertThat(JfrStacks.sliceOf(200, 100, 200, 10)).isEqualTo(9);
    // A single sample (no span) is in the first slice.
    assertThat(JfrStacks.sliceOf(100, 100, 100, 10)).isZero();
    assertThat(JfrStacks.sliceOf(150, 100, 200, 2)).isEqualTo(1);
  }
}
