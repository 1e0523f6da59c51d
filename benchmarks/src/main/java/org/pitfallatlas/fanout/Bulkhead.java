package org.pitfallatlas.fanout;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

/*
 * Bulkheads: one shared pool for every downstream vs a pool per downstream, when one stalls.
 *
 * The Go pitfall: a service bounds its outgoing calls with one worker pool (or one semaphore) for
 * all downstreams. When one downstream stalls, the calls to it hold the workers for 20x longer and
 * pile up in the pool's queue, so calls to the healthy downstreams wait behind them: one slow
 * dependency takes the whole service down. The fix is a bulkhead: a small pool per downstream, so a
 * stalled one exhausts only its own. (Resilience4j's ThreadPoolBulkhead is this; Go code uses a
 * semaphore or worker pool per dependency.)
 *
 * The set-up: DOWNSTREAMS = 4 downstreams (log-normal, median 1 ms, sigma 0.5, as in FanOutTail);
 * downstream 3 is slowed by @Param stallFactor. Its callers keep STALLED_IN_FLIGHT = 16 calls
 * outstanding: a platform thread (the "stalled traffic") submits a call to downstream 3 whenever
 * fewer than 16 are in flight, from @Setup(Level.Iteration) until the iteration ends (it stops by
 * itself after MAX_TRAFFIC_SECONDS at the latest, and @TearDown(Level.Iteration) stops it and
 * waits for its calls to drain). The measured operation is one call to a healthy downstream (0, 1,
 * 2 in turn) through the pool its method uses, waiting for the answer:
 *   - pitfallSharedPool: one Executors.newFixedThreadPool(POOL_THREADS = 8) for every downstream
 *     (its queue is unbounded, the JDK default); the stalled calls go through it too.
 *   - fixPoolPerDownstream: four fixed pools of POOL_THREADS / 4 = 2 threads each, one per
 *     downstream: the same 8 threads in all. The stalled calls queue in downstream 3's pool only.
 * Equal total threads keep it fair: the bulkhead does not win by having more workers.
 *
 * @Param stallFactor {1, 20}: at 1 nothing stalls (the control: the shared pool still queues the
 * healthy call behind the 16 outstanding calls to downstream 3, ~1 ms of them at 8 threads); at 20
 * downstream 3's median is 20 ms, and a healthy call in the shared pool waits for ~8 of those
 * queued ahead of it to start (~20 ms), while with bulkheads it keeps its ~1 ms.
 * Why 16 outstanding at both factors: a closed loop, as 16 client threads blocked on downstream 3
 * (or a concurrency limit of 16 upstream) produce. With open-loop arrivals the in-flight count grows
 * with the latency (Little's law: in flight = rate x latency), so a stall makes it worse than this:
 * the shared queue would grow for as long as the stall lasts.
 *
 * What the 2-core machine can and cannot show: the calls sleep, so 8 workers need no cores; the
 * effect is queueing, not CPU, and holds on any machine.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class Bulkhead {

  static final int DOWNSTREAMS = 4;
  static final int STALLED = DOWNSTREAMS - 1;
  static final int POOL_THREADS = 8;
  static final int STALLED_IN_FLIGHT = 16;
  static final int MAX_TRAFFIC_SECONDS = 60;

  @Param({"1", "20"})
  int stallFactor;

  Downstream healthy;
  Downstream stalled;
  SplittableRandom random;
  int next;
  ExecutorService shared;
  ExecutorService[] perDownstream;
  Thread stalledTraffic;
  Semaphore inFlight;
  volatile boolean trafficOn;
  volatile long stalledCalls;

  @Setup(Level.Trial)
  public void setUp() {
    healthy = new Downstream(FanOutTail.MEDIAN_MILLIS, FanOutTail.SIGMA);
    stalled = new Downstream(FanOutTail.MEDIAN_MILLIS * stallFactor, FanOutTail.SIGMA);
    random = new SplittableRandom(42);
    shared = Executors.newFixedThreadPool(POOL_THREADS);
    perDownstream = new ExecutorService[DOWNSTREAMS];
    for (int d = 0; d < DOWNSTREAMS; d++) {
      perDownstream[d] = Executors.newFixedThreadPool(POOL_THREADS / DOWNSTREAMS);
    }
  }

  /** Starts the stalled downstream's callers, through the pool the measured method uses. */
  @Setup(Level.Iteration)
  public void startStalledTraffic(BenchmarkParams params) {
    startStalledTraffic(params.getBenchmark().endsWith("pitfallSharedPool"));
  }

  void startStalledTraffic(boolean sharedPool) {
    ExecutorService pool = sharedPool ? shared : perDownstream[STALLED];
    inFlight = new Semaphore(STALLED_IN_FLIGHT);
    trafficOn = true;
    SplittableRandom trafficRandom = new SplittableRandom(7);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_TRAFFIC_SECONDS);
    stalledTraffic =
        Thread.ofPlatform()
            .name("stalled-traffic")
            .start(
                () -> {
                  while (trafficOn && System.nanoTime() < deadline) {
                    try {
                      if (!inFlight.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                        continue;
                      }
                    } catch (InterruptedException e) {
                      return;
                    }
                    long latency = stalled.latencyNanos(trafficRandom);
                    pool.execute(
                        () -> {
                          try {
                            Downstream.call(latency);
                          } finally {
                            inFlight.release();
                          }
                        });
                    stalledCalls++;
                  }
                });
  }

  /** Stops the stalled traffic and waits until its calls have drained from the pools. */
  @TearDown(Level.Iteration)
  public void stopStalledTraffic() throws InterruptedException {
    trafficOn = false;
    stalledTraffic.join();
    if (!inFlight.tryAcquire(STALLED_IN_FLIGHT, 30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("stalled calls did not drain");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    shutdown(shared);
    for (ExecutorService pool : perDownstream) {
      shutdown(pool);
    }
  }

  private static void shutdown(ExecutorService pool) throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
      pool.shutdownNow();
      throw new IllegalStateException("pool did not terminate: threads would leak");
    }
  }

  @Benchmark
  public long pitfallSharedPool() throws InterruptedException, ExecutionException {
    nextDownstream();
    long latency = healthy.latencyNanos(random);
    return shared.submit(() -> Downstream.call(latency)).get();
  }

  @Benchmark
  public long fixPoolPerDownstream() throws InterruptedException, ExecutionException {
    int d = nextDownstream();
    long latency = healthy.latencyNanos(random);
    return perDownstream[d].submit(() -> Downstream.call(latency)).get();
  }

  /** The healthy downstream of the next call: 0, 1, 2, 0, ... */
  private int nextDownstream() {
    int d = next;
    next = (next + 1) % STALLED;
    return d;
  }
}
/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'fanout.Bulkhead'
 *
 * Smoke run (1 fork, loaded machine), p50 of the healthy calls:
 *
 *                          stallFactor=1   stallFactor=20
 *   pitfallSharedPool         2.63 ms         26.0 ms    <- queued behind the stalled calls
 *   fixPoolPerDownstream      1.26 ms         1.27 ms    <- unaffected
 *
 * Little's law predicts ~24 ms of the 26: 8 of the 16 stalled calls are always queued and 8 workers serve
 * them at 8 / 22.7 ms (the stalled mean), so a queued call waits 8 / (8 / 22.7 ms) = 22.7 ms, plus
 * its own ~1.1 ms call.
 */
