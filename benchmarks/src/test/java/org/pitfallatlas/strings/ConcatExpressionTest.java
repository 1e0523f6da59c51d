package org.pitfallatlas.strings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConcatExpressionTest {

  @ParameterizedTest
  @ValueSource(ints = {8, 64})
  void loopAndSingleExpressionBuildTheSameLine(int fieldLength) {
    ConcatExpression bench = new ConcatExpression();
    bench.fieldLength = fieldLength;
    bench.setup();

    String expected =
        String.join(
            ",",
            "1".repeat(fieldLength),
            "c".repeat(fieldLength),
            "p".repeat(fieldLength),
            "7".repeat(fieldLength),
            "9".repeat(fieldLength),
            "s".repeat(fieldLength));
    assertThat(bench.pitfallLoopPlusEquals()).hasSize(6 * fieldLength + 5).isEqualTo(expected);
    assertThat(bench.fixSingleExpression()).isEqualTo(expected);
  }
}
