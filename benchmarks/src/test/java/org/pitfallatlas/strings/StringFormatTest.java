package org.pitfallatlas.strings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.openjdk.jmh.annotations.Fork;
import org.pitfallatlas.suite.ParamValues;

class StringFormatTest {

  @ParameterizedTest
  @ParamValues(of = StringFormat.class, field = "nameLength")
  void formatAndConcatBuildTheSameLineUnderTheForksLocale(int nameLength) {
    withDefaultLocale(
        Locale.US, // what the class's @Fork sets
        () -> {
          StringFormat bench = newBenchmark(nameLength);

          String expected =
              "order 90210417 for " + "x".repeat(nameLength) + ": 17 items, total 1234567 cents";
          assertThat(bench.pitfallFormat()).isEqualTo(expected);
          assertThat(bench.fixConcat()).isEqualTo(expected);
        });
  }

  /** The pitfall formats with the default locale, as real code does: where it differs, no run. */
  @Test
  void setupRefusesALocaleWhoseDigitsDiffer() {
    withDefaultLocale(
        Locale.forLanguageTag("ar-SA-u-nu-arab"),
        () ->
            assertThatThrownBy(() -> newBenchmark(8))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ar-SA")
                .hasMessageContaining("-Duser.language=en"));
  }

  @Test
  void forksPinTheDefaultLocale() {
    assertThat(StringFormat.class.getAnnotation(Fork.class).jvmArgsAppend())
        .containsExactly("-Duser.language=en", "-Duser.country=US");
  }

  private static StringFormat newBenchmark(int nameLength) {
    StringFormat bench = new StringFormat();
    bench.nameLength = nameLength;
    bench.setup();
    return bench;
  }

  private static void withDefaultLocale(Locale locale, Runnable body) {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(locale);
      body.run();
    } finally {
      Locale.setDefault(saved);
    }
  }
}
