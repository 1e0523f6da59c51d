package org.pitfallatlas.strings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class StringFormatTest {

  @ParameterizedTest
  @ParamValues(of = StringFormat.class, field = "nameLength")
  void formatAndConcatBuildTheSameLine(int nameLength) {
    StringFormat bench = new StringFormat();
    bench.nameLength = nameLength;
    bench.setup();

    String expected =
        "order 90210417 for " + "x".repeat(nameLength) + ": 17 items, total 1234567 cents";
    assertThat(bench.pitfallFormat()).isEqualTo(expected);
    assertThat(bench.fixConcat()).isEqualTo(expected);
  }

  /** The pair is only equal because the format pins Locale.ROOT: the default locale may not. */
  @Test
  void formatIsLocaleIndependent() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("ar-SA-u-nu-arab"));
      StringFormat bench = new StringFormat();
      bench.nameLength = 8;
      bench.setup();
      assertThat(bench.pitfallFormat()).isEqualTo(bench.fixConcat());
    } finally {
      Locale.setDefault(saved);
    }
  }
}
