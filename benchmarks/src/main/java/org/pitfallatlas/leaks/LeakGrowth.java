package org.pitfallatlas.leaks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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

/*
 * The growth curve of a thread leak: what a process holds after each batch of timed-out requests.
 *
 * The Go figures are curves over time: "RSS climbs 200 MB overnight", "10 goroutines per minute
 * for 48+ hours", "500,000+ leaked goroutines". ParkedThreadLeak measures what a leak already made
 * costs each later request; this class measures the leak as it grows.
 *
 * The service is ParkedThreadLeak's (the same handler, helper and payload): a helper per request
 * holds the request's payload (payloadKiB) and take()s the backend's reply; the handler waits with
 * future.get(timeout). Every request here times out (the backend never replies; timeout 0, as in
 * ParkedThreadLeak's setup: how long the caller waits does not change whether the helper leaks).
 * The pitfall walks away and leaves the helper parked forever; the fix cancels it in finally.
 *
 * One operation is one batch of requestsPerIteration timed-out requests (SingleShotTime: each
 * iteration is exactly one batch, whatever the budget's iteration time). So the iteration index is
 * time: after iteration k the pitfall has leaked k batches (warm-up iterations included) and the
 * fix none. After every iteration (@TearDown(Level.Iteration), outside the timed batch) the class
 * waits until the helpers are all parked (pitfall) or all gone (fix), then takes the process's
 * state, which LeakGrowthProfiler reports as secondary results of that iteration:
 *   growth.requests         timed-out requests served since the fork started
 *   growth.helpers          helpers alive (a counter in the helper: exact for virtual threads too,
 *                           which ThreadMXBean does not see)
 *   growth.threads          live platform threads (ThreadMXBean): the pitfall's PLATFORM curve
 *   growth.heap             live heap after two System.gc(), MiB
 *   growth.rss              resident set size (/proc/self/status VmRSS), MiB
 *   growth.gc.time          GC time of the workload since the fork started (GarbageCollectorMXBean,
 *                           without the samples' own full collections), ms
 *   growth.gc.full          how long this sample's two full collections took, ms: the cost of a
 *                           full GC that must trace (virtual) or scan (platform) what leaked
 *   growth.heap.perRequest  (heap now - heap before the first batch) / requests served, B/request
 *   growth.rss.perRequest   the same for RSS
 * JMH's JSON keeps each iteration's value (rawData), so a fork's iterations are its curve; the
 * fix's must be flat. The perRequest rows are the slopes, from the fork's own start.
 *
 * What the curve should show, and why:
 *   - VIRTUAL: heap grows by ~7 KB per leaked request (ParkedThreadLeakTest: 6,985 B at payloadKiB=4,
 *     the payload plus the thread, its stack chunk, the future and the queue) and RSS hardly at
 *     all: the suite's fork heap is fixed and pre-touched (-Xms = -Xmx, AlwaysPreTouch), so its
 *     pages are resident before the first leak and the leak fills them. On the JVM such a leak
 *     shows as live heap, longer full GCs and finally OutOfMemoryError, not as RSS; a JVM whose
 *     heap may grow (-Xms < -Xmx) turns the same growth into RSS as G1 expands the heap.
 *   - PLATFORM: heap grows less per request (the stack is not in the heap) and RSS grows by the
 *     pages each parked thread's native stack touched plus the VM's per-thread structures: the
 *     JVM's "RSS climbs" is the platform-thread leak.
 *   - The fix: every curve flat (helpers 0, heap and RSS slopes ~0 B/request).
 * The workload's own GC time stays near zero at this size (a batch allocates a few MB in a 512 MB
 * heap): the GC cost of a leak is what each collection must trace, which growth.gc.full shows.
 *
 * Bounded: a fork leaks (warm-up + measurement iterations) x requestsPerIteration helpers: with
 * the suite's one warm-up, 2,500 at the quick budget (4 iterations), 4,500 at the full one (8).
 * Keep PLATFORM under ~10,000 by hand (pid_max 32768 on the reference machine): -i 10 -wi 0 at 500
 * per batch is 5,000. @TearDown(Level.Trial) interrupts and waits for every helper.
 *
 * How to read the result: the secondary rows, not the time. growth.*.perRequest are the slopes;
 * "200 MB overnight" is then arithmetic: 200 MB / slope = the leaked requests it takes. The time
 * per batch (ms) is what serving the batch cost; for PLATFORM it grows with the threads already
 * alive (see ParkedThreadLeak).
 *
 * What you should see: java -jar benchmarks/target/benchmarks.jar LeakGrowth -f 1 -wi 0 -i 8
 *   -prof org.pitfallatlas.leaks.LeakGrowthProfiler -jvmArgsPrepend "-Xms512m -Xmx512m
 *   -XX:+AlwaysPreTouch" -rf json, and read each fork's rawData of growth.heap and growth.rss.
 * One such run (2026-12-01, 1 fork, JDK 25, G1, the loaded 2-core machine; smoke-grade, not a
 * reference run), after iterations 1..8 (500..4,000 timed-out requests), slopes by least squares:
 *   pitfall VIRTUAL   heap MiB 7.0 10.5 13.8 17.2 20.5 23.8 27.1 30.4  -> 6,979 B/request
 *                     RSS  MiB 582.8 ... 583.3                         -> ~0 (128 B/request)
 *                     full GC ms 21 65 36 86 77 104 241 166            <- grows with the leak
 *   pitfall PLATFORM  heap MiB 5.7 8.0 10.2 12.5 14.7 17.0 19.2 21.5   -> 4,711 B/request
 *                     RSS  MiB 629 677 690 702 713 725 737 748         -> 25 KB/request after the
 *                     first 1,000 threads (which cost ~94 KB each); threads 507 .. 4,007
 *                     full GC ms 26 108 350 211 257 196 371 183
 *   fix (both kinds)  helpers 0, heap 3.5-3.6 MiB (13-15 B/request), RSS +0.3-1.5 MiB in all,
 *                     full GC 11-26 ms, flat
 * The workload's own GC time stayed at 0-3 ms: no young collection ran. Arithmetic from these
 * slopes: 200 MB is ~29,000 leaked virtual-thread requests of heap, or ~6,400-8,000 leaked
 * platform threads of RSS.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 8)
@Fork(3)
@State(Scope.Benchmark)
public class LeakGrowth {

  @Param({"VIRTUAL", "PLATFORM"})
  ParkedThreadLeak.Kind kind;

  @Param({"4"})
  int payloadKiB;

  /** Timed-out requests per iteration: the batch the pitfall leaks each time. */
  @Param({"500"})
  int requestsPerIteration;

  /** How long the state may take to settle after a batch before the run is refused. */
  static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** How long a sample waits for cancelled platform helpers to finish exiting. */
  static final long EXIT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private static final Path STATUS = Path.of("/proc/self/status");

  ParkedThreadLeak service;
  long served;
  long abandoned;
  Point start;
  private long gcAtStart;
  private long samplesGcMillis;

  /**
   * A Point is the process's state after some batches.
   *
   * @param requests timed-out requests served since the fork started
   * @param helpers helpers alive (the counter in {@link ParkedThreadLeak#helper})
   * @param platformThreads live platform threads (ThreadMXBean)
   * @param heapBytes heap in use after two full collections
   * @param rssBytes resident set size, -1 where /proc/self/status cannot be read
   * @param gcMillis the workload's GC time since the fork started, without the samples' own
   * @param fullGcMillis how long this sample's full collections took
   */
  record Point(
      long requests,
      int helpers,
      int platformThreads,
      long heapBytes,
      long rssBytes,
      long gcMillis,
      long fullGcMillis) {}

  /** A Growth is one iteration's point with the fork's starting point, for the slopes. */
  record Growth(Point start, Point now) {

    /** Heap gained per timed-out request since the start, NaN before the first request. */
    double heapPerRequest() {
      return perRequest(now.heapBytes() - start.heapBytes());
    }

    /** RSS gained per timed-out request since the start, NaN without RSS or requests. */
    double rssPerRequest() {
      return start.rssBytes() < 0 || now.rssBytes() < 0
          ? Double.NaN
          : perRequest(now.rssBytes() - start.rssBytes());
    }

    private double perRequest(long bytes) {
      return now.requests() == 0 ? Double.NaN : bytes / (double) now.requests();
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    service = new ParkedThreadLeak();
    service.leaked = 0;
    service.kind = kind;
    service.payloadKiB = payloadKiB;
    service.setUp(false);
    gcAtStart = totalGcMillis();
    start = sample();
  }

  /** Waits for the batch's helpers to park (pitfall) or end (fix), then records the state. */
  @TearDown(Level.Iteration)
  public void recordGrowth() throws InterruptedException {
    LeakGrowthProfiler.record(new Growth(start, settledSample()));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    service.tearDown();
  }

  /** A batch of timed-out requests whose handler walks away: each leaves its helper parked. */
  @Benchmark
  public long pitfallAbandonOnTimeout() throws InterruptedException {
    abandoned += requestsPerIteration;
    return serveTimedOutBatch(false);
  }

  /** The same batch with the helper cancelled in finally: nothing stays behind. */
  @Benchmark
  public long fixCancelOnTimeout() throws InterruptedException {
    return serveTimedOutBatch(true);
  }

  /** Serves one batch whose backend never replies; returns the sum of the answers (fallbacks). */
  long serveTimedOutBatch(boolean cancel) throws InterruptedException {
    long answers = 0;
    for (int i = 0; i < requestsPerIteration; i++) {
      answers += service.handle(service.payload(served++), null, 0, cancel);
    }
    return answers;
  }

  /** The state once every abandoned helper is parked and every cancelled one has ended. */
  Point settledSample() throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_NANOS;
    while (service.liveHelpers.get() != abandoned) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            service.liveHelpers.get() + " helpers alive after a batch, expected " + abandoned);
      }
      Thread.sleep(5);
    }
    // A platform helper that left take() may still be exiting for a moment (bounded wait: the
    // JVM may start threads of its own meanwhile).
    long exitDeadline = System.nanoTime() + EXIT_NANOS;
    while (kind == ParkedThreadLeak.Kind.PLATFORM
        && ManagementFactory.getThreadMXBean().getThreadCount()
            > start.platformThreads() + abandoned
        && System.nanoTime() < exitDeadline) {
      Thread.sleep(5);
    }
    return sample();
  }

  /** The state now: two full collections first, so the heap figure is the live set. */
  Point sample() {
    long gcBefore = totalGcMillis();
    System.gc();
    System.gc();
    long fullGc = totalGcMillis() - gcBefore;
    long workloadGc = gcBefore - gcAtStart - samplesGcMillis;
    samplesGcMillis += fullGc;
    return new Point(
        served,
        service.liveHelpers.get(),
        ManagementFactory.getThreadMXBean().getThreadCount(),
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
        rssBytes(),
        workloadGc,
        fullGc);
  }

  static long totalGcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** VmRSS of /proc/self/status in bytes, or -1 where that file cannot be read. */
  static long rssBytes() {
    try (var lines = Files.lines(STATUS)) {
      return lines
          .filter(l -> l.startsWith("VmRSS:") && l.endsWith(" kB"))
          .mapToLong(l -> 1024 * Long.parseLong(l.replaceAll("[^0-9]", "")))
          .findFirst()
          .orElse(-1);
    } catch (IOException | SecurityException e) {
      return -1;
    }
  }
}
