package org.pitfallatlas.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
 * Thread stacks: what a parked thread really costs, platform vs virtual.
 *
 * The Go claim (ATLAS.md): "A goroutine starts with 2 KB of stack vs 2-8 MB reserved for an OS
 * thread (three orders of magnitude)." It is why Go code starts a goroutine per request without a
 * second thought, and why the same habit with platform threads (a `new Thread` per task) is a
 * pitfall on the JVM: 10,000 blocked requests are 10,000 OS threads.
 *
 * Reserved vs committed, the distinction the claim blurs:
 *   - A platform thread's stack is a mapping of -Xss bytes of address space (ThreadStackSize: 1 MiB
 *     by default on Linux x64 for Java threads; glibc's 8 MiB `ulimit -s` applies to threads that
 *     are not Java's), plus guard pages. That is *reserved*: address space, not memory. The kernel
 *     backs a page only when the thread first touches it, so a thread parked a few frames deep has
 *     *committed* (resident) only the pages its frames reached, tens of KiB, plus the VM's own
 *     per-thread structures (JavaThread, its handle areas, malloc'd; NMT counts them as Thread too).
 *     NMT reports a stack's committed size from the pages actually resident (it asks the kernel,
 *     mincore), so its "committed" is the touched pages, not -Xss.
 *   - A virtual thread has no native stack. While it runs, its frames live on its carrier's stack;
 *     when it parks they are copied into a StackChunk object in the Java heap, sized to the frames
 *     (a few hundred bytes to a few KiB), next to its Thread and Continuation objects. Its reserved
 *     and committed memory are that heap, and it is freed by the GC like any object.
 * So the claim's "2-8 MB" is a reservation and "2 KB" an initial commitment: the two numbers do not
 * measure the same thing. This class measures both, per thread:
 *   - thread.reserved: NMT Thread reserved delta + heap-after-GC delta, per thread (for a platform
 *     thread ~ -Xss; for a virtual thread just its heap objects) — the claim's own comparison;
 *   - thread.committed: NMT Thread committed delta + heap-after-GC delta, per thread — what the
 *     threads really cost in memory. This is the honest figure; the claims ledger tests both.
 *   - thread.rss: the resident set size delta, per thread (the kernel's view; the fork's heap is
 *     fixed and pre-touched by the runner, so a heap object adds nothing to RSS: RSS shows native
 *     memory only), and thread.nmt.committed / thread.heap, the two parts of committed.
 * They come from ThreadMemory and reach the JMH results as secondary metrics through
 * ThreadMemoryProfiler (listed in the suite's profilers): one value per iteration.
 *
 * One operation (SingleShotTime, one per iteration): start `threads` threads that each descend
 * DEPTH frames (a recursive method with a few live locals, a modest request-handler depth), count
 * down a latch and park on a second one. The timed part ends when every thread is parked: the
 * score is the time to start `threads` parked threads. The untimed @TearDown(Level.Invocation)
 * then takes the memory snapshot while all are still parked (two System.gc() first, so heap use is
 * the live set), releases them and joins every one: nothing outlives the operation. The "before"
 * snapshot is the untimed @Setup(Level.Invocation), with no benchmark thread alive.
 *   - pitfallPlatformThreads: Thread.ofPlatform().start per task — thread-per-request.
 *   - fixVirtualThreads: Thread.ofVirtual().start per task — the JVM's `go f()`.
 * The fork runs with -XX:NativeMemoryTracking=summary (@Fork jvmArgsAppend; the runner prepends its
 * own flags, so this survives). NMT costs a little on every malloc; both sides pay it.
 *
 * @Param threads: 1000 and 10000. Per-thread figures should be flat across the sweep (the
 * control: a per-thread cost that changes with the count is a measurement artefact, e.g. GC noise
 * at 1000); the time grows linearly. 100000 is not run: on the reference machine pid_max is 32768
 * and vm.max_map_count 65530 (each thread stack is two mappings: stack and guard), so ~30,000
 * platform threads is the ceiling; virtual threads reach 100000 easily (-p threads=100000 by hand,
 * fixVirtualThreads only: ~0.1-0.2 GB of heap, so give the fork -Xmx1g).
 *
 * What the 2-core machine can and cannot show: memory is not a matter of cores, so the per-thread
 * figures hold on any machine with the same -Xss, page size and JDK; the start-up time does depend
 * on cores (thread creation is a clone() per platform thread, serialised in the kernel's mm lock).
 *
 * How to read the result: thread.committed fix/pitfall is the committed ratio, thread.reserved
 * fix/pitfall the claim's. Smoke run on the reference machine (1 fork, loaded machine, so only
 * indicative): platform 1.053 MB reserved and 34-37 KB committed per thread (NMT; RSS 12-15 KB),
 * virtual 2.0-2.5 KB of heap per thread: reserved ratio ~0.002 (the claim's three orders of
 * magnitude, nearly), committed ratio ~0.06 (one order of magnitude). Starting 10,000 parked
 * platform threads took 4.9 s, 10,000 virtual threads 23 ms.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 3, jvmArgsAppend = "-XX:NativeMemoryTracking=summary")
@State(Scope.Benchmark)
public class ThreadStacks {

  /** Frames each thread descends before it parks. */
  static final int DEPTH = 16;

  @Param({"1000", "10000"})
  int threads;

  long[] results;
  List<Thread> started;
  CountDownLatch parked;
  CountDownLatch release;
  ThreadMemory.Snapshot before;
  ThreadMemory.PerThread last;

  @Setup(Level.Invocation)
  public void setUp() {
    results = new long[threads];
    started = new ArrayList<>(threads);
    parked = new CountDownLatch(threads);
    release = new CountDownLatch(1);
    before = ThreadMemory.snapshot();
  }

  /** Measures while all threads are parked, then releases and joins every one. */
  @TearDown(Level.Invocation)
  public void measureAndJoin() throws InterruptedException {
    boolean allParked = parked.getCount() == 0;
    if (allParked) {
      last = ThreadMemory.perThread(before, ThreadMemory.snapshot(), threads);
      ThreadMemory.record(last);
    }
    release.countDown();
    for (Thread t : started) {
      t.join();
    }
    started.clear();
    if (!allParked) {
      throw new IllegalStateException("not every thread parked; nothing was measured");
    }
  }

  @Benchmark
  public int pitfallPlatformThreads() throws InterruptedException {
    return startParked(Thread.ofPlatform());
  }

  @Benchmark
  public int fixVirtualThreads() throws InterruptedException {
    return startParked(Thread.ofVirtual());
  }

  /** Starts the threads and returns once every one of them is parked DEPTH frames deep. */
  private int startParked(Thread.Builder builder) throws InterruptedException {
    for (int i = 0; i < threads; i++) {
      int slot = i;
      started.add(builder.start(() -> results[slot] = descend(DEPTH, slot)));
    }
    parked.await();
    return started.size();
  }

  /** Recurses {@code depth} frames with live locals, then parks until released. */
  long descend(int depth, long seed) {
    long local = seed * 31 + depth;
    if (depth == 0) {
      parked.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("a parked thread was interrupted", e);
      }
      return local;
    }
    return local + descend(depth - 1, seed);
  }
}
/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'fanout.ThreadStacks' \
 *     -prof org.pitfallatlas.fanout.ThreadMemoryProfiler
 *
 * The telling rows are the secondary metrics (smoke run, 1 fork, threads=10000):
 *
 *   ThreadStacks.pitfallPlatformThreads:thread.reserved    10000  ss  1052574 B/thread  <- -Xss + malloc
 *   ThreadStacks.pitfallPlatformThreads:thread.committed   10000  ss    33710 B/thread  <- touched pages
 *   ThreadStacks.fixVirtualThreads:thread.committed        10000  ss     1992 B/thread  <- heap chunk
 */
