package org.pitfallatlas.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void timePerOperationRescales() {
    assertThat(Units.factor("us/op", "ns/op").getAsDouble()).isCloseTo(1000, within(1e-9));
    assertThat(Units.factor("ns/op", "ms/op").getAsDouble()).isCloseTo(1e-6, within(1e-18));
    assertThat(Units.factor("s/op", "s/op").getAsDouble()).isEqualTo(1);
  }

  @Test
  void operationsPerTimeRescaleTheOtherWay() {
    // 5 ops/ms = 5000 ops/s
    assertThat(5 * Units.factor("ops/ms", "ops/s").getAsDouble()).isCloseTo(5000, within(1e-9));
    assertThat(Units.factor("ops/s", "ops/us").getAsDouble()).isCloseTo(1e-6, within(1e-18));
  }

  @Test
  void differentDimensionsDoNotConvert() {
    assertThat(Units.factor("ns/op", "ops/s")).isEmpty();
    assertThat(Units.factor("B/op", "ns/op")).isEmpty();
    assertThat(Units.factor("furlongs", "ns/op")).isEmpty();
  }
}
