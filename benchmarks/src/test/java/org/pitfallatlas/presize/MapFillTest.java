package org.pitfallatlas.presize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class MapFillTest {

  @ParameterizedTest
  @ParamValues(of = MapFill.class, field = "size")
  void everyVariantHoldsTheSameEntries(int size) {
    MapFill bench = new MapFill();
    bench.size = size;
    bench.setup();

    Map<Integer, Integer> expected =
        IntStream.range(0, size)
            .map(i -> i * 7919)
            .boxed()
            .collect(Collectors.toMap(k -> k, k -> k));
    assertThat(bench.pitfallDefaultCapacity()).hasSize(size).isEqualTo(expected);
    assertThat(bench.pitfallCapacityNotSize()).hasSize(size).isEqualTo(expected);
    assertThat(bench.fixNewHashMap()).hasSize(size).isEqualTo(expected);
  }
}
