package org.pitfallatlas.channels;

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
 * What a huge buffer hides: how long a stalled consumer goes unnoticed, and what piles up.
 *
 * The Go pitfall: `make(chan Msg, 10000)` "so the producer never blocks". When the consumer
 * stalls (its downstream hangs), the producer keeps going, and nobody notices until 10,000
 * messages are queued: the producer's first sign of trouble (a blocked send, or the `default:`
 * branch of a non-blocking `select` that sheds or reports) comes after 10,000 messages' worth of
 * time, and each of them is held in memory and will be processed late. With 16 slots the
 * producer feels backpressure after 16. This is the second half of "a buffer of 8-16 absorbs
 * bursts; 10,000 hides missing backpressure" (BufferSizing tests the first).
 *
 * The workload, one operation, the same in both methods (a Crew of two threads, started in
 * @Setup and joined in @TearDown):
 *   1. the consumer is stalled: it is parked, waiting for its downstream to come back;
 *   2. the producer builds messages (Message: a sequence number and an `itemBytes` payload, new
 *      per message, as a real producer's are; ~1 us of work each) and offer()s each one — Java's
 *      `select { case ch <- m: default: }` — until an offer fails: the moment the producer first
 *      feels backpressure (and would shed, log or slow down);
 *   3. the downstream comes back: the producer releases the consumer, which drains and processes
 *      (~1 us each) every message that was queued. The operation returns how many were queued.
 * So the operation's time is the time to notice the stall plus the time to work off what was
 * queued meanwhile, and its allocation (gc.alloc.rate.norm) is the memory the queue held when
 * the producer noticed: queued x (Message 24 B + byte[itemBytes]) plus the one message refused.
 *   - pitfallHugeBuffer: ArrayBlockingQueue(10000): 10,000 messages queued before the producer
 *     notices, ~10,000 x (1 + 1) us ~ 20 ms of a stall nobody saw, ~1 MB held at 64-byte items.
 *   - fixSmallBuffer: ArrayBlockingQueue(16): noticed after 16 messages, ~32 us, ~1.7 KB.
 * An unbuffered SynchronousQueue would notice at once (its offer fails whenever no consumer is
 * waiting): it is not a variant here, because its cost is the one BufferSizing measures.
 *
 * The measurement is real, not a formula: the producer counts its successful offers, and the
 * test checks the count equals the capacity. The ratio time(huge)/time(small) is then ~10000/16
 * by construction of the queue, scaled by what the producer and consumer really spend per
 * message (allocation, lock, hand-off): the time is the claim's "how long unnoticed" on this
 * machine, the B/op its "memory held".
 *
 * Sweep (@Param itemBytes: 64, 1024): B/op grows linearly with the payload (x capacity); time
 * grows a little (allocating and touching bigger payloads).
 *
 * What 2 cores can and cannot show: producer and consumer each have a core; the stall is
 * simulated (the consumer parks), so what this measures is the buffer's effect, not a real
 * downstream. A machine with a faster producer fills the buffer sooner (less time unnoticed, the
 * same memory held).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(5)
@State(Scope.Benchmark)
public class StalledConsumer implements ProducerConsumer.Sides<StalledConsumer.Message> {

  /** The producer's work to build one message: ~1 us. */
  static final int PRODUCER_STEPS = Work.STEPS_PER_MICRO;

  /** The consumer's work per message once its downstream is back: ~1 us. */
  static final int CONSUMER_STEPS = Work.STEPS_PER_MICRO;

  static final int SMALL = ProducerConsumer.SMALL;
  static final int HUGE = ProducerConsumer.HUGE;

  /** A message: a sequence number and its payload. */
  record Message(long sequence, byte[] payload) {}

  @Param({"64", "1024"})
  int itemBytes;

  ProducerConsumer<Message> crew;
  private volatile boolean downstreamUp;
  private volatile Thread consumerThread;
  private volatile int queuedWhenBlocked;
  private volatile long consumerSink;

  @Setup(Level.Trial)
  public void setup() {
    crew = new ProducerConsumer<>("stalled");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    crew.close();
  }

  @Benchmark
  public int pitfallHugeBuffer() {
    return untilBackpressure(crew.huge);
  }

  @Benchmark
  public int fixSmallBuffer() {
    return untilBackpressure(crew.small);
  }

  /**
   * One stall: the producer fills {@code queue} until an offer fails, then the consumer drains it.
   *
   * @return how many messages were queued when the producer first felt backpressure
   */
  int untilBackpressure(BlockingQueue<Message> queue) {
    downstreamUp = false;
    consumerThread = null;
    crew.run(this, queue);
    return queuedWhenBlocked;
  }

  /** Thread 0: fills the queue until an offer fails, then brings the downstream back. */
  @Override
  public void produce(BlockingQueue<Message> queue) {
    long seed = 1;
    int queued = 0;
    while (true) {
      seed = Work.steps(seed, PRODUCER_STEPS);
      byte[] payload = new byte[itemBytes];
      payload[0] = (byte) seed;
      if (!queue.offer(new Message(seed, payload))) {
        break; // backpressure: the first refused message
      }
      queued++;
    }
    queuedWhenBlocked = queued;
    downstreamUp = true;
    Thread consumer;
    while ((consumer = consumerThread) == null) {
      Thread.onSpinWait(); // the consumer registers itself before it parks
    }
    LockSupport.unpark(consumer);
  }

  /** Thread 1: parks while the downstream is down, then drains what was queued. */
  @Override
  public void consume(BlockingQueue<Message> queue) {
    consumerThread = Thread.currentThread();
    while (!downstreamUp) {
      LockSupport.park(this); // stalled: the downstream is down
    }
    int n = queuedWhenBlocked;
    long sum = 0;
    for (int k = 0; k < n; k++) {
      Message m = queue.poll();
      if (m == null) {
        throw new IllegalStateException("message " + k + " of " + n + " missing");
      }
      sum += Work.steps(m.sequence() + m.payload()[0], CONSUMER_STEPS);
    }
    consumerSink = sum;
  }
}
/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'channels.StalledConsumer' -prof gc
 *
 * Smoke-run excerpt (scripts/atlas run channels --smoke: 1 fork, 1 x 100 ms iteration, JDK 25, the
 * 2-core KVM guest at load average ~9 from other jobs — single numbers, no verdict, shown for the
 * shape only; the reference run is the lead's):
 *
 *   StalledConsumer.pitfallHugeBuffer  itemBytes=64     40866 us/op   1042608 B/op  <- 10,001 x 104 B
 *   StalledConsumer.fixSmallBuffer     itemBytes=64       601 us/op      2024 B/op  <- 17 x 104 B + barrier
 *   StalledConsumer.pitfallHugeBuffer  itemBytes=1024   73746 us/op  10643568 B/op  <- 10,001 x 1,064 B
 *   StalledConsumer.fixSmallBuffer     itemBytes=1024     612 us/op     18345 B/op
 *
 * The B/op are JOL's sizes to the byte: Message 24 B + byte[64] 80 B = 104 B, byte[1024] 1,040 B;
 * 10,000 queued plus the one refused. The small buffer's time is mostly the crew's barrier and the
 * consumer's wake-up, not its 16 messages.
 */
