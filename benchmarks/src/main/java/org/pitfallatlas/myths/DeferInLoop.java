package org.pitfallatlas.myths;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * DeferInLoop — release a resource per element with try/finally, with Go's defer semantics, or
 * straight-line.
 *
 * The Go folklore: "defer in a loop is ~3x slower". A `defer` pushes a deferred call that runs when
 * the *function* returns. Since Go 1.14 a defer outside loops is open-coded (nearly free), but a
 * defer inside a loop cannot be: each iteration links a _defer record onto the goroutine's defer
 * chain, and all N deferred calls run, last first, at function exit — so the resources of every
 * iteration stay held until then. Two different things hide in the one word, and the JVM answers
 * them differently, so this class measures both against the same fix:
 *
 *   - fixStraightLine: lock element i's lock, add its value, unlock it. No try/finally: if the
 *     work threw, the lock would leak — this is the fast-but-unsafe baseline the folklore compares
 *     against, not code to copy.
 *   - pitfallTryFinally: the same lock/work/unlock with the unlock in a finally block, per
 *     iteration — the JVM's construct for "run this on the way out", the idiom every Java lock
 *     is used with. javac copies the finally code onto the normal path and adds one entry to the
 *     method's exception table for the exceptional one; at run time the normal path executes
 *     exactly the straight-line code, and the table is only read when something is thrown. The
 *     JVM has nothing that costs per iteration here. The claim under test: this row, expected
 *     *equivalent* (the whole interval inside the atlas's +-2% margin), i.e. "does not reproduce
 *     on the JVM".
 *   - pitfallDeferredUnlocks: Go's accumulation, literally: each iteration locks its lock and
 *     pushes the unlock onto a LIFO list (a fresh ArrayDeque per call, as the defer chain is per
 *     call), and the list is run, last first, after the loop — every lock held until "function
 *     exit". That costs on any runtime: the list grows and is walked, and every lock is touched a
 *     second time after the loop has moved on. Expected slower than the fix; it is what "a defer in
 *     a loop" means, and why Go's advice is to move the loop body into its own function.
 *
 * Fairness: the three do the same work — the same N distinct ReentrantLocks (one per element, as a
 * batch locking its rows or a loop opening its files), N uncontended lock() and N unlock() (one
 * CAS each), the same sum. ReentrantLock and not `synchronized`: a synchronized block always has
 * the implicit catch-all handler that releases the monitor, so it has no "without" to compare.
 * Distinct locks and not one reused lock: Go's deferred unlocks of one sync.Mutex would deadlock on
 * the second iteration, so the accumulating variant needs one lock per element.
 *
 * The sweep (size = elements per operation, 16 to 10,000): linear in size for all three; the
 * pitfallTryFinally/fixStraightLine ratio should be 1 at every point (a drift with size would mean
 * the JIT compiled the loops differently, e.g. unrolled one and not the other); the deferred ratio
 * grows with size as the locks and the list leave L1 (10,000 locks are ~480 KB: ReentrantLock 16 B
 * + its NonfairSync 32 B).
 *
 * Reaching "equivalent" needs a narrow interval, not only a ratio near 1: the fork means must agree
 * within ~1%, which is why the suite lets this class's undecided pairs take up to maxForks forks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class DeferInLoop {

  /** How many elements (and locks) one operation walks. */
  @Param({"16", "1000", "10000"})
  public int size;

  ReentrantLock[] locks;
  long[] values;

  @Setup
  public void setup() {
    locks = new ReentrantLock[size];
    values = new long[size];
    for (int i = 0; i < size; i++) {
      locks[i] = new ReentrantLock();
      values[i] = i * 31L + 7;
    }
  }

  @Benchmark
  public long fixStraightLine() {
    ReentrantLock[] locks = this.locks;
    long[] values = this.values;
    long sum = 0;
    for (int i = 0; i < locks.length; i++) {
      ReentrantLock lock = locks[i];
      lock.lock();
      sum += values[i];
      lock.unlock();
    }
    return sum;
  }

  @Benchmark
  public long pitfallTryFinally() {
    ReentrantLock[] locks = this.locks;
    long[] values = this.values;
    long sum = 0;
    for (int i = 0; i < locks.length; i++) {
      ReentrantLock lock = locks[i];
      lock.lock();
      try {
        sum += values[i];
      } finally {
        lock.unlock();
      }
    }
    return sum;
  }

  @Benchmark
  public long pitfallDeferredUnlocks() {
    ReentrantLock[] locks = this.locks;
    long[] values = this.values;
    ArrayDeque<ReentrantLock> deferred = new ArrayDeque<>();
    long sum = 0;
    try {
      for (int i = 0; i < locks.length; i++) {
        ReentrantLock lock = locks[i];
        lock.lock();
        deferred.push(lock);
        sum += values[i];
      }
    } finally {
      // "function exit": the deferred calls, last first
      for (ReentrantLock lock = deferred.poll(); lock != null; lock = deferred.poll()) {
        lock.unlock();
      }
    }
    return sum;
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'myths.DeferInLoop' -prof gc
 *
 * Expect pitfallTryFinally = fixStraightLine at every size (one CAS per lock and per unlock) and
 * pitfallDeferredUnlocks slower, allocating the ArrayDeque's arrays (it doubles up to 64 slots, then
 * grows by half: ~15-17 B per element in all). By hand on the shared 2-core VM while other
 * benchmarks ran (-f 1 -wi 4 -w 300ms -i 5 -r 200ms -prof gc; the times are too noisy to read, the
 * B/op are exact):
 *
 *   DeferInLoop.pitfallDeferredUnlocks:gc.alloc.rate.norm     16  avgt  5      88.008 B/op
 *   DeferInLoop.pitfallDeferredUnlocks:gc.alloc.rate.norm   1000  avgt  5   14928.598 B/op
 *   DeferInLoop.pitfallDeferredUnlocks:gc.alloc.rate.norm  10000  avgt  5  171684.214 B/op
 *   DeferInLoop.pitfallTryFinally:gc.alloc.rate.norm        10000  avgt  5       3.437 B/op
 *
 * The atlas's verdict for the try/finally row is what the claims ledger reads (myths-defer-loop):
 * "no effect on the JVM" when its 95% simultaneous interval lies within +-2%; the deferred row is
 * the myths-defer-accumulation claim.
 */
