package org.pitfallatlas.strings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopConcatTest {

  @ParameterizedTest
  @ValueSource(ints = {64, 256, 1024})
  void everyVariantBuildsTheSameText(int parts) {
    LoopConcat bench = new LoopConcat();
    bench.parts = parts;
    bench.setup();

    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      expected.append('w').append(String.format("%07d", i));
    }
    assertThat(bench.pitfallPlusEquals()).hasSize(8 * parts).isEqualTo(expected.toString());
    assertThat(bench.fixBuilder()).isEqualTo(expected.toString());
    assertThat(bench.fixSizedBuilder()).isEqualTo(expected.toString());
    assertThat(bench.fixJoin()).isEqualTo(expected.toString());
  }
}
