package org.pitfallatlas.errors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.pitfallatlas.errors.ChainErrors.Downstream;
import org.pitfallatlas.errors.ChainErrors.Failure;
import org.pitfallatlas.errors.ChainErrors.Layer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * LogAndRethrow — log the error at every layer and rethrow it, vs log it once at the edge,
 * through a real logger (SLF4J 2 + Logback 1.5) writing to a real file.
 *
 * The Go pitfall: `if err != nil { log.Printf("layer %d failed: %v", i, err); return
 * fmt.Errorf("layer %d: %w", i, err) }` at every layer: one failure becomes `depth` log entries,
 * each repeating everything below it. The JVM idiom is the same and worse:
 * `log.error("layer {} failed", i, e); throw new LayerException(context, e);` — Logback prints
 * the exception with its whole cause chain (each cause's own frames, then "... N common frames
 * omitted"), so the entry logged at layer i repeats the traces of every layer below it, and
 * printing a trace materialises StackTraceElement[] for every exception in the chain
 * (getStackTrace(), which WrappedErrors never calls). The lines written per failure grow like
 * depth * (H + depth) (H: the frames above the edge); the bytes land in a file.
 *
 * The variants (both throw exceptions with stack traces, as WrappedErrors' pitfall; the chain is
 * the same recursive layer method, a real frame per layer):
 *  - pitfallLogAndRethrow: every layer logs `log.error("layer {} failed", i, e)` and rethrows a
 *    wrapper; the edge (the request handler) logs the failure too, as handlers do. depth + 1
 *    entries, each with a stack trace.
 *  - fixLogAtEdge: every layer only wraps and rethrows; the edge logs once,
 *    `log.error("request failed", e)`: one entry whose cause chain already holds every layer's
 *    context. The fix loses no information: the one trace shows every layer's message and frames.
 *
 * The logger, stated because it decides what a line costs: this class's Logback logger,
 * configured programmatically in @Setup (no XML: nothing here touches other families'
 * configuration or the root logger), additive = false, level INFO, one FileAppender (immediate
 * flush, the default, so every entry is written to the file before log.error returns) with a
 * PatternLayoutEncoder "%d{yyyy-MM-dd HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n"
 * (Logback's usual layout; the exception is appended by its default %ex converter). The file lies
 * in a temporary directory made in @Setup and deleted in @TearDown; nothing goes to stdout, so
 * JMH's output stays clean. After every iteration (@TearDown(Level.Iteration), outside the
 * measured time) the file's size is taken and the file truncated, so the disk never holds more
 * than one iteration's log; LogBytesProfiler (listed in the suite's profilers) turns that size
 * into the secondary result log.bytes, bytes written per operation (the file's growth divided by
 * the iteration's operations).
 *
 * What the edge returns is WrappedErrors' Failure (layers, root message, outermost message), the
 * same in both variants; LogAndRethrowTest checks that, that both logs name the same root cause,
 * and that the pitfall writes one stack trace per layer (depth + 1 entries) and the fix one.
 *
 * How to read the result: the depth sweep (1, 4, 16, 64) is the control. fixLogAtEdge writes one
 * entry whose size grows linearly with depth (one more "Caused by" section per layer);
 * pitfallLogAndRethrow writes depth + 1 entries that each grow with depth, so its log.bytes and
 * time grow about quadratically and the ratio widens with depth. At depth 1 the pitfall writes two
 * entries against one: about 2x. Where the time goes, from the smoke run's cpu profile at depth
 * 16 (one profiled JVM on the loaded machine, 47 samples: a rough split): the pitfall's samples
 * lie in Logback's layout and throwable converter formatting the traces (StackTraceElement
 * rendering) and in the file write (15% of the JVM's samples under
 * OutputStreamAppender.writeBytes: writes to the page cache, no fsync, FileAppender never syncs);
 * the fix's mostly in ThrowableProxy, which calls getStackTrace() on every exception of the
 * chain. A slower disk would only widen the gap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class LogAndRethrow {

  static final String PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n";

  private static final Logger LOG = LoggerFactory.getLogger(LogAndRethrow.class);

  /**
   * The log's size at the end of the last iteration (bytes), or -1 when none was taken since the
   * last read: handed to {@link LogBytesProfiler} in the same JVM.
   */
  private static final AtomicLong LAST_ITERATION_BYTES = new AtomicLong(-1);

  /** How many layers lie between the edge and the failing downstream. */
  @Param({"1", "4", "16", "64"})
  public int depth;

  String rootMessage;
  ChainErrors.StackTraceChain chain;
  Path dir;
  Path file;
  FileAppender<ILoggingEvent> appender;

  @Setup
  public void setup() throws IOException {
    ChainErrors.checkDepth(depth);
    rootMessage = "connection refused: inventory-db:5432";
    chain = new ChainErrors.StackTraceChain(depth, rootMessage);
    dir = Files.createTempDirectory("atlas-errors-log-");
    file = dir.resolve("service.log");

    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();

    appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("LogAndRethrow-file");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    if (!appender.isStarted()) {
      throw new IllegalStateException(
          "Logback could not open the log file " + file + ": check that the temp dir is writable");
    }

    ch.qos.logback.classic.Logger logger = context.getLogger(LogAndRethrow.class);
    logger.detachAndStopAllAppenders();
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);
  }

  /** Hands the iteration's log size to the profiler and truncates the file (not measured). */
  @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
  public void rollOver() throws IOException {
    LAST_ITERATION_BYTES.set(Files.size(file));
    appender.stop();
    Files.delete(file);
    appender.start();
  }

  @TearDown
  public void tearDown() throws IOException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(LogAndRethrow.class).detachAndStopAllAppenders();
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  /** Returns the log size the last iteration left, and forgets it; -1 if there was none. */
  static long takeIterationBytes() {
    return LAST_ITERATION_BYTES.getAndSet(-1);
  }

  @Benchmark
  public Failure pitfallLogAndRethrow() {
    try {
      loggingLayer(1);
    } catch (Layer e) {
      LOG.error("request failed", e);
      return Failure.of(e);
    }
    throw new AssertionError("the downstream must fail");
  }

  @Benchmark
  public Failure fixLogAtEdge() {
    try {
      chain.layer(1);
    } catch (Layer e) {
      LOG.error("request failed", e);
      return Failure.of(e);
    }
    throw new AssertionError("the downstream must fail");
  }

  long loggingLayer(int i) throws Layer {
    try {
      return i == depth ? chain.downstream() : loggingLayer(i + 1) + 1;
    } catch (Downstream | Layer e) {
      LOG.error("layer {} failed", i, e);
      throw new Layer(ChainErrors.context(i), e);
    }
  }

  /** The log file's text so far (tests). */
  String logText() {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'errors.LogAndRethrow' -prof gc \
 *     -prof org.pitfallatlas.errors.LogBytesProfiler
 *
 * Expect log.bytes exactly reproducible per depth, the pitfall's growing about quadratically
 * and the fix's linearly, and time and B/op following the bytes. By hand on the shared 2-core VM
 * while other helpers' benchmarks ran (load average ~13; -f 1 -wi 2 -w 200ms -i 3 -r 200ms,
 * 2026-12-01; one fork, the times are inflated several-fold by the load and scatter widely: read
 * the shape):
 *
 *   depth   pitfallLogAndRethrow                     fixLogAtEdge
 *            time      B/op       log.bytes          time     B/op     log.bytes
 *       1    0.31 ms     37 KB      3,484 B/op       0.16 ms    20 KB    1,775 B/op
 *       4    1.37 ms    131 KB     11,320 B/op       0.25 ms    38 KB    2,588 B/op
 *      16    3.55 ms    911 KB     74,082 B/op       1.89 ms   105 KB    5,847 B/op
 *      64   42.5  ms  13.1 MB     827,850 B/op       4.03 ms   559 KB   18,903 B/op
 *
 * The telling column is log.bytes: 17 entries at depth 16 write 12.7x what the edge's one entry
 * writes, 65 entries at depth 64 write 44x (828 KB per failed request: a service failing 100
 * requests a second at that depth logs ~80 MB/s). The fix's single entry still names every
 * layer's context and frames. The smoke run's one-iteration times are not comparable (its
 * depth 1-16 pitfall forks happened to be faster than the fix forks): only the quick run's forks
 * decide the time rows.
 */
