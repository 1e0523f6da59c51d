package org.pitfallatlas.presize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pitfallatlas.suite.ParamValues;

class FilterCollectTest {

  @ParameterizedTest
  @ParamValues(of = FilterCollect.class, field = "selectivity")
  void everyVariantKeepsExactlyThePassingElementsInInputOrder(double selectivity) {
    FilterCollect bench = new FilterCollect();
    bench.selectivity = selectivity;
    bench.setup();

    int passing = (int) Math.round(selectivity * FilterCollect.INPUT_LENGTH);
    List<Integer> expected = java.util.Arrays.stream(bench.input).filter(e -> e < passing).toList();
    assertThat(expected).hasSize(passing);
    assertThat(bench.pitfallGrowFromDefault()).isEqualTo(expected);
    assertThat(bench.fixPresizeToInputLength()).isEqualTo(expected);
    assertThat(bench.fixCountThenPresize()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 1.0})
  void inputIsAShuffledPermutation(double selectivity) {
    FilterCollect bench = new FilterCollect();
    bench.selectivity = selectivity;
    bench.setup();

    assertThat(bench.input).hasSize(FilterCollect.INPUT_LENGTH).doesNotHaveDuplicates();
    assertThat(List.of(bench.input))
        .isNotEqualTo(IntStream.range(0, FilterCollect.INPUT_LENGTH).boxed().toList());
  }
}
