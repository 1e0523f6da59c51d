package org.pitfallatlas.strings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DebugLoggingTest {

  private static final String ORDER_16_LINES =
      "Order{id=4711000, customer=ACME Corp., lines=[1xsku-1000, 3xsku-1037, 5xsku-1074,"
          + " 2xsku-1111, 4xsku-1148, 1xsku-1185, 3xsku-1222, 5xsku-1259, 2xsku-1296,"
          + " 4xsku-1333, 1xsku-1370, 3xsku-1407, 5xsku-1444, 2xsku-1481, 4xsku-1518,"
          + " 1xsku-1555]}";

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of(
            "pitfallEagerConcat", (Consumer<DebugLogging>) DebugLogging::pitfallEagerConcat),
        Arguments.of("fixParameterized", (Consumer<DebugLogging>) DebugLogging::fixParameterized),
        Arguments.of("fixLazySupplier", (Consumer<DebugLogging>) DebugLogging::fixLazySupplier),
        Arguments.of("fixGuarded", (Consumer<DebugLogging>) DebugLogging::fixGuarded));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void enabledDebugAppendsTheSameFormattedLine(String name, Consumer<DebugLogging> variant) {
    DebugLogging bench = configured("DEBUG");
    try {
      variant.accept(bench);
      variant.accept(bench);
      String line = "DEBUG DebugLogging - processed " + ORDER_16_LINES + " in 1532 us";
      assertThat(bench.sink.text())
          .isEqualTo(line + System.lineSeparator() + line + System.lineSeparator());
      assertThat(bench.sink.bytesWritten())
          .isEqualTo(2L * (line.length() + System.lineSeparator().length()));
    } finally {
      bench.tearDown();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void disabledDebugAppendsNothing(String name, Consumer<DebugLogging> variant) {
    DebugLogging bench = configured("INFO");
    try {
      variant.accept(bench);
      assertThat(bench.sink.text()).isEmpty();
      assertThat(bench.sink.bytesWritten()).isZero();
    } finally {
      bench.tearDown();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void theDiscardingSinkStillCountsEveryByte(String name, Consumer<DebugLogging> variant) {
    DebugLogging bench = new DebugLogging();
    bench.loggerLevel = "DEBUG";
    bench.setup();
    try {
      variant.accept(bench);
      assertThat(bench.sink.bytesWritten()).isGreaterThan(ORDER_16_LINES.length());
    } finally {
      bench.tearDown();
    }
  }

  private static DebugLogging configured(String level) {
    DebugLogging bench = new DebugLogging();
    bench.loggerLevel = level;
    bench.captureForTest = true;
    bench.setup();
    return bench;
  }
}
