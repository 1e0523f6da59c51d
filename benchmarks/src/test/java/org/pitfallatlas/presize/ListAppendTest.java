package org.pitfallatlas.presize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class ListAppendTest {

  @ParameterizedTest
  @ParamValues(of = ListAppend.class, field = "size")
  void pitfallAndFixCollectTheSameElementsInOrder(int size) {
    ListAppend bench = new ListAppend();
    bench.size = size;
    bench.setup();

    List<Integer> expected = IntStream.range(0, size).map(i -> i * 31).boxed().toList();
    assertThat(bench.pitfallGrowFromDefault()).isEqualTo(expected);
    assertThat(bench.fixPresized()).isEqualTo(expected);
  }
}
