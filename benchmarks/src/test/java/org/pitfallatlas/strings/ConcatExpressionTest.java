package org.pitfallatlas.strings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class ConcatExpressionTest {

  @ParameterizedTest
  @ParamValues(of = ConcatExpression.class, field = "fieldLength")
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
