package org.pitfallatlas.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.errors.ChainErrors.Failure;
import org.pitfallatlas.suite.ParamValues;

class LogAndRethrowTest {

  /** The first line of an entry: "2026-12-01 10:20:49.123 [thread] ERROR logger - message". */
  private static final Pattern ENTRY =
      Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[.*?\\] ERROR ");

  /** The root cause as a trace prints it (after "Caused by: ", or first in the deepest entry). */
  private static final String ROOT_TRACE =
      "org.pitfallatlas.errors.ChainErrors$Downstream: connection refused: inventory-db:5432";

  private static final String ROOT = "Caused by: " + ROOT_TRACE;

  @ParameterizedTest
  @ParamValues(of = LogAndRethrow.class, field = "depth")
  void bothVariantsReportTheSameRootCause(int depth) throws Exception {
    Failure expected =
        new Failure(depth, "connection refused: inventory-db:5432", "layer 1: loading inventory");
    for (Function<LogAndRethrow, Failure> variant :
        List.<Function<LogAndRethrow, Failure>>of(
            LogAndRethrow::pitfallLogAndRethrow, LogAndRethrow::fixLogAtEdge)) {
      LogAndRethrow bench = bench(depth);
      try {
        assertThat(variant.apply(bench)).isEqualTo(expected);
        String log = bench.logText();
        // The edge's entry is the last one in both logs, and its cause chain ends at the root.
        String edgeEntry = log.substring(lastEntryStart(log));
        assertThat(edgeEntry).contains("ERROR").contains(" - request failed").contains(ROOT);
        assertThat(edgeEntry).contains("layer " + depth + ": loading inventory");
      } finally {
        bench.tearDown();
      }
    }
  }

  @ParameterizedTest
  @ParamValues(of = LogAndRethrow.class, field = "depth")
  void thePitfallWritesOneStackTracePerLayerAndTheFixOne(int depth) throws Exception {
    // One bench at a time: both configure the same class's logger.
    String pitfallLog = logOf(depth, LogAndRethrow::pitfallLogAndRethrow);
    String fixLog = logOf(depth, LogAndRethrow::fixLogAtEdge);
    // One entry per layer plus the edge's; every entry carries a trace whose root is the same.
    assertThat(ENTRY.matcher(pitfallLog).results().count()).isEqualTo(depth + 1L);
    assertThat(occurrences(pitfallLog, ROOT_TRACE)).isEqualTo(depth + 1);
    for (int i = 1; i <= depth; i++) {
      assertThat(pitfallLog).contains(" - layer " + i + " failed");
    }
    assertThat(ENTRY.matcher(fixLog).results().count()).isEqualTo(1L);
    assertThat(occurrences(fixLog, ROOT)).isEqualTo(1);
    // The fix's one trace already names every layer's context: nothing is lost.
    for (int i = 1; i <= depth; i++) {
      assertThat(fixLog).contains("layer " + i + ": loading inventory");
    }
    assertThat(pitfallLog.length()).isGreaterThan(fixLog.length());
  }

  private static String logOf(int depth, Function<LogAndRethrow, Failure> variant)
      throws Exception {
    LogAndRethrow bench = bench(depth);
    try {
      variant.apply(bench);
      return bench.logText();
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void theIterationTearDownHandsTheFileSizeToTheProfilerAndTruncates() throws Exception {
    LogAndRethrow bench = bench(4);
    try {
      LogAndRethrow.takeIterationBytes();
      bench.fixLogAtEdge();
      bench.fixLogAtEdge();
      long size = Files.size(bench.file);
      assertThat(size).isPositive();
      bench.rollOver();
      assertThat(LogAndRethrow.takeIterationBytes()).isEqualTo(size);
      assertThat(LogAndRethrow.takeIterationBytes()).isEqualTo(-1);
      assertThat(Files.size(bench.file)).isZero();
      bench.fixLogAtEdge();
      assertThat(Files.size(bench.file)).isEqualTo(size / 2);
      // Two operations' bytes over two operations: the profiler's B/op.
      assertThat(LogBytesProfiler.results(size, 2))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getLabel()).isEqualTo(LogBytesProfiler.LABEL);
                assertThat(r.getScore()).isEqualTo(size / 2.0);
                assertThat(r.getScoreUnit()).isEqualTo("B/op");
              });
      assertThat(LogBytesProfiler.results(-1, 2)).isEmpty();
    } finally {
      bench.tearDown();
    }
    assertThat(bench.dir).doesNotExist();
  }

  @Test
  void nothingReachesTheRootLogger() throws Exception {
    LogAndRethrow bench = bench(1);
    try {
      ch.qos.logback.classic.Logger logger =
          (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LogAndRethrow.class);
      assertThat(logger.isAdditive()).isFalse();
      assertThat(logger.iteratorForAppenders()).toIterable().hasSize(1);
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void aDepthBelowOneIsRejectedWithWhatToPass() {
    LogAndRethrow bench = new LogAndRethrow();
    bench.depth = -1;
    assertThatThrownBy(bench::setup)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("depth must be at least 1");
  }

  private static LogAndRethrow bench(int depth) throws Exception {
    LogAndRethrow bench = new LogAndRethrow();
    bench.depth = depth;
    bench.setup();
    return bench;
  }

  private static int lastEntryStart(String log) {
    int start = -1;
    var m = ENTRY.matcher(log);
    while (m.find()) {
      start = m.start();
    }
    assertThat(start).as("an ERROR entry in the log").isNotNegative();
    return start;
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
