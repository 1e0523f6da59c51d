package org.pitfallatlas.presize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class BuilderAppendTest {

  @ParameterizedTest
  @ParamValues(of = BuilderAppend.class, field = "words")
  void bothBuildersProduceTheConcatenationOfAllWords(int words) {
    BuilderAppend bench = new BuilderAppend();
    bench.words = words;
    bench.setup();

    String expected = String.join("", bench.parts);
    assertThat(bench.parts).hasSize(words).allSatisfy(p -> assertThat(p).hasSizeBetween(4, 12));
    assertThat(bench.pitfallDefaultCapacity()).isEqualTo(expected);
    assertThat(bench.fixExactCapacity()).isEqualTo(expected);
  }
}
