package org.pitfallatlas.analysis.env;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTest {

  private static final long GIB = 1024L * 1024 * 1024;

  @Test
  void slugIsReadableAndStable() {
    assertThat(Machine.slugOf("Intel(R) Xeon(R) Processor", 2, 24 * GIB - 1234))
        .isEqualTo("intel-xeon-2cpu-24gib");
    assertThat(Machine.slugOf("AMD Ryzen 9 7950X 16-Core Processor", 32, 64 * GIB))
        .isEqualTo("amd-ryzen-9-7950x-32cpu-64gib");
    assertThat(Machine.slugOf("Intel(R) Core(TM) i7-8565U CPU @ 1.80GHz", 8, 16 * GIB))
        .isEqualTo("intel-i7-8565u-8cpu-16gib");
  }

  @Test
  void currentMachineHasAFingerprint() {
    Machine m = Machine.current();
    assertThat(m.logicalCpus()).isPositive();
    assertThat(m.memoryBytes()).isPositive();
    assertThat(m.slug()).matches("[a-z0-9.-]+");
    assertThat(m.toMap()).containsKeys("cpuModel", "os", "kernel", "containerLimits");
  }
}
