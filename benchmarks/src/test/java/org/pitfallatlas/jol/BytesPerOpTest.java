package org.pitfallatlas.jol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BytesPerOpTest {

  private final AllocationExpectation jol = AllocationExpectation.ofRunningJvm();

  private final BytesPerOp table =
      BytesPerOp.of(
          Map.of(
              "Pages.pitfallAllocate",
              (jol, p) -> jol.arrayBytes(byte.class, BytesPerOp.intParam(p, "size")),
              "Pages.fixReuse",
              (jol, p) -> 0L));

  @Test
  void appliesTheBenchmarksRuleAtThePoint() {
    assertThat(table.bytes("Pages.pitfallAllocate", Map.of("size", "64"), jol))
        .isEqualTo(jol.arrayBytes(byte.class, 64));
    assertThat(table.bytes("Pages.fixReuse", Map.of(), jol)).isZero();
    assertThat(table.benchmarks()).containsExactly("Pages.fixReuse", "Pages.pitfallAllocate");
  }

  @Test
  void unknownBenchmarkIsRejectedNamingTheKnownOnes() {
    assertThatThrownBy(() -> table.bytes("Pages.fixPool", Map.of(), jol))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Pages.fixPool")
        .hasMessageContaining("Pages.pitfallAllocate");
  }

  @Test
  void missingOrMalformedParamIsRejected() {
    assertThatThrownBy(() -> table.bytes("Pages.pitfallAllocate", Map.of(), jol))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size");
    assertThatThrownBy(() -> table.bytes("Pages.pitfallAllocate", Map.of("size", "big"), jol))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysMustBeClassDotMethod() {
    assertThatThrownBy(() -> BytesPerOp.of(Map.of("pitfallAllocate", (jol, p) -> 0L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pitfallAllocate");
  }
}
