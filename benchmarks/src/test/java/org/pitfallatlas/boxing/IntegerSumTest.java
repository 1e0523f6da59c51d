package org.pitfallatlas.boxing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class IntegerSumTest {

  @ParameterizedTest
  @ParamValues(of = IntegerSum.class, field = "size")
  void pitfallsAndFixComputeTheSameSum(int size) {
    IntegerSum benchmark = new IntegerSum();
    benchmark.size = size;
    benchmark.setup();

    long expected = Arrays.stream(benchmark.values).asLongStream().sum();

    assertThat(benchmark.fixIntArray()).isEqualTo(expected);
    assertThat(benchmark.pitfallList()).isEqualTo(expected);
    assertThat(benchmark.pitfallObjectArray()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ParamValues(of = IntegerSum.class, field = "size")
  void inputsAreOutsideTheIntegerCacheSoEveryBoxAllocates(int size) {
    int[] values = IntegerSum.inputs(size);

    assertThat(values).hasSize(size);
    assertThat(Arrays.stream(values)).allMatch(v -> v < -128 || v > 127);
  }
}
