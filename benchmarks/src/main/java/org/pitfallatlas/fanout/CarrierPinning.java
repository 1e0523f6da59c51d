package org.pitfallatlas.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.pitfallatlas.load.Work;

/*
 * Carrier hogging: a CPU-bound virtual thread holds its carrier.
 *
 * The Go story: goroutines are preempted asynchronously since Go 1.14 (a signal interrupts a
 * goroutine that has run for 10 ms), so a CPU-bound goroutine delays the others by at most a time
 * slice. The sources call the scheduler "cooperative", which has not been true of Go since 1.14 —
 * but it is true of the JVM's virtual threads: on JDK 21-25 a virtual thread leaves its carrier
 * only when it blocks (park, sleep, blocking I/O), yields, or ends. There is no time-slicing. With
 * as many CPU-bound virtual threads as carriers (the default scheduler has availableProcessors
 * carriers, 2 here), every other virtual thread waits until one of them ends.
 *
 * The set-up: @Param hogs CPU-heavy request handlers run during every iteration, each a loop of
 * CPU bursts of HOG_MILLIS = 20 ms (dependent xorshift steps, no blocking) separated by a blocking
 * call of PAUSE_MILLIS = 1 ms (a sleep, as an I/O call would), so a hog holds a carrier ~95% of the
 * time and lets go of it between bursts. They stop in @TearDown(Level.Iteration), which joins them,
 * and by themselves after MAX_HOG_SECONDS at the latest. (A first version resubmitted 20 ms hogs
 * from a platform "driver" thread; on 2 busy cores the driver woke late, the carriers sat free in
 * the gaps and the short tasks slipped through: p50 13 us at hogs=2. The loop inside the hog keeps
 * the pressure where a real handler puts it.) The
 * measured operation is a short latency-sensitive virtual thread (SHORT_STEPS xorshift steps, a few
 * microseconds): start it, join it. Its latency is the wait for a free carrier plus the work.
 * Each operation starts with THINK_MILLIS = 1 ms of think time on the JMH thread (a paced client).
 * Without it the closed loop fires its next request the instant the previous one ends — right
 * into the 1 ms window in which a hog sleeps and a carrier is free — so dozens of fast samples
 * follow every blocked one and the blocked requests are undercounted (coordinated omission: a
 * first version showed p50 13 us and p99 7.6 ms at hogs=2). With the pause, a request arrives at
 * an unrelated moment of the hogs' cycle, as an independent request would. The 1 ms is in every
 * sample on both sides: subtract it when reading the wait.
 *   - pitfallCpuWorkOnVirtualThreads: the hogs are virtual threads on the default scheduler — what
 *     "use a virtual thread per task" gives when some tasks are CPU-bound.
 *   - fixCpuWorkOnPlatformPool: the hogs run on a fixed platform pool of `hogs` threads, which the
 *     OS time-slices with the carriers, so the short tasks get a core within a scheduler tick.
 *     This is what a good engineer writes: virtual threads for blocking work, a bounded platform
 *     pool (sized to the cores) for CPU-bound work; JEP 444 says the same.
 *   - Thread.yield() inside the hog's loop is the other workaround people reach for. It is not a
 *     method here because it did not work reliably: with 2 hogs that yielded every ~50 us and
 *     never blocked, on 2 carriers, most short virtual threads started from the JMH thread ran
 *     within 0.2 ms but some waited until the hogs' 60 s deadline (p99 58 s; JDK 25, this
 *     machine, one exploratory fork). Our reading, not verified in the scheduler's source: a
 *     yielding virtual thread is re-queued on its carrier's own work queue, which the carrier
 *     polls before the external submission queue the short task sits in. Either way, yield is
 *     only a hint (its Javadoc) and no substitute for a platform pool.
 * Both spend the same CPU on hogs; only who schedules them differs.
 *
 * @Param hogs {1, 2}: with 1 hog a carrier stays free and the short task barely waits (the
 * control); with 2 = carriers on this machine both are held, and the short task waits for the
 * first burst to end: up to 20 ms, ~10 ms on average (the hog's sleep then frees the carrier, and
 * the short task, queued first, gets it). On a machine with more cores, hogs must reach
 * availableProcessors for the effect (jdk.virtualThreadScheduler.parallelism sets the carriers).
 *
 * What the 2-core machine can and cannot show: the carriers are the cores, so 2 hogs are enough;
 * with the platform pool the OS shares 2 cores among 2 hogs, the carriers and JMH's
 * thread, so the fix's latency is CFS's scheduling latency under oversubscription (sub-ms to a few
 * ms), not zero.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class CarrierPinning {

  static final int HOG_MILLIS = 20;
  static final int SHORT_STEPS = 2_000;
  static final int CLOCK_STEPS = 25_000;
  static final int PAUSE_MILLIS = 1;
  static final int THINK_MILLIS = 1;
  static final int MAX_HOG_SECONDS = 60;

  /** Who runs the CPU-bound tasks. */
  enum HogRunner {
    VIRTUAL,
    PLATFORM_POOL
  }

  @Param({"1", "2"})
  int hogs;

  long seed;
  final AtomicLong hogSink = new AtomicLong();
  ExecutorService platformPool;
  final List<Thread> hogThreads = new ArrayList<>();
  final List<Future<?>> hogFutures = new ArrayList<>();
  volatile boolean driving;

  @Setup(Level.Trial)
  public void setUp() {
    seed = 0x9E3779B97F4A7C15L;
  }

  @Setup(Level.Iteration)
  public void startHogs(BenchmarkParams params) {
    String b = params.getBenchmark();
    startHogs(b.endsWith("fixCpuWorkOnPlatformPool") ? HogRunner.PLATFORM_POOL : HogRunner.VIRTUAL);
  }

  void startHogs(HogRunner runner) {
    driving = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_HOG_SECONDS);
    platformPool = runner == HogRunner.PLATFORM_POOL ? Executors.newFixedThreadPool(hogs) : null;
    hogFutures.clear();
    hogThreads.clear();
    for (int h = 0; h < hogs; h++) {
      long hogSeed = (h + 1) * 0x9E3779B97F4A7C15L | 1L;
      Runnable loop = () -> hogSink.addAndGet(hogLoop(hogSeed, deadline));
      if (platformPool != null) {
        hogFutures.add(platformPool.submit(loop));
      } else {
        hogThreads.add(Thread.ofVirtual().name("hog-" + h).start(loop));
      }
    }
  }

  /** Stops the hogs and waits for them; nothing keeps running past the iteration. */
  @TearDown(Level.Iteration)
  public void stopHogs() throws Exception {
    driving = false;
    for (Thread t : hogThreads) {
      t.join();
    }
    for (Future<?> f : hogFutures) {
      f.get(30, TimeUnit.SECONDS);
    }
    hogThreads.clear();
    hogFutures.clear();
    if (platformPool != null) {
      platformPool.shutdown();
      if (!platformPool.awaitTermination(30, TimeUnit.SECONDS)) {
        platformPool.shutdownNow();
        throw new IllegalStateException("hog pool did not terminate");
      }
    }
  }

  /**
   * A CPU-heavy request handler: bursts of HOG_MILLIS of computation, each followed by a
   * PAUSE_MILLIS blocking call, until stopped (or the deadline passes).
   */
  long hogLoop(long seed, long deadline) {
    long x = seed;
    while (driving && System.nanoTime() < deadline) {
      x = burst(x, HOG_MILLIS);
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return x;
      }
    }
    return x;
  }

  /** A CPU burst: xorshift steps for {@code millis} ms, the clock read every CLOCK_STEPS. */
  static long burst(long seed, int millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long x = seed;
    do {
      x = Work.steps(x, CLOCK_STEPS);
    } while (System.nanoTime() < end);
    return x;
  }

  /** The short task's work: SHORT_STEPS dependent xorshift steps. */
  static long shortWork(long seed) {
    return Work.steps(seed, SHORT_STEPS);
  }

  /**
   * One request of a paced client: THINK_MILLIS of think time on the caller (a platform thread: no
   * carrier used), then a short task on a new virtual thread, joined; returns its answer.
   */
  long shortTask() throws InterruptedException {
    Thread.sleep(THINK_MILLIS);
    long[] out = new long[1];
    long s = seed++ | 1L;
    Thread t = Thread.ofVirtual().start(() -> out[0] = shortWork(s));
    t.join();
    return out[0];
  }

  @Benchmark
  public long pitfallCpuWorkOnVirtualThreads() throws InterruptedException {
    return shortTask();
  }

  @Benchmark
  public long fixCpuWorkOnPlatformPool() throws InterruptedException {
    return shortTask();
  }
}
/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'fanout.CarrierPinning'
 *
 * Smoke run (1 fork, loaded machine), p50 of the short task, 1 ms of think time included:
 *
 *                                     hogs=1     hogs=2
 *   pitfallCpuWorkOnVirtualThreads    1.23 ms    5.92 ms   <- waiting for a 20 ms burst to end
 *   fixCpuWorkOnPlatformPool          1.20 ms    1.21 ms   <- the OS time-slices the hogs
 */
