package org.pitfallatlas.strings;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * DebugLogging — a debug line with an expensive field, through real SLF4J 2 + Logback 1.5, with
 * the DEBUG level disabled and enabled.
 *
 * The pitfall. Go code that builds log fields before the call (`log.Debug("processed",
 * zap.String("order", order.String()))`, or `fmt.Sprintf` into the message) pays for the
 * rendering even when the level is off. The JVM idiom has the same trap:
 * `log.debug("processed " + order + " in " + micros + " us")` renders the Order (every line
 * item: Order.toString() is the expensive field) and concatenates the message before debug()
 * can check the level.
 *
 * The fixes, all producing the identical line when DEBUG is on:
 *  - fixParameterized: `log.debug("processed {} in {} us", order, micros)`. Nothing is rendered
 *    unless the level is on; the residue when off is boxing `micros` (a long > 127) into a Long,
 *    unless C2 inlines debug() far enough for escape analysis to remove it.
 *  - fixLazySupplier: the SLF4J 2 fluent API, `log.atDebug().setMessage(...)
 *    .addArgument(() -> order.toString())...log()`. When off, atDebug() returns a no-op builder;
 *    the capturing lambda may still be allocated.
 *  - fixGuarded: `if (log.isDebugEnabled())` around the eager line: the classic guard.
 *
 * The setup, stated because it decides what "enabled" costs: the logger of this class is
 * configured programmatically in @Setup (no XML, so nothing clashes with other families'
 * resources): additive=false, level INFO (debug disabled) or DEBUG (enabled) from @Param, one
 * OutputStreamAppender with a PatternLayoutEncoder ("%level %logger{0} - %msg%n": no timestamp
 * or thread, so the line is deterministic) writing into a LogSink, a counting null stream. So
 * "enabled" pays for building the LoggingEvent, formatting the message, the pattern layout and
 * the encoding to bytes, but no file or console I/O. DebugLoggingTest captures the sink to prove
 * that the same line reaches the appender when enabled and nothing when disabled.
 *
 * The claim under test (ATLAS.md): "eager log-field construction" (a disabled-level log line built
 * eagerly vs parameterized/lazy logging through a real logger).
 *
 * How to read the result:
 *  - INFO (disabled): pitfallEagerConcat pays the whole rendering (~1 µs, ~1.5 KB/op for the
 *    16-line order); the fixes cost a few ns (2-3 orders of magnitude less) and 0 B/op: once C2
 *    inlines debug()/atDebug(), escape analysis removes the boxed Long and the lambda. This is
 *    the pair the claim is about.
 *  - DEBUG (enabled): everybody renders and appends the same line, so the four methods converge;
 *    parameterized and lazy even allocate more (~4.2 vs 3.1 KB/op: argument array, formatted
 *    message, boxed Long).
 *  - no sweep over sizes: the level IS the sweep. Flat within each level is expected.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class DebugLogging {

  static final String PATTERN = "%level %logger{0} - %msg%n";

  private static final Logger LOG = LoggerFactory.getLogger(DebugLogging.class);

  /** INFO: debug lines are disabled; DEBUG: they are formatted and appended. */
  @Param({"INFO", "DEBUG"})
  public String loggerLevel;

  /** Set by tests before {@link #setup()} to keep what the appender writes. */
  boolean captureForTest;

  Order order;
  long elapsedMicros;
  LogSink sink;

  @Setup
  public void setup() {
    order = Order.sample(16);
    elapsedMicros = 1_532L; // outside the Long cache, so boxing it allocates
    sink = captureForTest ? LogSink.capturing() : LogSink.discarding();

    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();

    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("DebugLogging-sink");
    appender.setEncoder(encoder);
    appender.setOutputStream(sink);
    appender.start();

    ch.qos.logback.classic.Logger logger = context.getLogger(DebugLogging.class);
    logger.detachAndStopAllAppenders();
    logger.setAdditive(false);
    logger.setLevel(Level.toLevel(loggerLevel, null));
    if (logger.getLevel() == null) {
      throw new IllegalArgumentException("unknown level: " + loggerLevel);
    }
    logger.addAppender(appender);
  }

  @TearDown
  public void tearDown() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(DebugLogging.class).detachAndStopAllAppenders();
  }

  @Benchmark
  public void pitfallEagerConcat() {
    LOG.debug("processed " + order + " in " + elapsedMicros + " us");
  }

  @Benchmark
  public void fixParameterized() {
    LOG.debug("processed {} in {} us", order, elapsedMicros);
  }

  @Benchmark
  public void fixLazySupplier() {
    LOG.atDebug()
        .setMessage("processed {} in {} us")
        .addArgument(() -> order.toString())
        .addArgument(elapsedMicros)
        .log();
  }

  @Benchmark
  public void fixGuarded() {
    if (LOG.isDebugEnabled()) {
      LOG.debug("processed " + order + " in " + elapsedMicros + " us");
    }
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'strings.DebugLogging' -prof gc
 *
 * Measured on this 2-core VM (JDK 25, G1, -f 1 -wi 3 -w 1s -i 3 -r 1s, -prof gc):
 *
 *   Benchmark                                          (loggerLevel) Mode Cnt    Score       Error Units
 *   DebugLogging.fixGuarded                                     INFO avgt   3    1.261     ± 3.456 ns/op
 *   DebugLogging.fixGuarded:gc.alloc.rate.norm                  INFO avgt   3    0.000     ± 0.000  B/op
 *   DebugLogging.fixGuarded                                    DEBUG avgt   3 1475.941  ± 8175.768 ns/op
 *   DebugLogging.fixGuarded:gc.alloc.rate.norm                 DEBUG avgt   3 3072.010     ± 0.053  B/op
 *   DebugLogging.fixLazySupplier                                INFO avgt   3    1.561     ± 1.665 ns/op
 *   DebugLogging.fixLazySupplier:gc.alloc.rate.norm             INFO avgt   3    0.000     ± 0.000  B/op
 *   DebugLogging.fixLazySupplier                               DEBUG avgt   3 2325.591 ± 13337.384 ns/op
 *   DebugLogging.fixLazySupplier:gc.alloc.rate.norm            DEBUG avgt   3 4176.016     ± 0.089  B/op
 *   DebugLogging.fixParameterized                               INFO avgt   3    2.986    ± 15.741 ns/op
 *   DebugLogging.fixParameterized:gc.alloc.rate.norm            INFO avgt   3    0.000     ± 0.000  B/op
 *   DebugLogging.fixParameterized                              DEBUG avgt   3 3573.564 ± 24243.148 ns/op
 *   DebugLogging.fixParameterized:gc.alloc.rate.norm           DEBUG avgt   3 4184.025     ± 0.163  B/op
 *   DebugLogging.pitfallEagerConcat                             INFO avgt   3  886.828  ± 3547.410 ns/op
 *   DebugLogging.pitfallEagerConcat:gc.alloc.rate.norm          INFO avgt   3 1512.006     ± 0.024  B/op
 *   DebugLogging.pitfallEagerConcat                            DEBUG avgt   3 1368.626  ± 2702.499 ns/op
 *   DebugLogging.pitfallEagerConcat:gc.alloc.rate.norm         DEBUG avgt   3 3072.009     ± 0.016  B/op
 *
 * The telling rows are INFO: the eager line renders and allocates 1,512 B/op for nothing,
 * while every fix costs a few ns and 0 B/op: C2 inlines the level check and escape analysis
 * removes the boxed Long and the lambda. At DEBUG all four append the same line; the
 * parameterized and fluent forms allocate ~35% more (4.2 vs 3.1 KB/op). Times: loaded VM.
 */
