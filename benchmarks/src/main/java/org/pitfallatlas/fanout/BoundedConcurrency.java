package org.pitfallatlas.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.pitfallatlas.jmh.PeakRssProfiler;
import org.pitfallatlas.load.AsyncOpenLoop;
import org.pitfallatlas.load.LatencyLog;
import org.pitfallatlas.load.StallMeter;

/*
 * Unbounded vs bounded concurrency, open loop: a thread per request, or a bound that sheds load.
 *
 * The Go pitfall: `go handle(req)` for every request, with nothing bounding how many run at once.
 * Goroutines are cheap, so the service accepts everything; but what the requests wait for (a
 * database, a downstream service) has finite capacity. Past it, every request queues there, the
 * queue grows for as long as the overload lasts, and every request's latency grows with it: the
 * service is up, and useless. The fix is a bound at the edge (a worker pool with a bounded queue,
 * or a semaphore) that rejects what it cannot serve in time (a 503), so the requests it accepts
 * keep a bounded latency.
 *
 * The set-up. Requests arrive open-loop (AsyncOpenLoop): request i is due at start + i / rate,
 * whatever the service is doing, and its latency runs from then to its return. Each request makes
 * one call to a downstream with SLOTS = 16 slots (a fair Semaphore: its connection pool or worker
 * count) whose service time is log-normal, median 5 ms, sigma 0.5 (Downstream's draw; the mean is
 * 5 exp(sigma^2 / 2) = 5.67 ms). Its capacity is SLOTS / mean = 2,824 requests/s, computed from the
 * distribution, the same on any machine (the calls sleep; no CPU is the bottleneck).
 * @Param load is the offered rate as a share of that capacity: 0.5 (1,412/s) and 1.5 (4,236/s).
 *   - pitfallThreadPerTask: a new platform thread per request (Executors.newThreadPerTaskExecutor).
 *   - pitfallVirtualThreadPerTask: a new virtual thread per request (the JVM's `go f()`).
 *   - fixBoundedPool: a ThreadPoolExecutor of SLOTS threads with a queue of BOUND - SLOTS = 16 and
 *     AbortPolicy: a request that finds 32 ahead of it is rejected.
 *   - fixVirtualSemaphore: a virtual thread per request behind a Semaphore(BOUND = 32), tryAcquire
 *     without waiting (Go's `select { case sem <- token: go f(); default: 503 }`); the 16 admitted
 *     requests beyond the downstream's slots wait in its fair queue.
 * The two fixes bound the same thing, BOUND = 32 requests in the service (16 at the downstream, 16
 * waiting), so they differ only in where the waiting requests sit (the pool's queue, without a
 * thread; the downstream's queue, each on a parked virtual thread). Why 2 x SLOTS and not SLOTS: a
 * bound with no room to wait rejects requests even below capacity whenever a few slow calls
 * overlap (Erlang's loss formula: ~0.5% at load 0.5 with 16 slots); 16 waiting places make that
 * vanishingly rare at 0.5 and cost a served request at most about one more service time at 1.5.
 *
 * What Little's law (in flight L = rate x latency W) says at each point:
 *   - load 0.5: W is one call, 5.67 ms, and L = 1,412/s x 5.67 ms = 8 in flight, half the slots:
 *     nothing queues, every variant serves every request, and the four should not differ.
 *   - load 1.5, unbounded: 4,236/s arrive and 2,824/s leave, so the downstream's queue grows by
 *     1,412 requests a second; a request arriving t seconds into the window waits ~t / 2 seconds,
 *     and at the end of a 1 s window ~1,400 requests (each with its own thread) are still waiting.
 *     There is no steady state, so L = λW does not hold: the system is saturated and the report shows
 *     it as such (no latency): the backlog needs ~0.5 s and the run waits only GRACE = 100 ms (20
 *     median calls, far beyond any healthy request's tail) after the window.
 *   - load 1.5, bounded: L is held at the bound, 32, served at the capacity, so W = 32 / 2,824/s =
 *     11.3 ms (half of it waiting for a slot); the rest, 1 - 2,824 / 4,236 = 1/3 of the requests,
 *     are rejected at once.
 * The log beside the latencies has each iteration's rejected count, unfinished count, peak and
 * mean in flight (sampled by the arrivals) and the in-flight count λW implies (inflightLittle), so a
 * report can set them against the bound, and the fork's peak RSS so far (rssPeakMiB: the 128 MiB
 * pre-touched heap plus what the threads cost). Peak in flight is also the peak number of request threads
 * for the per-task variants (one thread per request); the pool never has more than 16.
 *
 * Where a thread per request really queues. A virtual thread starts in microseconds, so the
 * unbounded virtual variant dispatches on time and its backlog is at the downstream (in flight
 * grows to ~1,000-1,900 in a 1 s window). A platform thread costs the generator a Thread.start on
 * every request (a kernel thread and its stack): on the loaded 2-core machine the generator fell
 * 50-280 ms behind at load 1.5, and once 254 ms behind at load 0.5 (the stall meter saw at most
 * 4 ms, so the JVM was not paused: the thread starts were slow), leaving that window saturated.
 * Those requests wait in front of the generator, as in a server's accept queue; their latency
 * still runs from their due time, and they count in the mean in flight (not in the peak, which is
 * the request threads alive).
 *
 * One iteration is one window of arrivals (SingleShotTime; JMH's score is the window's wall time,
 * dropped by the analysis); the window is the system property atlas.window.ms (the runner passes
 * the budget's iteration time; 1000 by default). Between iterations the remaining requests of a
 * saturated window are left to finish (untimed), so each window starts with an idle downstream.
 * Latencies go to the fork's HdrHistogram log (LatencyLog, atlas.latency.log), one latency and one
 * stall histogram per iteration, as the gc family's open-loop classes write them.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(3)
@State(Scope.Benchmark)
public class BoundedConcurrency {

  /** The downstream's slots (its connection pool). */
  static final int SLOTS = 16;

  /** The bound of the fixes: requests in the service at once, running or waiting. */
  static final int BOUND = 2 * SLOTS;

  static final double MEDIAN_MILLIS = 5;
  static final double SIGMA = 0.5;

  /** The downstream's capacity, requests per second: SLOTS over the mean service time. */
  static final double CAPACITY = SLOTS / (MEDIAN_MILLIS * Math.exp(SIGMA * SIGMA / 2) / 1e3);

  /** How long a window waits for its requests in flight after the arrivals end. */
  static final Duration GRACE = Duration.ofMillis(100);

  /** The system property with the window of arrivals per iteration, in milliseconds. */
  static final String WINDOW_PROPERTY = "atlas.window.ms";

  /** How long a saturated window's leftover requests may take to finish before the next one. */
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

  /** The offered rate as a share of the downstream's capacity. */
  @Param({"0.5", "1.5"})
  double load;

  SlotDownstream downstream;
  AsyncOpenLoop arrivals;
  long[] serviceNanos;
  ExecutorService platformPerTask;
  ExecutorService virtualPerTask;
  ThreadPoolExecutor boundedPool;
  Semaphore admission;
  final AtomicLong outstanding = new AtomicLong();
  TrackedThreads threads;

  StallMeter stalls;
  LatencyLog log;
  Histogram latencies;
  AsyncOpenLoop.Result last;
  double iterationStart;

  /** A downstream with SLOTS slots: calls beyond them wait, in order, for a free one. */
  static final class SlotDownstream {
    private final Semaphore slots;

    SlotDownstream(int slots) {
      this.slots = new Semaphore(slots, true);
    }

    /** Waits for a slot, holds it for {@code latencyNanos}, and answers with it. */
    long call(long latencyNanos) {
      slots.acquireUninterruptibly();
      try {
        return Downstream.call(latencyNanos);
      } finally {
        slots.release();
      }
    }
  }

  /**
   * The threads the dispatchers started, so the tear-down can join them: an executor counts as
   * terminated when its last task has returned, a moment before its thread has ended.
   */
  static final class TrackedThreads {
    private final Set<Thread> started = ConcurrentHashMap.newKeySet();

    ThreadFactory track(ThreadFactory factory) {
      return r -> {
        Thread t = factory.newThread(r);
        started.add(t);
        return t;
      };
    }

    /** Forgets the threads that have ended (thousands per window for a thread per request). */
    void forgetEnded() {
      started.removeIf(t -> !t.isAlive());
    }

    /** Waits for every thread started to end. */
    void joinAll(Duration limit) throws InterruptedException {
      for (Thread t : started) {
        if (!t.join(limit)) {
          throw new IllegalStateException(t + " did not end: threads would leak");
        }
      }
      started.clear();
    }
  }

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    Map<String, String> p = new LinkedHashMap<>();
    for (String key : params.getParamsKeys()) {
      p.put(key, params.getParam(key));
    }
    setUp(params.getBenchmark(), p, Duration.ofMillis(Long.getLong(WINDOW_PROPERTY, 1000)));
  }

  /**
   * Builds the downstream, the four dispatchers and the schedule, starts the stall meter and opens
   * the log (when the property names one).
   */
  void setUp(String benchmark, Map<String, String> params, Duration window) {
    double rate = load * CAPACITY;
    downstream = new SlotDownstream(SLOTS);
    arrivals = AsyncOpenLoop.of(rate, window, GRACE);
    Downstream draw = new Downstream(MEDIAN_MILLIS, SIGMA);
    SplittableRandom random = new SplittableRandom(42);
    serviceNanos = new long[(int) arrivals.scheduled()];
    for (int i = 0; i < serviceNanos.length; i++) {
      serviceNanos[i] = draw.latencyNanos(random);
    }
    threads = new TrackedThreads();
    platformPerTask =
        Executors.newThreadPerTaskExecutor(
            threads.track(Thread.ofPlatform().name("request-", 0).factory()));
    virtualPerTask =
        Executors.newThreadPerTaskExecutor(
            threads.track(Thread.ofVirtual().name("virtual-request-", 0).factory()));
    boundedPool =
        new ThreadPoolExecutor(
            SLOTS,
            SLOTS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(BOUND - SLOTS),
            threads.track(Thread.ofPlatform().name("bounded-pool-", 0).factory()),
            new ThreadPoolExecutor.AbortPolicy());
    boundedPool.prestartAllCoreThreads();
    admission = new Semaphore(BOUND);
    latencies = new Histogram(3);
    stalls = StallMeter.start();
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put("windowMs", Long.toString(window.toMillis()));
    p.put("rate", String.format(Locale.ROOT, "%.1f", rate));
    log = LatencyLog.fromSystemProperty(benchmark, p);
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    latencies.reset();
    stalls.interval();
    iterationStart = LatencyLog.uptimeSeconds();
  }

  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) throws InterruptedException {
    endIteration(iteration.getType() == IterationType.WARMUP);
  }

  /**
   * Writes the iteration's latencies and counts to the log, then waits (untimed) for the requests a
   * saturated window left behind.
   */
  void endIteration(boolean warmup) throws InterruptedException {
    double end = LatencyLog.uptimeSeconds();
    Histogram stall = stalls.interval();
    if (log != null) {
      String prefix = warmup ? LatencyLog.WARMUP : "";
      log.comment(prefix + iterationLine(last));
      log.write(prefix + LatencyLog.LATENCY, latencies, iterationStart, end);
      log.write(prefix + LatencyLog.STALL, stall, iterationStart, end);
    }
    drain();
  }

  /**
   * A window's log line: the gc family's fields (scheduled, served, the generator's lateness,
   * saturated), then this class's counts, which the analysis reads as per-fork metrics.
   */
  static String iterationLine(AsyncOpenLoop.Result r) {
    return r.iterationLine() + rssPeak();
  }

  /**
   * The fork's peak resident set size so far ({@code VmHWM}, what a container's memory limit sees:
   * the heap, and the stacks of the request threads), as {@code " rssPeakMiB=<n>"}; empty where
   * {@code /proc/self/status} has none.
   */
  static String rssPeak() {
    OptionalLong kib;
    try {
      kib = PeakRssProfiler.parseVmHwmKib(Files.readAllLines(Path.of("/proc/self/status")));
    } catch (IOException | SecurityException e) {
      kib = OptionalLong.empty();
    }
    return kib.isPresent() ? " rssPeakMiB=" + kib.getAsLong() / 1024 : "";
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
    threads.forgetEnded();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    drain();
    stalls.close();
    for (ExecutorService e : new ExecutorService[] {platformPerTask, virtualPerTask, boundedPool}) {
      e.shutdown();
      if (!e.awaitTermination(30, TimeUnit.SECONDS)) {
        e.shutdownNow();
        throw new IllegalStateException("an executor did not terminate: threads would leak");
      }
    }
    threads.joinAll(Duration.ofSeconds(30));
    if (log != null) {
      log.close();
    }
  }

  /** Serves one window of arrivals through {@code dispatcher}; returns the served checksum. */
  long serveWindow(AsyncOpenLoop.Dispatcher dispatcher) {
    long[] service = serviceNanos;
    last =
        arrivals.run(
            i -> downstream.call(service[(int) i]),
            request -> {
              outstanding.incrementAndGet();
              boolean accepted =
                  dispatcher.dispatch(
                      () -> {
                        try {
                          request.run();
                        } finally {
                          outstanding.decrementAndGet();
                        }
                      });
              if (!accepted) {
                outstanding.decrementAndGet();
              }
              return accepted;
            },
            latencies);
    return last.checksum();
  }

  /** Runs every request on a thread of its own from {@code perTask}: never rejects. */
  private static AsyncOpenLoop.Dispatcher unbounded(ExecutorService perTask) {
    return r -> {
      perTask.execute(r);
      return true;
    };
  }

  @Benchmark
  public long pitfallThreadPerTask() {
    return serveWindow(unbounded(platformPerTask));
  }

  @Benchmark
  public long pitfallVirtualThreadPerTask() {
    return serveWindow(unbounded(virtualPerTask));
  }

  @Benchmark
  public long fixBoundedPool() {
    return serveWindow(
        r -> {
          try {
            boundedPool.execute(r);
            return true;
          } catch (RejectedExecutionException e) {
            return false;
          }
        });
  }

  @Benchmark
  public long fixVirtualSemaphore() {
    return serveWindow(
        r -> {
          if (!admission.tryAcquire()) {
            return false;
          }
          virtualPerTask.execute(
              () -> {
                try {
                  r.run();
                } finally {
                  admission.release();
                }
              });
          return true;
        });
  }
}
/*
 * How to run / what you should see:
 *
 *   java -jar benchmarks/target/benchmarks.jar 'fanout.BoundedConcurrency' -f 1 -wi 1 -i 3 \
 *     -jvmArgsAppend "-Datlas.window.ms=1000 -Datlas.latency.log=/tmp/bounded-%p.hlog"
 *
 * JMH's own score is each window's wall time (window + wait for the requests in flight); the
 * latencies, rejected counts and in-flight counts are in the .hlog (the #atlas iteration lines),
 * and FamilyReport.openLoop() tabulates them per point.
 *
 * By hand, 1 fork, 3 windows of 1 s, a loaded 2-core machine (not a reference run):
 *
 *                            load  p50 ms  p99 ms  rejected  in flight peak / mean / λW
 *   fixBoundedPool            0.5    5.3    17       0%        17 / 7.7 / 8.4    <- λW = 8, as above
 *   fixBoundedPool            1.5   10.8    22      35%        32 / 30.9 / 31.6  <- held at the bound
 *   pitfallThreadPerTask      1.5   saturated: 1,400-1,700 of 4,236 unfinished per window,
 *                                   p50 185-330 ms, up to 1,925 request threads alive
 *
 * At 1.5 the fixes serve 2,760-2,830 requests/s, the capacity; W = 10.8 ms at the median matches
 * 32 / 2,824/s = 11.3 ms. A window costs ~1.1 s (~1.5 s for a saturated one, whose backlog drains
 * before the next), a fork 5-8 s.
 */
