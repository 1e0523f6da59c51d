package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.run.ContainerLimits.JvmView;
import org.pitfallatlas.analysis.run.ContainerLimits.Mode;

/**
 * The container trap, checked on a real JVM: 1 CPU and 1 GiB make ergonomics pick Serial GC and a
 * 256 MiB heap; explicit settings in the same limit get what they ask for.
 */
class ContainerLimitsTest {

  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  @Test
  void emulatedLimitTriggersTheErgonomicsTrap() throws Exception {
    ContainerLimits limits = ContainerLimits.emulated(1, 1024, "test");
    assertThat(limits.mode()).isEqualTo(Mode.EMULATED);
    assertThat(limits.commandPrefix()).isEmpty();
    assertThat(limits.forkJvmArgs())
        .containsExactly("-XX:ActiveProcessorCount=1", "-XX:MaxRAM=1024m");
    assertThat(limits.describe())
        .containsEntry("mode", "emulated")
        .containsEntry("fallbackReason", "test");

    JvmView view = limits.verify(JAVA, List.of());
    assertThat(view.collector()).isEqualTo("Serial");
    assertThat(view.cpusAvailable()).isEqualTo(1);
    assertThat(view.heapMaxMiB()).isEqualTo(256);
    assertThat(limits.tookEffect(view)).isTrue();
  }

  @Test
  void explicitSettingsWinInsideTheSameLimit() throws Exception {
    ContainerLimits limits = ContainerLimits.emulated(1, 1024, "test");
    JvmView view = limits.verify(JAVA, List.of("-XX:+UseG1GC", "-XX:MaxRAMPercentage=75"));
    assertThat(view.collector()).isEqualTo("G1");
    assertThat(view.heapMaxMiB()).isEqualTo(768);
    assertThat(limits.tookEffect(view)).isTrue();
  }

  @Test
  void realCgroupLimitIsSeenByTheJvm() throws Exception {
    ContainerLimits limits = ContainerLimits.apply("test", 1, 1024);
    Assumptions.assumeTrue(
        limits.mode() != Mode.EMULATED,
        () -> "no real cgroup here, emulation only: " + limits.fallbackReason().orElse(""));
    try (limits) {
      assertThat(limits.cgroups()).isNotEmpty().allMatch(Files::isDirectory);
      assertThat(limits.forkJvmArgs()).isEmpty();
      List<String> prefix = limits.commandPrefix();
      assertThat(prefix).startsWith("sh", "-c").endsWith("atlas-container");
      for (Path cg : limits.cgroups()) {
        assertThat(prefix.get(2)).contains(cg.resolve("cgroup.procs").toString());
      }
      JvmView view = limits.verify(JAVA, List.of());
      assertThat(view.containerized()).isTrue();
      assertThat(view.containerProvider()).startsWith("cgroupv");
      assertThat(view.containerMemoryLimitMiB()).isEqualTo(1024);
      assertThat(view.memoryMiB()).isEqualTo(1024);
      assertThat(view.cpusAvailable()).isEqualTo(1);
      assertThat(view.collector()).isEqualTo("Serial");
      assertThat(view.heapMaxMiB()).isEqualTo(256);
      assertThat(limits.tookEffect(view)).isTrue();
    }
    assertThat(limits.cgroups()).noneMatch(Files::exists);
  }

  @Test
  void parsesWhatTheJvmPrints() {
    JvmView v =
        ContainerLimits.parseView(
            List.of(
                "[0.005s][info][gc     ] Using Serial",
                "[0.005s][info][gc,init] CPUs: 2 total, 1 available",
                "[0.005s][info][gc,init] Memory: 1G",
                "[0.005s][info][gc,init] Heap Max Capacity: 256M",
                "Operating System Metrics:",
                "    Provider: cgroupv1",
                "    Effective CPU Count: 1",
                "    Memory Limit: 1.00G"));
    assertThat(v).isEqualTo(new JvmView("Serial", 1, 1024, 256, "cgroupv1", 1024, true));
    JvmView host =
        ContainerLimits.parseView(
            List.of("    Provider: cgroupv1", "    System not containerized."));
    assertThat(host.containerized()).isFalse();
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> ContainerLimits.emulated(0, 1024, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContainerLimits.apply("bad name", 1, 1024))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
