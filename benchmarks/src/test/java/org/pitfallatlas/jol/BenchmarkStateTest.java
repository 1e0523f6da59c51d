package org.pitfallatlas.jol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

class BenchmarkStateTest {

  enum Kind {
    SMALL,
    LARGE
  }

  @State(Scope.Benchmark)
  public static class Sweep {
    @Param({"1", "2"})
    int size;

    @Param({"0.5"})
    double ratio;

    @Param({"SMALL", "LARGE"})
    Kind kind;

    @Param({"a"})
    String label;

    int[] data;
    int iterationSetUps;

    @Setup
    public void setUp() {
      data = new int[size];
    }

    @Setup(Level.Iteration)
    public void everyIteration() {
      iterationSetUps++;
    }
  }

  @Test
  void setsEveryParamThenRunsTheTrialSetUp() {
    Sweep s =
        BenchmarkState.at(
            Sweep.class, Map.of("size", "2", "ratio", "0.5", "kind", "LARGE", "label", "a"));
    assertThat(s.size).isEqualTo(2);
    assertThat(s.ratio).isEqualTo(0.5);
    assertThat(s.kind).isEqualTo(Kind.LARGE);
    assertThat(s.label).isEqualTo("a");
    assertThat(s.data).hasSize(2);
    assertThat(s.iterationSetUps).isZero();
  }

  @Test
  void missingOrUnknownParamIsRejected() {
    assertThatThrownBy(() -> BenchmarkState.at(Sweep.class, Map.of("size", "2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratio");
    assertThatThrownBy(
            () ->
                BenchmarkState.at(
                    Sweep.class,
                    Map.of("size", "2", "ratio", "1", "kind", "SMALL", "label", "a", "x", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[x]");
  }

  @Test
  void malformedValueIsRejected() {
    assertThatThrownBy(
            () ->
                BenchmarkState.at(
                    Sweep.class,
                    Map.of("size", "two", "ratio", "1", "kind", "SMALL", "label", "a")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
