package org.pitfallatlas.leaks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A thread parked forever on a queue nobody feeds: the JVM's goroutine leak.
 *
 * The Go pitfall: a handler starts a goroutine to call a backend and waits for its answer with a
 * timeout (select on the result channel and time.After). When the timeout wins, the handler
 * returns and nobody will ever feed or close the channel the goroutine waits on: it stays parked
 * forever, and everything it references (the request, a large struct) stays live with it. Nothing
 * fails; the process just grows ("RSS climbs 200 MB overnight", "500,000+ leaked goroutines").
 *
 * The JVM counterpart, as Java code really writes it: the handler submits a helper to a
 * thread-per-task executor; the helper holds the request's payload (payloadKiB, the "large
 * struct") and take()s the backend's reply from a per-request queue; the handler waits with
 * future.get(timeout). The pitfall catches the TimeoutException and returns a fallback without
 * cancelling: a dropped reply leaves the helper parked forever in take(), payload and all. The fix
 * is one line: future.cancel(true) in a finally block, which interrupts the helper, whose take()
 * throws, and the thread ends (what ctx cancellation or closing the channel does in Go).
 *
 * What JMH measures: the cost a service pays for the threads it has already leaked. The trial's
 * @Setup first serves `leaked` requests whose backend never replies (timeout 0: how long the caller
 * waits does not change whether the helper leaks) with the measured method's own handler: the
 * pitfall's history leaves `leaked` helpers parked, the fix's leaves none (setup waits for all of
 * them to end and checks the count). The measured operation is the same for both: one request the
 * backend does answer — a helper started, a 4 KiB reply handed over, the payload checksummed —
 * so each op allocates payload, reply, thread and queue, and the young collections it causes run
 * with `leaked` parked threads in the process. The pair differs only in its history.
 *
 * Mechanism (what the sweep should show, and why; checked only in part, 2026-12-01, on the loaded
 * 2-core machine, load average 8-36):
 *   - kind=PLATFORM: time per op grows with `leaked`. Not (mainly) from GC: outside JMH, 2,000
 *     ops of the pitfall took 1,720 us/op at leaked=0 and 4,861 us/op at leaked=10,000 with the
 *     same 4.8 KB/op of allocation (getCurrentThreadAllocatedBytes) and no young GC inside the
 *     timed loop. Each request starts and ends a platform thread, and that costs more with 10,000
 *     threads alive; the cause is a guess (HotSpot's list of all threads is copied on every thread
 *     start and exit, ThreadsSMRSupport), not verified with a profile. GC does pay too, per pause:
 *     every parked platform thread is a root whose stack each collection scans; in that run a
 *     young pause with 10,000 threads parked took 502 ms against 7-31 ms before (one
 *     observation on an overloaded machine). Each also holds its native stack outside the heap.
 *   - kind=VIRTUAL: a parked virtual thread is a heap object (its stack is a StackChunk): no root
 *     to scan, no OS thread, but retained heap that is promoted and traced by every concurrent
 *     mark. Per-op time should grow little at this size; the retained heap grows linearly (below).
 *   - leaked=0 is the control: both sides run the same code with the same (empty) history and
 *     must come out equal.
 *   - B/op: -prof gc's gc.alloc.rate.norm grows with leaked platform threads (smoke runs: 8 KB/op
 *     at 1,000 and 234 KB/op at 10,000 against 5 KB/op for the fix) although the operation's own
 *     allocation does not change (4.8 KB/op at 0 and at 10,000, measured as above): an artefact of
 *     the measurement with 10,000 platform threads alive (suspected: the profiler's per-iteration
 *     walk over every thread's allocation counter, spread over few ops), not verified. Read this
 *     pair's time, and its B/op only at leaked=0.
 * Heap retained per leaked request, measured by ParkedThreadLeakTest with MemoryMXBean after
 * System.gc() (JDK 25, G1, payloadKiB=4, leaked=10,000, 2026-12-01): VIRTUAL 6,985 B (the 4 KiB
 * payload plus the thread, its stack chunk, the future and the queue), PLATFORM 4,694 B (a
 * smaller heap share: the stack lives off-heap, in the thread's native stack); the fix 1 B.
 * At that rate "10 goroutines per minute for 48+ hours" (28,800 leaks) is ~200 MB of heap.
 *
 * Bounded memory: leaked <= 10,000 (100,000 virtual threads fit too: -p leaked=100000 -p
 * kind=VIRTUAL by hand; 100,000 platform threads would hit this machine's thread limits), 4 KiB
 * each, in the suite's 512 MiB fork heap. @TearDown interrupts every helper (shutdownNow) and
 * waits for them: nothing outlives the trial (ThreadLeakExtension checks the test).
 *
 * 2 cores: each op hands work to another thread and waits for it, so the two threads share the
 * two cores with the GC's workers; absolute times include that contention, the pair compares like
 * with like.
 *
 * How to read the result: pitfall/fix at leaked=1000 and 10000 per kind (time, us/op); leaked=0
 * should give ~1.0. A ratio near 1 for VIRTUAL means the leak costs memory, not time, at this size:
 * the figure that grows is the retained heap, and it grows without bound in a real service. Smoke
 * runs (1 fork, loaded machine, no verdict possible): PLATFORM leaked=10000 pitfall 5.8-6.5 ms/op
 * against 1.4-1.5 ms/op for the fix (x3.9 and x4.7 in two runs); VIRTUAL rows within the noise.
 *
 * What you should see: java -jar benchmarks/target/benchmarks.jar ParkedThreadLeak -prof gc
 *   -jvmArgsPrepend "-Xms512m -Xmx512m -XX:+AlwaysPreTouch"
 * and, to see the leak the way an operator would, jcmd <pid> Thread.dump_to_file -format=json
 * <file> on a fork: `leaked` threads whose top frames are ArrayBlockingQueue.take
 * under ParkedThreadLeak.helper (notebooks/leaks.ipynb, "take the JVM's goroutine dump").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class ParkedThreadLeak {

  /** Which threads the helpers run on. */
  public enum Kind {
    VIRTUAL,
    PLATFORM
  }

  @Param({"0", "1000", "10000"})
  int leaked;

  @Param({"VIRTUAL", "PLATFORM"})
  Kind kind;

  @Param({"4"})
  int payloadKiB;

  /** The backend's reply size (a 4 KiB response body), the same on both sides. */
  static final int REPLY_BYTES = 4096;

  /** How long a measured request waits for its helper: never reached, the backend answers. */
  static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** The answer a handler gives when its helper timed out. */
  static final long FALLBACK = -1;

  ExecutorService helpers;
  final AtomicInteger liveHelpers = new AtomicInteger();
  boolean cancelOnTimeout;
  byte[] reply;
  long seed;

  /** Heap retained per leaked request, in bytes, measured after System.gc() (setup only). */
  double retainedBytesPerLeak;

  @Setup(Level.Trial)
  public void setup(BenchmarkParams params) throws InterruptedException {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    setUp(method.startsWith("pitfall"));
  }

  /** Serves {@code leaked} dropped requests with the pitfall's or the fix's handler. */
  void setUp(boolean pitfallHistory) throws InterruptedException {
    helpers =
        switch (kind) {
          case VIRTUAL ->
              Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("helper-", 0).factory());
          case PLATFORM ->
              Executors.newThreadPerTaskExecutor(
                  Thread.ofPlatform().daemon().name("helper-", 0).factory());
        };
    cancelOnTimeout = !pitfallHistory;
    SplittableRandom random = new SplittableRandom(42);
    reply = new byte[REPLY_BYTES];
    random.nextBytes(reply);
    seed = random.nextLong();
    long before = usedHeapAfterGc();
    for (int i = 0; i < leaked; i++) {
      long answer = handle(payload(i), null, 0);
      if (answer != FALLBACK) {
        throw new IllegalStateException("a dropped request got an answer: " + answer);
      }
    }
    int expected = pitfallHistory ? leaked : 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (liveHelpers.get() != expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            liveHelpers.get() + " helpers alive after setup, expected " + expected);
      }
      Thread.sleep(10);
    }
    retainedBytesPerLeak = leaked == 0 ? 0 : (usedHeapAfterGc() - before) / (double) leaked;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    helpers.shutdownNow(); // interrupts every helper, the leaked ones too
    if (!helpers.awaitTermination(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(liveHelpers.get() + " helpers did not end: threads leak");
    }
  }

  /** The request's payload, the "large struct" its helper holds while it waits. */
  byte[] payload(long request) {
    byte[] p = new byte[payloadKiB * 1024];
    new SplittableRandom(seed ^ request).nextBytes(p);
    return p;
  }

  /** The helper: holds the payload, waits for the backend's reply, combines the two. */
  long helper(byte[] payload, BlockingQueue<byte[]> replies) throws InterruptedException {
    liveHelpers.incrementAndGet();
    try {
      byte[] r = replies.take(); // parks until the backend replies: forever if it never does
      return checksum(payload) * 31 + checksum(r);
    } finally {
      liveHelpers.decrementAndGet();
    }
  }

  /**
   * The handler: a helper per request and a bounded wait. {@code backendReply} null means the
   * backend dropped the request. The pitfall returns the fallback on timeout and walks away; the
   * fix cancels the helper in {@code finally}.
   */
  long handle(byte[] payload, byte[] backendReply, long timeoutNanos) throws InterruptedException {
    return handle(payload, backendReply, timeoutNanos, cancelOnTimeout);
  }

  /** The handler with the pitfall ({@code cancel} false) or the fix chosen by the caller. */
  long handle(byte[] payload, byte[] backendReply, long timeoutNanos, boolean cancel)
      throws InterruptedException {
    BlockingQueue<byte[]> replies = new ArrayBlockingQueue<>(1);
    Future<Long> answer = helpers.submit(() -> helper(payload, replies));
    try {
      if (backendReply != null) {
        replies.put(backendReply);
      }
      return answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return FALLBACK;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      if (cancel) {
        answer.cancel(true); // the fix: no-op when done, an interrupt when still waiting
      }
    }
  }

  static long checksum(byte[] bytes) {
    long h = 1125899906842597L;
    for (byte b : bytes) {
      h = 31 * h + b;
    }
    return h;
  }

  static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  long request;

  /** One answered request, served by a process that abandoned `leaked` helpers before. */
  @Benchmark
  public long pitfallAbandonOnTimeout() throws InterruptedException {
    return handle(payload(request++), reply, TIMEOUT_NANOS);
  }

  /** One answered request, served by a process whose handler cancelled its timed-out helpers. */
  @Benchmark
  public long fixCancelOnTimeout() throws InterruptedException {
    return handle(payload(request++), reply, TIMEOUT_NANOS);
  }
}
