package org.pitfallatlas.jol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringBuilderGrowthTest {

  private final AllocationExpectation jol = AllocationExpectation.ofRunningJvm();

  @Test
  void builderGrowthFollowsTheJdkRule() {
    assertThat(StringBuilderGrowth.capacities(16, "0123456789", "0123456789"))
        .containsExactly(16, 34);
    assertThat(StringBuilderGrowth.capacities(16, "x".repeat(100))).containsExactly(16, 100);
    assertThat(StringBuilderGrowth.capacities(16)).containsExactly(16);
  }

  @Test
  void capacitiesAreThoseOfARealStringBuilder() {
    String[] parts = new String[300];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = "w" + i * 7919;
    }
    for (int initial : new int[] {0, 16, 100}) {
      StringBuilder sb = new StringBuilder(initial);
      List<Integer> observed = new ArrayList<>(List.of(sb.capacity()));
      for (String part : parts) {
        sb.append(part);
        if (sb.capacity() != observed.get(observed.size() - 1)) {
          observed.add(sb.capacity());
        }
      }
      assertThat(StringBuilderGrowth.capacities(initial, parts))
          .as("initial " + initial)
          .isEqualTo(observed);
    }
  }

  @Test
  void arrayBytesSumsEveryArray() {
    assertThat(StringBuilderGrowth.arrayBytes(jol, 16, "0123456789", "0123456789"))
        .isEqualTo(jol.arrayBytes(byte.class, 16) + jol.arrayBytes(byte.class, 34));
  }

  @Test
  void negativeCapacityIsRejected() {
    assertThatThrownBy(() -> StringBuilderGrowth.capacities(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
