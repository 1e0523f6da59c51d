package org.pitfallatlas.boxing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class IntegerCacheTest {

  @ParameterizedTest
  @ParamValues(of = IntegerCache.class, field = "maxValue")
  void boxedAndPrimitiveStoreAndSumTheSameValues(int maxValue) {
    IntegerCache benchmark = new IntegerCache();
    benchmark.maxValue = maxValue;
    benchmark.setup();

    long expected = Arrays.stream(benchmark.values).asLongStream().sum();

    assertThat(benchmark.pitfallBoxed()).isEqualTo(expected);
    assertThat(benchmark.fixPrimitive()).isEqualTo(expected);
    assertThat(Arrays.stream(benchmark.boxedSlots).mapToInt(Integer::intValue).toArray())
        .isEqualTo(benchmark.slots)
        .isEqualTo(benchmark.values);
  }

  @ParameterizedTest
  @ParamValues(of = IntegerCache.class, field = "maxValue")
  void valuesSpanTheRangeZeroToMaxValue(int maxValue) {
    int[] values = IntegerCache.inputs(maxValue);

    assertThat(Arrays.stream(values).min().orElseThrow()).isBetween(0, maxValue / 10);
    assertThat(Arrays.stream(values).max().orElseThrow()).isBetween(maxValue * 9 / 10, maxValue);
  }

  @ParameterizedTest
  @ParamValues(of = IntegerCache.class, field = "maxValue")
  void boxesAreSharedExactlyWhenTheValueIsCached(int maxValue) {
    IntegerCache benchmark = new IntegerCache();
    benchmark.maxValue = maxValue;
    benchmark.setup();
    benchmark.pitfallBoxed();

    for (int i = 0; i < IntegerCache.VALUES; i++) {
      boolean cached = benchmark.values[i] <= 127;
      assertThat(benchmark.boxedSlots[i] == Integer.valueOf(benchmark.values[i]))
          .as("value %d shared with Integer.valueOf", benchmark.values[i])
          .isEqualTo(cached);
    }
  }
}
