package org.pitfallatlas.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * One fork's latency record: an HdrHistogram interval log ({@code .hlog}, the format jHiccup and
 * wrk2 write and {@code HistogramLogReader} reads) with one histogram per benchmark iteration and
 * kind, tagged {@code latency}, {@code stall} (the {@link StallMeter}), and the same with a {@code
 * warmup-} prefix for warm-up iterations. Interval times are the JVM's up-time in seconds, the
 * clock of the GC log's {@code uptime} decoration, so pauses and latencies share one time axis.
 * Values are nanoseconds.
 *
 * <p>The file is named by the system property {@value #PROPERTY} (the runner sets it per
 * configuration; {@code %p} becomes the fork's pid). Without it nothing is written and the
 * benchmark still runs (by hand, JMH's own score is all there is). The first lines are comments
 * naming the benchmark and its parameters, which the analysis reads back.
 */
public final class LatencyLog implements Closeable {

  /** The system property naming the log file; {@code %p} is replaced by the pid. */
  public static final String PROPERTY = "atlas.latency.log";

  /** The comment prefix of the header lines the analysis reads. */
  public static final String HEADER = "atlas ";

  /** Tag of the service's latencies. */
  public static final String LATENCY = "latency";

  /** Tag of the stall meter's lateness. */
  public static final String STALL = "stall";

  /** Prefix of the tags of warm-up iterations. */
  public static final String WARMUP = "warmup-";

  private final PrintStream out;
  private final HistogramLogWriter writer;
  private final Path file;

  private LatencyLog(Path file, PrintStream out) {
    this.file = file;
    this.out = out;
    this.writer = new HistogramLogWriter(out);
  }

  /**
   * Opens the file the system property names, or returns null when it is not set.
   *
   * @param benchmark the benchmark's name
   * @param params its parameters
   * @return the log, or null
   */
  public static LatencyLog fromSystemProperty(String benchmark, Map<String, String> params) {
    String name = System.getProperty(PROPERTY);
    if (name == null || name.isBlank()) {
      return null;
    }
    return open(
        Path.of(name.replace("%p", Long.toString(ProcessHandle.current().pid()))),
        benchmark,
        params);
  }

  /**
   * Opens (creates, never overwrites) a log file and writes its header.
   *
   * @param file the file; its folder is created
   * @param benchmark the benchmark's name
   * @param params its parameters
   * @return the log
   * @throws UncheckedIOException if the file exists or cannot be created
   */
  public static LatencyLog open(Path file, String benchmark, Map<String, String> params) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      PrintStream out =
          new PrintStream(
              Files.newOutputStream(file, StandardOpenOption.CREATE_NEW),
              true,
              StandardCharsets.US_ASCII);
      LatencyLog log = new LatencyLog(file, out);
      log.writer.outputLogFormatVersion();
      log.writer.outputComment(HEADER + "benchmark=" + benchmark);
      for (Map.Entry<String, String> p : new TreeMap<>(params).entrySet()) {
        log.writer.outputComment(HEADER + "param." + p.getKey() + "=" + p.getValue());
      }
      log.writer.outputComment(HEADER + "unit=ns");
      log.writer.outputStartTime(ManagementFactory.getRuntimeMXBean().getStartTime());
      log.writer.outputLegend();
      return log;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the latency log " + file + " (it must not exist yet): " + e, e);
    }
  }

  /** The JVM's up-time, in seconds (the GC log's clock). */
  public static double uptimeSeconds() {
    return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
  }

  /**
   * Writes one iteration's histogram.
   *
   * @param tag {@link #LATENCY} or {@link #STALL}, with {@link #WARMUP} in front for warm-up
   * @param h the values, nanoseconds
   * @param startSeconds the iteration's start, JVM up-time in seconds
   * @param endSeconds its end
   */
  public void write(String tag, Histogram h, double startSeconds, double endSeconds) {
    h.setTag(tag);
    writer.outputIntervalHistogram(startSeconds, endSeconds, h, 1.0);
  }

  /**
   * Writes a header-style comment line ({@code #atlas <text>}), e.g. an iteration's schedule and
   * whether it saturated; it goes before the histograms it describes.
   */
  public void comment(String text) {
    writer.outputComment(HEADER + text);
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    out.close();
  }
}
