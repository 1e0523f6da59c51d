package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilerEngineTest {

  private static final Path LIB = Path.of("/lib/libasyncProfiler.so");

  @Test
  void perfEventsWhenTheProbeStartsCleanly() {
    ProfilerEngine e = ProfilerEngine.interpret(LIB, "Profiling started\nopenjdk version \"25\"\n");
    assertThat(e.available()).isTrue();
    assertThat(e.cpuEvent()).isEqualTo("cpu");
    assertThat(e.engine()).startsWith("perf_events");
    assertThat(e.events(List.of("cpu", "alloc"))).containsExactly("cpu", "alloc");
  }

  @Test
  void userFramesOnlyWhenKernelSymbolsAreHidden() {
    // What a non-root user sees with kernel.perf_event_paranoid=2 on this machine.
    ProfilerEngine e =
        ProfilerEngine.interpret(
            LIB,
            "[WARN] Kernel symbols are unavailable due to restrictions. Try\n"
                + "  sysctl kernel.perf_event_paranoid=1\nProfiling started\n");
    assertThat(e.engine()).isEqualTo("perf_events cpu-clock, user frames only");
    assertThat(e.notes()).anyMatch(n -> n.contains("Kernel symbols"));
  }

  @Test
  void fallsBackToItimerWhenPerfEventsAreDenied() {
    ProfilerEngine e =
        ProfilerEngine.interpret(
            LIB,
            "[WARN] perf_event_open for TID 4514 failed: Permission denied\n"
                + "[ERROR] Perf events unavailable\n");
    assertThat(e.available()).isTrue();
    assertThat(e.cpuEvent()).isEqualTo("itimer");
    assertThat(e.events(List.of("cpu", "alloc"))).containsExactly("itimer", "alloc");
  }

  @Test
  void unavailableWhenTheLibraryDoesNotLoad() {
    ProfilerEngine e =
        ProfilerEngine.interpret(
            LIB,
            "Error occurred during initialization of VM\n"
                + "Could not find agent library /x.so in absolute path\n");
    assertThat(e.available()).isFalse();
    assertThat(e.events(List.of("cpu"))).isEmpty();
    assertThat(e.notes().get(0)).contains("did not load");
  }
}
