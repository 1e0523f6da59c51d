package org.pitfallatlas.jol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.vm.VM;

class AllocationExpectationTest {

  private final AllocationExpectation jol = AllocationExpectation.ofRunningJvm();

  @Test
  void integerIsSixteenBytesWithAndWithoutCompactHeaders() {
    assertThat(jol.instanceBytes(Integer.class)).isEqualTo(16);
  }

  @Test
  void arraySizeIsHeaderPlusElementsRoundedToTheAlignment() {
    long header = jol.arrayBytes(int.class, 0);
    assertThat(header).isBetween(12L, 16L);
    assertThat(jol.arrayBytes(int.class, 16)).isEqualTo(align(header + 64));
    assertThat(jol.arrayBytes(int.class, 1001)).isEqualTo(align(header + 4004));
  }

  @Test
  void graphCountsEveryReachableObject() {
    List<Integer> list = new ArrayList<>(10);
    for (int i = 0; i < 10; i++) {
      list.add(1_000 + i);
    }

    assertThat(jol.graphBytes(list))
        .isEqualTo(
            jol.instanceBytes(ArrayList.class)
                + jol.arrayBytes(Object.class, 10)
                + 10 * jol.instanceBytes(Integer.class));
  }

  @Test
  void graphLeavesOutWhatThePreexistingObjectsReach() {
    Integer shared = 1_000_000;
    Object[] pair = {shared, Integer.valueOf(2_000_000)};

    assertThat(jol.graphBytes(pair, shared))
        .isEqualTo(jol.arrayBytes(Object.class, 2) + jol.instanceBytes(Integer.class));
  }

  @Test
  void latin1StringIsTheStringAndItsOwnArray() {
    String hello = new String(new char[] {'h', 'e', 'l', 'l', 'o'});
    assertThat(jol.latin1StringBytes(5)).isEqualTo(jol.graphBytes(hello));
  }

  @Test
  void layoutNamesTheSizesItDependsOn() {
    assertThat(jol.layout())
        .matches("object header \\d+ B, array header \\d+ B, reference \\d B, alignment \\d+ B");
  }

  @Test
  void badInputsAreRejected() {
    assertThatThrownBy(() -> jol.instanceBytes(int[].class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("arrayBytes");
    assertThatThrownBy(() -> jol.arrayBytes(int.class, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private long align(long bytes) {
    long alignment = VM.current().objectAlignment();
    return (bytes + alignment - 1) / alignment * alignment;
  }
}
