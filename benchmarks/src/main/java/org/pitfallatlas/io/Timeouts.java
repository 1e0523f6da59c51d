package org.pitfallatlas.io;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.pitfallatlas.load.AsyncOpenLoop;
import org.pitfallatlas.load.LatencyLog;
import org.pitfallatlas.load.StallMeter;

/*
 * Calls without a timeout vs calls with one, when a downstream stalls ("5 ms vs 30 seconds").
 *
 * The Go pitfall: http.Get / http.DefaultClient, whose Timeout is zero: no limit. A call that
 * usually takes 5 ms waits 30 seconds (or forever) when the downstream stalls, and it holds what
 * the caller gave it meanwhile: a goroutine, a connection, a worker. With a bounded number of
 * workers, a few stalled calls hold them all, and the caller's OTHER requests, to healthy
 * downstreams, queue behind them. The fix is a deadline on every call (http.Client{Timeout: ...}
 * or a context.WithTimeout) a little above what a healthy call takes, so a stalled call gives its
 * worker back after the deadline instead of after the stall.
 *
 * The JVM twin: java.net.http.HttpClient has no timeout by default either: HttpRequest without
 * .timeout(...) waits as long as the server does, and a client without .connectTimeout(...) waits
 * for a connection as long as the OS does. The set-up:
 *   - a caller: a fixed pool of WORKERS = 8 platform threads (Executors.newFixedThreadPool, an
 *     unbounded queue: what a servlet container's request pool or a Go service with a worker pool
 *     looks like), each request one blocking send() on one shared HttpClient;
 *   - two LoopbackServers: "healthy" answers after a log-normal delay (median 2 ms, sigma 0.5: p99
 *     6.4 ms), "stalled" answers every request after STALL = 1 s;
 *   - open-loop arrivals (AsyncOpenLoop) at RATE = 200 requests/s; every (1 / stallShare)-th
 *     request goes to the stalled server (evenly spaced, the same calls on both sides and in every
 *     window), the others to the healthy one. Evenly spaced, not drawn at random: a first version
 *     drew them (share 0.05, seed 7) and got 6 stalls in a 1 s window instead of the expected 10,
 *     fewer than the workers, so the point showed nothing; with 200 requests a window the draw's
 *     spread (+-3) is as large as the effect's threshold.
 * The scaling: the sources' 5 ms vs 30 s is a factor of 6,000; here 2 ms vs 1 s, a factor of 500,
 * so a fork stays within seconds. What matters for the others is not the factor but how many
 * workers the stalls hold: RATE x stallShare x STALL (Little's law) against the 8 workers.
 *   - pitfallNoTimeout: the client and the requests without any timeout.
 *   - fixRequestTimeout: connectTimeout(1 s) on the client and timeout(TIMEOUT = 50 ms) on every
 *     request: "slightly above the healthy p99" as the caller sees it, not as the downstream does.
 *     The downstream's own p99 is 6.4 ms, but the caller's healthy p99 (client, scheduling, the
 *     worker queue) was 22-33 ms in the smoke runs on the loaded 2-core machine, and 25 ms timed
 *     out 5 of 60 healthy calls there; 50 ms leaves room. A timed-out call fails with
 *     HttpTimeoutException (the caller answers 504 at once) and the client closes its connection
 *     (the next call opens a new one: the fix's cost, counted in io.healthy.connections).
 * @Param stallShare: 0 (the control: nothing stalls, both sides should be equivalent), 0.02 (a
 * stall every 50 requests, 4 a window, holding at most 4 of the 8 workers without a timeout: the
 * healthy requests still find a free worker, so they should barely notice: stalls cost the others
 * nothing until they hold every worker), 0.05 (a stall every 20 requests, every 0.1 s: from the
 * 8th, at 0.75 s, all 8 workers are held until the first stall ends at 1.05 s, and the healthy
 * requests of that last quarter of the window queue behind them, up to ~300 ms; the p99 of the
 * healthy requests is one of them, their p50 is not; with a timeout the stalls hold 0.5 workers on
 * average).
 *
 * What is measured: the latency of the healthy requests only (the calls to the stalled server are
 * kept apart, AsyncOpenLoop's apart histogram, written to the log under the tag stalled-calls),
 * open-loop, each from its due time: p50/p99 per fork from the latency logs. Beside them, per
 * window: in flight (requests dispatched and not returned: the workers held plus the queue),
 * stalledPeak (the most workers held by stalled calls at once), timeouts (calls that hit the
 * deadline) and healthyTimeouts (healthy calls among them: should be ~0, or TIMEOUT is too
 * tight). A healthy call that timed out returns at once and is counted in the latencies too.
 *
 * One iteration is one window of arrivals (SingleShotTime), atlas.window.ms long but at least
 * MIN_WINDOW_MS = 1 s (1 s by default), then a grace of 2 x STALL + 500 ms (a stalled call may
 * first wait up to a STALL for a worker, then stall itself) for the calls in flight; between
 * windows the leftovers finish (untimed), so each window starts with idle workers.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(3)
@State(Scope.Benchmark)
public class Timeouts {

  /** The system property with the window of arrivals per iteration, in milliseconds. */
  static final String WINDOW_PROPERTY = "atlas.window.ms";

  /**
   * The shortest window of arrivals a fork uses, whatever the budget's iteration time: a 1 s stall
   * only fills the workers when ~10 stalls fall into one window (the family's quick budget has 200
   * ms iterations, for BatchedInserts).
   */
  static final long MIN_WINDOW_MS = 1000;

  /** The caller's worker threads. */
  static final int WORKERS = 8;

  /** Requests per second. */
  static final double RATE = 200;

  /** The healthy downstream's median latency, ms, and its log-normal sigma. */
  static final double HEALTHY_MEDIAN_MILLIS = 2;

  static final double HEALTHY_SIGMA = 0.5;

  /** How long the stalled downstream takes to answer. */
  static final Duration STALL = Duration.ofSeconds(1);

  /** The fix's deadline per request. */
  static final Duration TIMEOUT = Duration.ofMillis(50);

  /** The fix's deadline to connect. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  /** How long a window waits for its requests in flight after the arrivals end. */
  static final Duration GRACE = STALL.multipliedBy(2).plusMillis(500);

  /** How long a window's leftovers may take to finish before the next window. */
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

  /** The share of requests that go to the stalled downstream. */
  @Param({"0", "0.02", "0.05"})
  double stallShare;

  LoopbackServer healthy;
  LoopbackServer stalled;
  HttpClient noTimeoutClient;
  HttpClient timeoutClient;
  HttpRequest[] noTimeout;
  HttpRequest[] withTimeout;
  boolean[] stalledCall;
  ExecutorService workers;
  AsyncOpenLoop arrivals;

  final AtomicLong outstanding = new AtomicLong();
  final AtomicLong stalledHeld = new AtomicLong();
  final AtomicLong stalledPeak = new AtomicLong();
  final LongAdder timeouts = new LongAdder();
  final LongAdder healthyTimeouts = new LongAdder();

  StallMeter stallMeter;
  LatencyLog log;
  Histogram latencies;
  Histogram stalledLatencies;
  AsyncOpenLoop.Result last;
  double iterationStart;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    Map<String, String> p = new LinkedHashMap<>();
    for (String key : params.getParamsKeys()) {
      p.put(key, params.getParam(key));
    }
    long windowMs = Math.max(Long.getLong(WINDOW_PROPERTY, MIN_WINDOW_MS), MIN_WINDOW_MS);
    setUp(params.getBenchmark(), p, Duration.ofMillis(windowMs));
  }

  /** Starts the servers, the clients and the workers, and draws which calls stall. */
  void setUp(String benchmark, Map<String, String> params, Duration window) {
    if (!(stallShare >= 0 && stallShare <= 1)) {
      throw new IllegalArgumentException(
          "stallShare must be a share between 0 and 1: " + stallShare);
    }
    healthy =
        LoopbackServer.start(
            "healthy",
            LoopbackServer.Behaviour.immediate(64)
                .withLatency(HEALTHY_MEDIAN_MILLIS, HEALTHY_SIGMA),
            42);
    stalled =
        LoopbackServer.start(
            "stalled", LoopbackServer.Behaviour.immediate(64).withStalls(1.0, STALL), 43);
    noTimeoutClient = LoopbackServer.client();
    timeoutClient =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    arrivals = AsyncOpenLoop.of(RATE, window, GRACE);
    int n = (int) arrivals.scheduled();
    stalledCall = new boolean[n];
    noTimeout = new HttpRequest[n];
    withTimeout = new HttpRequest[n];
    int period = stallShare > 0 ? (int) Math.round(1 / stallShare) : 0;
    HttpRequest toHealthy = HttpRequest.newBuilder(healthy.uri("/work")).build();
    HttpRequest toStalled = HttpRequest.newBuilder(stalled.uri("/work")).build();
    HttpRequest toHealthyBounded =
        HttpRequest.newBuilder(healthy.uri("/work")).timeout(TIMEOUT).build();
    HttpRequest toStalledBounded =
        HttpRequest.newBuilder(stalled.uri("/work")).timeout(TIMEOUT).build();
    for (int i = 0; i < n; i++) {
      stalledCall[i] = period > 0 && i % period == period / 2;
      noTimeout[i] = stalledCall[i] ? toStalled : toHealthy;
      withTimeout[i] = stalledCall[i] ? toStalledBounded : toHealthyBounded;
    }
    workers =
        Executors.newFixedThreadPool(
            WORKERS, Thread.ofPlatform().name("caller-worker-", 0).factory());
    latencies = new Histogram(3);
    stalledLatencies = new Histogram(3);
    stallMeter = StallMeter.start();
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put("windowMs", Long.toString(window.toMillis()));
    p.put("rate", String.format(Locale.ROOT, "%.1f", RATE));
    log = LatencyLog.fromSystemProperty(benchmark, p);
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    latencies.reset();
    stalledLatencies.reset();
    stalledPeak.set(0);
    timeouts.reset();
    healthyTimeouts.reset();
    stallMeter.interval();
    iterationStart = LatencyLog.uptimeSeconds();
  }

  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) throws InterruptedException {
    endIteration(iteration.getType() == IterationType.WARMUP);
  }

  /** Writes the window's latencies and counts to the log, then waits for the leftovers. */
  void endIteration(boolean warmup) throws InterruptedException {
    double end = LatencyLog.uptimeSeconds();
    Histogram stall = stallMeter.interval();
    if (log != null) {
      String prefix = warmup ? LatencyLog.WARMUP : "";
      log.comment(prefix + iterationLine());
      log.write(prefix + LatencyLog.LATENCY, latencies, iterationStart, end);
      log.write(prefix + LatencyLog.STALL, stall, iterationStart, end);
      log.write(prefix + "stalled-calls", stalledLatencies, iterationStart, end);
    }
    drain();
  }

  /** The window's log line: the open loop's fields, then this class's counts. */
  String iterationLine() {
    return last.iterationLine()
        + String.format(
            Locale.ROOT,
            " stalledPeak=%d timeouts=%d healthyTimeouts=%d",
            stalledPeak.get(),
            timeouts.sum(),
            healthyTimeouts.sum());
  }

  /** Waits until every dispatched request has returned. */
  void drain() throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    while (outstanding.get() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            outstanding.get() + " requests still running " + DRAIN_LIMIT + " after the window");
      }
      Thread.sleep(1);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    try {
      drain();
      workers.shutdown();
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        workers.shutdownNow();
        throw new IllegalStateException("the caller's workers did not end: threads would leak");
      }
      stallMeter.close();
      noTimeoutClient.close();
      timeoutClient.close();
    } finally {
      healthy.close();
      stalled.close();
      if (log != null) {
        log.close();
      }
    }
  }

  /** One call: 1 when it got a 200, 0 when it timed out. */
  private long call(HttpClient client, HttpRequest request, boolean toStalled) {
    if (toStalled) {
      stalledPeak.accumulateAndGet(stalledHeld.incrementAndGet(), Math::max);
    }
    try {
      HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("the loopback server answered " + r.statusCode());
      }
      return 1;
    } catch (HttpTimeoutException e) {
      timeouts.increment();
      if (!toStalled) {
        healthyTimeouts.increment();
      }
      return 0;
    } catch (IOException e) {
      throw new IllegalStateException("a call to the loopback server failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      if (toStalled) {
        stalledHeld.decrementAndGet();
      }
    }
  }

  /** Serves one window; returns the number of calls that got a 200. */
  long serveWindow(HttpClient client, HttpRequest[] requests) {
    boolean[] toStalled = stalledCall;
    last =
        arrivals.run(
            i -> call(client, requests[(int) i], toStalled[(int) i]),
            request -> {
              outstanding.incrementAndGet();
              workers.execute(
                  () -> {
                    try {
                      request.run();
                    } finally {
                      outstanding.decrementAndGet();
                    }
                  });
              return true;
            },
            latencies,
            i -> toStalled[(int) i],
            stalledLatencies);
    return last.checksum();
  }

  @Benchmark
  public long pitfallNoTimeout() {
    return serveWindow(noTimeoutClient, noTimeout);
  }

  @Benchmark
  public long fixRequestTimeout() {
    return serveWindow(timeoutClient, withTimeout);
  }
}
/*
 * How to run / what you should see:
 *
 *   java -jar benchmarks/target/benchmarks.jar 'io.Timeouts' -f 1 -wi 1 -i 3 -p stallShare=0.02 \
 *     -jvmArgsAppend "-Datlas.window.ms=1000 -Datlas.latency.log=/tmp/timeouts-%p.hlog"
 *
 * JMH's own score is each window's wall time (the pitfall's is ~1 s longer: its last stalled calls
 * end a STALL after the window); the healthy requests' latencies and the counts are in the .hlog,
 * and FamilyReport.openLoop() tabulates them per point.
 *
 * A smoke run with 1 s windows (scripts/atlas run io --smoke --filter Timeouts --
 * -jvmArgsAppend -Datlas.window.ms=1000: 1 fork, 1 measured window per point, a loaded 2-core
 * machine; not a reference run), the healthy requests:
 *
 *   stallShare  pitfallNoTimeout p50 / p99   fixRequestTimeout p50 / p99   pitfall's window
 *   0           3.7 / 17.3 ms                4.0 / 9.6 ms                  inflightPeak 5
 *   0.02        3.7 / 8.7 ms                 3.5 / 9.4 ms                  stalledPeak 4 of 8
 *   0.05        4.6 / 307 ms   <- p99        4.1 / 8.4 ms                  stalledPeak 8 of 8
 *
 * At 0.05 all 8 workers are held from the 8th stall on and the healthy requests of the window's
 * last quarter queue (p99 36x; 57 requests in flight at the peak); at 0.02 the stalls leave
 * workers free and nothing shows; the fix timed out 10 and 4 calls, none of them healthy.
 */
