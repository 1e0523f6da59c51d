package org.pitfallatlas.channels;

import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
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
import org.pitfallatlas.load.Work;

/*
 * Buffer sizing under a bursty producer: does a small buffer absorb bursts?
 *
 * The Go pitfall, in two halves. An unbuffered channel (`make(chan T)`) makes every send wait
 * until the receiver is ready, so a producer that emits in bursts is held up at every item while
 * the consumer works. A buffer of 8-16 lets it drop the whole burst and get back to its own work.
 * The sources' rule: "a buffer of 8-16 absorbs bursts; 10,000 hides missing backpressure". This
 * class tests the first half (absorption, time); StalledConsumer tests the second (what the huge
 * buffer hides, time and memory until the producer first feels backpressure).
 *
 * The workload, the same in every method: a producer thread emits ITEMS (1024) pre-boxed items in
 * bursts of `burst` back-to-back puts, and after each burst does its own work: burst x 1.1 us of
 * xorshift steps (Work; say, parsing the next batch). A consumer thread takes each item and works
 * 1 us on it. The producer's average rate is 1/1.1 of the consumer's: the load is sustainable
 * (~91% utilisation), only bursty. An operation is the whole stream; it ends when the consumer
 * has processed the last item and returns the consumer's checksum (equal in every method; the
 * test checks it at every point). Both threads are a Crew started in @Setup and joined in
 * @TearDown; the JMH thread waits in the crew's barrier.
 *   - pitfallUnbuffered: a SynchronousQueue (the JDK's unbuffered channel: put() waits for a
 *     take(), a direct hand-off; since JDK 21 it is built on LinkedTransferQueue's dual-queue
 *     algorithm: spin briefly, then park).
 *   - pitfallHugeBuffer: an ArrayBlockingQueue(10000), the "just make it big" buffer.
 *   - fixSmallBuffer: an ArrayBlockingQueue(16).
 *
 * Expected shape, from the model above (the ideal, ignoring hand-off costs; times in units of
 * the consumer's 1 us):
 *   - a buffer that holds a whole burst lets the producer's own work overlap the consumer's:
 *     the stream takes ~1.1 x ITEMS units (the producer's pace) — fixSmallBuffer at burst <= 16,
 *     pitfallHugeBuffer at every burst;
 *   - unbuffered, the producer waits for the consumer at each item, so its own work no longer
 *     overlaps the consumer's: ~2.1 x ITEMS units at every burst, plus a park/unpark hand-off per
 *     item;
 *   - a burst bigger than the buffer (burst=64 vs 16 slots) blocks the producer for burst - 16
 *     items, and the small buffer falls between the two (~1.8 x ITEMS units).
 * So the pitfall/fix ratio unbuffered/16 should be ~1.9 at burst 4 and 16 (and smaller at 64),
 * and huge/16 ~1 at burst <= 16 — the extra 9,984 slots buy nothing once the burst fits — but
 * below 1 at 64, where only the big buffer holds the burst. A buffer must hold a burst; that is
 * its whole job, and "8-16" is right only for bursts of 8-16.
 *
 * What 2 cores can and cannot show: producer and consumer each have a core (the JMH thread is
 * parked in the barrier), which is the setting the model assumes. With more producers than cores
 * the overlap the buffer buys would be capped by the CPUs, not by the buffer; that case is not
 * measured here. The work unit is calibrated on the reference machine; elsewhere the shape holds
 * but not the microseconds.
 *
 * How to read: time per operation (us per 1024-item stream); pitfall/fix per burst. The cpu and
 * wall flame graphs of pitfallUnbuffered show the producer in SynchronousQueue.put ->
 * LinkedTransferQueue.awaitMatch -> LockSupport.park (and Thread.onSpinWait while it spins);
 * -prof gc shows the hand-off nodes the SynchronousQueue allocates per item (the items
 * themselves are pre-boxed in @State and allocate nothing).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(5)
@State(Scope.Benchmark)
public class BufferSizing implements ProducerConsumer.Sides<Long> {

  /** Items per operation (a multiple of every burst size). */
  static final int ITEMS = 1024;

  /** The consumer's work per item: ~1 us. */
  static final int CONSUMER_STEPS = Work.STEPS_PER_MICRO;

  /** The producer's own work per item it emits: ~1.1 us, so the load is ~91% of capacity. */
  static final int PRODUCER_STEPS = Work.STEPS_PER_MICRO * 11 / 10;

  static final int SMALL = ProducerConsumer.SMALL;
  static final int HUGE = ProducerConsumer.HUGE;

  @Param({"4", "16", "64"})
  int burst;

  Long[] items;
  ProducerConsumer<Long> crew;
  BlockingQueue<Long> unbuffered;
  private long consumed;
  private volatile long producerSink;

  @Setup(Level.Trial)
  public void setup() {
    if (ITEMS % burst != 0) {
      throw new IllegalArgumentException("burst must divide " + ITEMS + ": " + burst);
    }
    SplittableRandom random = new SplittableRandom(42);
    items = new Long[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      items[i] = random.nextLong() | 1L; // xorshift must not start from 0
    }
    crew = new ProducerConsumer<>("burst");
    unbuffered = new SynchronousQueue<>();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    crew.close();
  }

  @Benchmark
  public long pitfallUnbuffered() {
    return stream(unbuffered);
  }

  @Benchmark
  public long pitfallHugeBuffer() {
    return stream(crew.huge);
  }

  @Benchmark
  public long fixSmallBuffer() {
    return stream(crew.small);
  }

  /** Streams ITEMS items through {@code queue}: thread 0 produces in bursts, thread 1 consumes. */
  long stream(BlockingQueue<Long> queue) {
    crew.run(this, queue);
    return consumed;
  }

  /** Thread 0: the items in bursts, with the producer's own work after each burst. */
  @Override
  public void produce(BlockingQueue<Long> queue) throws InterruptedException {
    long own = 1;
    for (int next = 0; next < ITEMS; ) {
      for (int k = 0; k < burst; k++) {
        queue.put(items[next++]);
      }
      own = Work.steps(own, burst * PRODUCER_STEPS);
    }
    producerSink = own;
  }

  /** Thread 1: takes every item and works on it. */
  @Override
  public void consume(BlockingQueue<Long> queue) throws InterruptedException {
    long sum = 0;
    for (int n = 0; n < ITEMS; n++) {
      sum += Work.steps(queue.take(), CONSUMER_STEPS);
    }
    consumed = sum; // published by the crew's finish barrier
  }

  /** The checksum every method must return: the consumer's work over every item, serially. */
  long expected() {
    long sum = 0;
    for (Long item : items) {
      sum += Work.steps(item, CONSUMER_STEPS);
    }
    return sum;
  }
}
/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'channels.BufferSizing' -prof gc
 *
 * Smoke-run excerpt (scripts/atlas run channels --smoke: 1 fork, 1 x 100 ms iteration, JDK 25, the
 * 2-core KVM guest at load average ~9 from other jobs — single numbers, no verdict, shown for the
 * shape only; the reference run is the lead's):
 *
 *   BufferSizing.pitfallUnbuffered  burst=16  111752 us/op   36464 B/op  <- ~35 B per item: hand-off nodes
 *   BufferSizing.pitfallHugeBuffer  burst=16    5574 us/op     726 B/op
 *   BufferSizing.fixSmallBuffer     burst=16   14418 us/op    5352 B/op
 *   BufferSizing.pitfallUnbuffered  burst=64   29130 us/op   34708 B/op
 *   BufferSizing.pitfallHugeBuffer  burst=64    5017 us/op     557 B/op
 *   BufferSizing.fixSmallBuffer     burst=64   34125 us/op    6828 B/op
 *
 * On that loaded machine the stream took 5-100x the model's ~1.1 ms, and the 16-slot buffer was
 * slower than the 10,000-slot one at every burst, not only at 64: when the consumer loses its core
 * to another process, 16 slots fill and the producer parks and must be woken again, while 10,000
 * slots let it run on. A big buffer does absorb scheduler stalls of the consumer (up to its
 * capacity's worth of items) — the honest other side of the claim — and the model's equality at
 * burst <= 16 is for a machine where both threads keep their cores. Read the reference run, made
 * on a quiet machine, before drawing either conclusion.
 *
 * The reference run (20261201T040822Z, quiet machine, 3-6 forks, no fork disturbed) keeps the
 * surprise: fixSmallBuffer is as fast as pitfallHugeBuffer at burst=4 (+5.0%, [-12.2%, +25.6%])
 * but slower at burst=16 (2.39 vs 1.62 ms, +47.7% [+25.3%, +74.1%]) and burst=64 (3.78 vs 1.49
 * ms), so it is not (only) other processes taking the consumer's core. Park counts show why
 * (JFR jdk.ThreadPark with threshold 0 and no stacks, 1 fork of 3 x 1 s after 3 x 1 s warm-up,
 * quiet machine, commit e5eeda8; recipe: -jvmArgsAppend
 * "-XX:StartFlightRecording=filename=park.jfr,jdk.ThreadPark#threshold=0ms,jdk.ThreadPark#stackTrace=false"
 * and `jfr print --events jdk.ThreadPark`; an operation is one producer barrier park):
 *
 *                       burst  producer parks/op (mean)   consumer parks/op (mean)
 *   fixSmallBuffer          4        14.0  (23 us)              49.5  (11 us)
 *   pitfallHugeBuffer       4         0                         37.0  ( 7 us)
 *   fixSmallBuffer         16        60.2  (14 us)              49.0  (19 us)
 *   pitfallHugeBuffer      16         0                         13.8  (18 us)
 *   fixSmallBuffer         64        91.9  (22 us)              58.3  (34 us)
 *   pitfallHugeBuffer      64         0                          8.2  (25 us)
 *
 * At burst 16 the producer finds the 16 slots full on 60 of its 64 bursts per operation and
 * parks; with 10,000 slots it never parks. The mechanism: the consumer is only 9% faster than
 * the producer, so it runs the queue dry between bursts and parks on `notEmpty` (37-58 times per
 * operation with 16 slots); a parked consumer runs again only after the producer's signal has
 * woken it, and its parks last 11-34 us on average (waiting for the next item plus the wake-up).
 * Every microsecond the consumer is not running lets one more item pile up, so 16 slots overflow
 * whenever it loses 16 us behind the producer: even at burst 4 that happened 14 times per
 * operation. Then the producer parks too, and two wake-ups per overflow sit on the critical path
 * with nothing overlapping them. 10,000 slots absorb those delays as well: the consumer falls
 * behind, then stays awake draining the backlog (13.8 parks per operation instead of 49 at burst
 * 16). The hypothesis that stood here is borne out by the counts; the times under JFR are not
 * quoted (recording every park slows the park-heavy variants). What it means for the claim: "8-16
 * absorbs bursts" holds when an item's work is long against a thread's wake-up (tens of
 * microseconds on this VM); for 1 us items a buffer must be sized for the burst plus the
 * consumer's wake-up delays, not for the burst alone. The model at the top ignored wake-ups.
 * pitfallUnbuffered vs fixSmallBuffer: 9.75x at burst=4,
 * 7.08x at burst=16 (the model said ~1.9x: every SynchronousQueue hand-off parks and unparks).
 */
