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
 *  - INFO (disabled): pitfallEagerConcat pays the whole rendering (~1 µs-scale, ~1 KB/op for the
 *    16-line order); the fixes should be 1-2 orders of magnitude cheaper and allocate ~0 B/op
 *    (a Long or a lambda at most). This is the pair the claim is about.
 *  - DEBUG (enabled): everybody renders and appends the same line, so the four methods converge;
 *    parameterized and lazy can even cost a little more (message formatting walks the pattern).
 *  - no sweep over sizes: the level IS the sweep. Flat within each level is expected.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Thread)
public class DebugLogging {

  static final String PATTERN = "%level %logger{0} - %msg%n";

  private static final Logger LOG = LoggerFactory.getLogger(DebugLogging.class);

  /** INFO: debug lines are disabled; DEBUG: they are formatted and appended. */
  @Param({"INFO", "DEBUG"})
  String loggerLevel;

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
 * MEASURED_EXCERPT
 */
