package org.pitfallatlas.presize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

class GrowthPolicyTest {

  /**
   * The Java model against the real ArrayList of the running JDK, read with JOL (no reflection into
   * java.util needed): when the list is full at a predicted capacity its backing array has exactly
   * that footprint, and one add later it has the next predicted one. Consecutive capacities differ
   * by at least 5 references (20 B), so equal footprints mean equal capacities.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 10, 11, 1000, 10_000, 50_000})
  void javaModelMatchesTheRealArrayList(int target) {
    List<Integer> predicted = GrowthPolicy.JAVA_ARRAY_LIST.appendOneByOne(target).capacities();
    Set<Integer> checkpoints = new TreeSet<>(List.of(1, target));
    for (int capacity : predicted) {
      checkpoints.add(Math.min(capacity, target)); // full
      checkpoints.add(Math.min(capacity + 1, target)); // one add later: grown
    }
    Object element = new Object();
    ArrayList<Object> list = new ArrayList<>();
    Set<Long> distinctArrays = new HashSet<>();
    for (int size = 1; size <= target; size++) {
      list.add(element);
      if (checkpoints.contains(size)) {
        int current = size;
        int expectedCapacity =
            predicted.stream().filter(c -> c >= current).findFirst().orElseThrow();
        long bytes = backingArrayBytes(list);
        assertThat(bytes)
            .as("backing array at size %d", size)
            .isEqualTo(GrowthPolicy.javaArrayBytes(expectedCapacity, 4));
        distinctArrays.add(bytes);
      }
    }
    assertThat(distinctArrays).hasSize(predicted.size());
  }

  @Test
  void javaArrayBytesAgreeWithJol() {
    for (int length : new int[] {0, 1, 10, 15, 9369, 14053, 50_000}) {
      assertThat(GrowthPolicy.javaArrayBytes(length, 4))
          .as("Object[%d]", length)
          .isEqualTo(ClassLayout.parseInstance(new Object[length]).instanceSize());
    }
  }

  @Test
  void javaArrayListTo10kAnd50k() {
    GrowthPolicy.Growth tenK = GrowthPolicy.JAVA_ARRAY_LIST.appendOneByOne(10_000);
    assertThat(tenK.capacities())
        .startsWith(10, 15, 22, 33, 49, 73, 109, 163, 244, 366)
        .endsWith(6246, 9369, 14053);
    assertThat(tenK.reallocations()).isEqualTo(18);
    assertThat(tenK.elementsCopied()).isEqualTo(28_096);
    GrowthPolicy.Growth fiftyK = GrowthPolicy.JAVA_ARRAY_LIST.appendOneByOne(50_000);
    assertThat(fiftyK.reallocations()).isEqualTo(22);
    assertThat(fiftyK.finalCapacity()).isEqualTo(71_140);
  }

  @Test
  void pureDoublingGivesTheClaimedFourteenReallocationsFor10k() {
    GrowthPolicy.Growth g = GrowthPolicy.GO_DOUBLING.appendOneByOne(10_000);
    assertThat(g.reallocations()).isEqualTo(14);
    assertThat(g.finalCapacity()).isEqualTo(16_384);
    assertThat(g.elementsCopied()).isEqualTo(16_383);
  }

  /**
   * Go is not installed here, so this pins the rule worked by hand from slice.go and
   * sizeclasses.go: past 512 the formula asks 512 + (512 + 768) / 4 = 832 elements = 6656 B, the
   * size class is 6784 B, so cap becomes 848; and so on. It is the sequence commonly printed by
   * appending one int64 at a time to a nil slice on Go 1.18+.
   */
  @Test
  void goRuntimeDoublesBelow256ThenRoundsToSizeClasses() {
    GrowthPolicy.Growth g = GrowthPolicy.GO_RUNTIME.appendOneByOne(10_000);
    assertThat(g.capacities())
        .containsExactly(
            1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3408, 5120, 7168, 9216,
            12288);
    assertThat(g.reallocations()).isEqualTo(18);
  }

  @Test
  void goHelpersFollowTheRuntime() {
    assertThat(GrowthPolicy.goNextSliceCap(513, 512)).isEqualTo(832);
    assertThat(GrowthPolicy.goNextSliceCap(5, 2)).isEqualTo(5); // more than double requested
    assertThat(GrowthPolicy.goRoundUpSize(40)).isEqualTo(48);
    assertThat(GrowthPolicy.goRoundUpSize(6656)).isEqualTo(6784);
    assertThat(GrowthPolicy.goRoundUpSize(35_616)).isEqualTo(40_960); // whole 8 KiB pages
  }

  @Test
  void tableHasEveryPolicyAtEveryTarget() {
    assertThat(GrowthPolicy.table(10_000, 50_000)).hasSize(6);
    assertThat(GrowthPolicy.render(10_000))
        .contains("Java ArrayList() 1.5x")
        .contains("Go, pure doubling")
        .contains(" 14 ");
    assertThatThrownBy(() -> GrowthPolicy.JAVA_ARRAY_LIST.appendOneByOne(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long backingArrayBytes(ArrayList<Object> list) {
    GraphLayout layout = GraphLayout.parseInstance(list);
    for (long address : layout.addresses()) {
      if (layout.record(address).klass() == Object[].class) {
        return layout.record(address).size();
      }
    }
    throw new AssertionError("no backing array found");
  }
}
