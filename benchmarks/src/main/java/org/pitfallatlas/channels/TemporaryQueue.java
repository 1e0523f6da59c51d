package org.pitfallatlas.channels;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.pitfallatlas.load.Work;

/*
 * A temporary reply channel per request.
 *
 * The Go pitfall: request/response to a worker goroutine with a fresh reply channel per request,
 * `resp := make(chan int64, 1); work <- req{arg, resp}; v := <-resp`. Every request allocates a
 * channel (hchan, ~96 B plus its buffer) that lives for one round trip. The fix: reuse the reply
 * slot, since a caller has at most one request in flight.
 *
 * The JVM counterpart. The caller is the JMH thread; the worker is one long-lived platform thread
 * started in @Setup and stopped (a poison pill, then join) in @TearDown. Requests go through one
 * request queue, ArrayBlockingQueue(16), in every method; the worker computes a short function of
 * the argument (~0.2 us of xorshift steps) and replies. An operation is `requests` sequential
 * round trips and returns the sum of the replies (equal in every method; the test checks it at
 * every point).
 *   - pitfallQueuePerRequest: every request allocates its reply channel, an ArrayBlockingQueue(1)
 *     (`make(chan T, 1)`: the worker's reply never blocks), plus the Request record that carries
 *     it and the boxed Long reply. An ArrayBlockingQueue is not small: the queue, its Object[1],
 *     a ReentrantLock, its Sync and two Conditions: 168 B by JOL 0.17 on JDK 25 (queue 48 B,
 *     Object[1] 24 B, ReentrantLock 16 B, NonfairSync 32 B, 2 x ConditionObject 24 B), against
 *     Go's hchan of ~96 B plus an 8-byte buffer.
 *   - fixReusedQueue: the same code with one ArrayBlockingQueue(1) reused by the caller for every
 *     request (it is empty again after each take). Still a Request and a box per request: the
 *     pair isolates the temporary queue.
 *   - fixReusedSlot: what a JVM engineer writes for a single outstanding call: the caller's own
 *     Slot (the request and the reply in one reused object) sent to the worker, which writes the
 *     result into it and unparks the caller (LockSupport.park/unpark, no lock, no Condition, no
 *     allocation). The hand-off itself is the same: the caller waits, the worker wakes it.
 *
 * Sweep (@Param requests: 1, 64) and its expected shape: time and B/op grow linearly with
 * requests (per request: two thread hand-offs, caller to worker and back, each often a
 * park/unpark pair, so microseconds; the pitfall adds the queue allocation, tens of
 * nanoseconds of allocation and its share of GC). Expect the time ratio pitfall/fix near 1 (the
 * round trip's two hand-offs dominate a few hundred bytes of allocation) and the B/op ratio large.
 *
 * What 2 cores can and cannot show: caller and worker each have a core, so a waiting side may
 * find the reply after a short spin rather than a park; on a busy machine every hand-off is a
 * context switch and the allocation matters even less next to it.
 *
 * How to read: B/op per point (pitfall minus fixReusedQueue is the temporary queue, per request
 * when divided by `requests`), time per point; the alloc flame graph of the pitfall shows the
 * ArrayBlockingQueue constructor (ReentrantLock, newCondition).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(5)
@State(Scope.Benchmark)
public class TemporaryQueue {

  /** The worker's work per request: ~0.2 us. */
  static final int WORKER_STEPS = Work.STEPS_PER_MICRO / 5;

  /** A call the worker serves: its argument, and how it hands back the result. */
  interface Call {
    long argument();

    void reply(long result);
  }

  /** A request carrying its reply channel, as Go's `req{arg, resp}`. */
  record Request(long argument, BlockingQueue<Long> replies) implements Call {
    @Override
    public void reply(long result) {
      replies.add(result); // capacity 1 and one reply per request: never full
    }
  }

  /** The caller's reusable request-and-reply slot; one call in flight at a time. */
  static final class Slot implements Call {
    private final Thread caller;
    private long argument;
    private long result;
    private volatile boolean done;

    Slot(Thread caller) {
      this.caller = caller;
    }

    @Override
    public long argument() {
      return argument;
    }

    @Override
    public void reply(long value) {
      result = value;
      done = true; // volatile write publishes result
      LockSupport.unpark(caller);
    }

    /** Sends this slot as a request for {@code arg} and waits for its result. */
    long call(BlockingQueue<Call> requests, long arg) throws InterruptedException {
      argument = arg;
      done = false;
      requests.put(this);
      while (!done) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return result;
    }
  }

  private static final Call STOP =
      new Call() {
        @Override
        public long argument() {
          return 0;
        }

        @Override
        public void reply(long result) {}
      };

  @Param({"1", "64"})
  int requests;

  long[] arguments;
  BlockingQueue<Call> requestQueue;
  Thread worker;
  BlockingQueue<Long> reusedReplies;
  private Slot slot;

  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom random = new SplittableRandom(42);
    arguments = new long[requests];
    for (int i = 0; i < requests; i++) {
      arguments[i] = random.nextLong() | 1L;
    }
    requestQueue = new ArrayBlockingQueue<>(16);
    reusedReplies = new ArrayBlockingQueue<>(1);
    worker = new Thread(this::serve, "temporary-queue-worker");
    worker.setDaemon(true);
    worker.start();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    requestQueue.put(STOP);
    worker.join(30_000);
    if (worker.isAlive()) {
      throw new IllegalStateException("the worker did not stop: it would leak");
    }
  }

  private void serve() {
    try {
      while (true) {
        Call call = requestQueue.take();
        if (call == STOP) {
          return;
        }
        call.reply(Work.steps(call.argument(), WORKER_STEPS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Benchmark
  public long pitfallQueuePerRequest() throws InterruptedException {
    long sum = 0;
    for (long arg : arguments) {
      BlockingQueue<Long> replies = new ArrayBlockingQueue<>(1);
      requestQueue.put(new Request(arg, replies));
      sum += replies.take();
    }
    return sum;
  }

  @Benchmark
  public long fixReusedQueue() throws InterruptedException {
    BlockingQueue<Long> replies = reusedReplies;
    long sum = 0;
    for (long arg : arguments) {
      requestQueue.put(new Request(arg, replies));
      sum += replies.take();
    }
    return sum;
  }

  @Benchmark
  public long fixReusedSlot() throws InterruptedException {
    Slot mine = slot;
    if (mine == null || mine.caller != Thread.currentThread()) {
      mine = slot = new Slot(Thread.currentThread()); // once per trial: JMH's thread is fixed
    }
    long sum = 0;
    for (long arg : arguments) {
      sum += mine.call(requestQueue, arg);
    }
    return sum;
  }

  /** The sum every method must return. */
  long expected() {
    long sum = 0;
    for (long arg : arguments) {
      sum += Work.steps(arg, WORKER_STEPS);
    }
    return sum;
  }
}
/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'channels.TemporaryQueue' -prof gc
 *
 * Smoke-run excerpt (scripts/atlas run channels --smoke: 1 fork, 1 x 100 ms iteration, JDK 25, the
 * 2-core KVM guest at load average ~9 from other jobs — single numbers, no verdict, shown for the
 * shape only; the reference run is the lead's):
 *
 *   TemporaryQueue.pitfallQueuePerRequest  requests=64  2722 us/op  18713 B/op
 *   TemporaryQueue.fixReusedQueue          requests=64  3027 us/op   7256 B/op
 *   TemporaryQueue.fixReusedSlot           requests=64  1463 us/op   1116 B/op
 *
 * (18,713 - 7,256) / 64 = 179 B per request: the ArrayBlockingQueue(1), 168 B by JOL (below). The
 * times are ~40 us per round trip on that loaded machine, two context switches each; the queue's
 * allocation is lost in them.
 */
