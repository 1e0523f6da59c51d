package org.pitfallatlas.gc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.pitfallatlas.load.LatencyLog;
import org.pitfallatlas.load.OpenLoop;
import org.pitfallatlas.load.StallMeter;

/**
 * What the gc family's open-loop benchmarks share: the ServiceHeap live set, a fixed-rate load of
 * {@code load} x the capacity the runner measured ({@value #CAPACITY_PROPERTY}), one window of
 * arrivals per iteration ({@value #WINDOW_PROPERTY}), a stall meter, and the fork's latency log
 * (one latency and one stall histogram per iteration). ServiceLatency, AllocationLatency and
 * BurstLatency are this with different requests; it has no benchmark method of its own (JMH would
 * generate an inherited one in every subclass).
 *
 * <p>The subclasses declare the {@code @Param} fields {@code liveSetMiB}, {@code garbageKiB} and
 * {@code load} (each its own values); the set-up reads them from JMH's parameters by name.
 */
public abstract class OpenLoopService {

  /** The system property with the window of arrivals per iteration, in milliseconds. */
  public static final String WINDOW_PROPERTY = "atlas.window.ms";

  /** The system property with the capacity, requests per second. */
  public static final String CAPACITY_PROPERTY = "atlas.capacity";

  /** The offered rate, requests per second: load x capacity. */
  double rate;

  ServiceHeap service;
  OpenLoop arrivals;
  StallMeter stalls;
  LatencyLog log;
  Histogram latencies;
  OpenLoop.Result last;
  double iterationStart;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    Map<String, String> p = new LinkedHashMap<>();
    for (String key : params.getParamsKeys()) {
      p.put(key, params.getParam(key));
    }
    setUp(params.getBenchmark(), p);
  }

  /**
   * Builds the live set, starts the stall meter and opens the log (when the property names one).
   *
   * @param benchmark the benchmark's full name, for the log
   * @param params liveSetMiB, garbageKiB and load, as JMH passes them
   */
  void setUp(String benchmark, Map<String, String> params) {
    service = new ServiceHeap();
    service.liveSetMiB = intParam(params, "liveSetMiB");
    service.garbageKiB = intParam(params, "garbageKiB");
    service.setUp();
    double load = Double.parseDouble(param(params, "load"));
    rate = load * capacity(System.getProperty(CAPACITY_PROPERTY));
    long window = Long.getLong(WINDOW_PROPERTY, 1000);
    arrivals = OpenLoop.of(rate, Duration.ofMillis(window));
    latencies = new Histogram(3);
    stalls = StallMeter.start();
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put("windowMs", Long.toString(window));
    p.put("rate", String.format(Locale.ROOT, "%.1f", rate));
    log = LatencyLog.fromSystemProperty(benchmark, p);
  }

  private static String param(Map<String, String> params, String name) {
    String v = params.get(name);
    if (v == null) {
      throw new IllegalStateException("missing @Param " + name + " (have " + params + ")");
    }
    return v;
  }

  private static int intParam(Map<String, String> params, String name) {
    return Integer.parseInt(param(params, name));
  }

  /** Reads the capacity property, or says how to set it. */
  static double capacity(String property) {
    String how =
        " (the runner sets it to the slowest configuration's ServiceHeap.baselineThroughput at"
            + " this point; by hand, pass -jvmArgsAppend -D"
            + CAPACITY_PROPERTY
            + "=<requests per second>)";
    if (property == null || property.isBlank()) {
      throw new IllegalStateException(
          "an open-loop benchmark needs the capacity its load is a share of: "
              + CAPACITY_PROPERTY
              + how);
    }
    double c;
    try {
      c = Double.parseDouble(property.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          CAPACITY_PROPERTY
              + " must be a number of requests per second, not '"
              + property
              + "'"
              + how);
    }
    if (!(c > 0) || Double.isInfinite(c)) {
      throw new IllegalStateException(
          CAPACITY_PROPERTY
              + " must be a positive number of requests per second: "
              + property
              + how);
    }
    return c;
  }

  @Setup(Level.Iteration)
  public void startIteration(IterationParams iteration) {
    startIteration(iteration.getType() == IterationType.WARMUP);
  }

  /** Starts a window: clears its histograms and notes its start. */
  void startIteration(boolean warmup) {
    latencies.reset();
    stalls.interval();
    iterationStart = LatencyLog.uptimeSeconds();
  }

  /** Serves one window of arrivals of {@code request}; returns the requests' checksum. */
  long serveWindow(LongSupplier request) {
    last = arrivals.run(request, latencies);
    return last.checksum();
  }

  /** Words appended to the iteration's log line (e.g. " burst"); none by default. */
  String phase() {
    return "";
  }

  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    endIteration(iteration.getType() == IterationType.WARMUP);
  }

  /** Writes the iteration's latencies and stalls to the log, tagged warm-up or not. */
  void endIteration(boolean warmup) {
    double end = LatencyLog.uptimeSeconds();
    Histogram stall = stalls.interval();
    if (log != null) {
      String prefix = warmup ? LatencyLog.WARMUP : "";
      log.comment(
          String.format(
              Locale.ROOT,
              "%siteration scheduled=%d served=%d maxQueuedNs=%d elapsedNs=%d%s%s",
              prefix,
              last.scheduled(),
              last.served(),
              last.maxQueuedNanos(),
              last.elapsedNanos(),
              last.saturated() ? " saturated" : "",
              phase()));
      log.write(prefix + LatencyLog.LATENCY, latencies, iterationStart, end);
      log.write(prefix + LatencyLog.STALL, stall, iterationStart, end);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    stalls.close();
    if (log != null) {
      log.close();
    }
  }
}
