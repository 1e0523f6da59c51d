package org.pitfallatlas.strings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class LoopConcatTest {

  @ParameterizedTest
  @ParamValues(of = LoopConcat.class, field = "parts")
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
