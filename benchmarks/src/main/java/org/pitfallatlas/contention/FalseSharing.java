package org.pitfallatlas.contention;

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
import org.pitfallatlas.load.Crew;

/*
 * False sharing: two threads, two counters, one cache line.
 *
 * The Go pitfall: per-worker counters (or a queue's head and tail index) laid out side by side in
 * one struct. Each goroutine writes only its own counter — there is no data race and no lock —
 * but both counters live in the same 64-byte cache line, so every write by one core invalidates
 * the line in the other core's cache and the line bounces between them ("cache-line bouncing").
 * Go's fix: pad the struct (`_ [56]byte`, or golang.org/x/sys/cpu.CacheLinePad).
 *
 * The JVM counterpart, one method each, the same two workers, the same increments:
 *   - pitfallAdjacentCounters: `class { volatile long first; volatile long second; }` — two fields
 *     8 bytes apart (JOL: offsets 16 and 24 with a 12-byte header). Worker 0 increments `first`,
 *     worker 1 increments `second`, each `increments` times. Each counter has a single writer,
 *     so `++` on the volatile field loses nothing: this is correct code, only slow.
 *   - fixPaddedCounters: the same two volatile fields with 128 bytes of padding before, between
 *     and after them, by class hierarchy (PadHead > FirstCounter > PadMiddle > SecondCounter >
 *     PaddedCounters, the pattern JCTools and the LMAX Disruptor use). HotSpot lays superclass
 *     fields out before subclass fields and does not remove unused ones, so the padding cannot
 *     be reordered away; FalseSharingTest checks the offsets with JOL (first and second >= 128
 *     bytes apart). 128, not 64: the adjacent-line prefetchers of current x86 cores fetch lines
 *     in 128-byte pairs, which is also why the JDK's @Contended pads 128 bytes.
 * The JDK's own fix is @jdk.internal.vm.annotation.Contended (LongAdder's cells, Thread's
 * random-number fields); outside java.base it needs --add-exports at compile time and
 * -XX:-RestrictContended at run time, so the padding here is manual, as libraries do it.
 *
 * The volatile field matters: a plain `long` counter in a loop is kept in a register by the JIT
 * and written once at the end, and there would be nothing to bounce. A volatile store is a real
 * store followed by a StoreLoad fence (a locked instruction on x86) per increment.
 *
 * The claim under test (ATLAS.md): "Data races / cache-line bouncing: ~30% slower." This pair is
 * the cache-line-bouncing half (see DataRace for the other).
 *
 * What a 2-core machine can and cannot show: two threads on two cores is exactly the case false
 * sharing needs, so the pair is meaningful here. It cannot show the effect growing with more
 * cores writing one line. And on a VM the cost depends on where the hypervisor puts the two
 * vCPUs, which it changes while the machine runs. Measured, not assumed (2026-12-01, reference
 * machine): a standalone probe run 12 times in 20 s at real-time priority (one JVM each: a
 * cache-line ping-pong between two threads, then these two layouts with 1,000,000 increments per
 * thread, median of 21 rounds) saw two placements: round trip ~310-340 ns with adjacent/padded
 * ~3.9x (8.2-8.7 ms vs 2.1-2.3 ms), then, from one run to the next, ~60-90 ns with ~10x (20-23 ms
 * vs 2.1-2.3 ms); why the faster round trip goes with the larger penalty is not established here.
 * The reference run 20261201T080503Z showed the
 * consequence as two clusters of pitfall forks: at 1M increments three forks at 2.1-2.8 ms (no
 * penalty at all; the probe never saw that case) and three at 12-20 ms; the padded forks all
 * at 2.0-3.2 ms. So every contention fork now records its placement: CoreToCoreProfiler (the
 * suite's profilers) reports c2c.rtt before each iteration, and the notebook plots each fork's time
 * against it. In the next reference run (20261201T111951Z) every FalseSharing fork's lowest round
 * trip was 79-86 ns (the second placement, throughout) and the adjacent counters at 1M increments
 * took 14.0-23.4 ms in all six forks: 7.28x [4.4x, 12.0x] the padded ones, no fast cluster. Alignment did not matter in the probe: the object landed at offsets 0, 16, 32 and 48
 * of its line (JOL addresses, shifted by allocating fillers first) at the same speed; the two
 * fields at offsets 16 and 24 can straddle a line only in 1 of 8 placements of an 8-byte-aligned
 * object.
 *
 * How to read the result:
 *   - time is per operation = 2 x increments increments, both workers at once.
 *   - Expected shape: linear in increments for both; the ratio pitfall/fix is the cost of the line
 *     bouncing, roughly constant over the sweep (at the smaller point the two barrier trips per
 *     operation are a larger share and pull it towards 1).
 *   - Profiles: cpu shows both variants in the increment loop; the difference is in how long
 *     each store waits for the line, which no sampling profiler attributes to a line of code.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class FalseSharing {

  /** Two workers: one per counter, one per core of the reference machine. */
  static final int WORKERS = 2;

  @Param({"100000", "1000000"})
  int increments;

  AdjacentCounters adjacent;
  PaddedCounters padded;
  Crew gang;
  Crew.Task adjacentBatch;
  Crew.Task paddedBatch;

  /** Two counters side by side: one cache line. */
  static final class AdjacentCounters {
    volatile long first;
    volatile long second;
  }

  /** 128 bytes of padding before the first counter. */
  abstract static class PadHead {
    long h00, h01, h02, h03, h04, h05, h06, h07, h08, h09, h10, h11, h12, h13, h14, h15;
  }

  /** The first counter. */
  abstract static class FirstCounter extends PadHead {
    volatile long first;
  }

  /** 128 bytes of padding between the counters. */
  abstract static class PadMiddle extends FirstCounter {
    long m00, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12, m13, m14, m15;
  }

  /** The second counter. */
  abstract static class SecondCounter extends PadMiddle {
    volatile long second;
  }

  /** Two counters, each alone in its 128 bytes. */
  static final class PaddedCounters extends SecondCounter {
    long t00, t01, t02, t03, t04, t05, t06, t07, t08, t09, t10, t11, t12, t13, t14, t15;
  }

  @Setup(Level.Trial)
  public void setup() {
    adjacent = new AdjacentCounters();
    padded = new PaddedCounters();
    adjacentBatch =
        w -> w == 0 ? countFirst(adjacent, increments) : countSecond(adjacent, increments);
    paddedBatch = w -> w == 0 ? countFirst(padded, increments) : countSecond(padded, increments);
    gang = new Crew("false-sharing", WORKERS, Crew.Handoff.TIMED_BARRIERS);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gang.close();
  }

  @Benchmark
  public long pitfallAdjacentCounters() {
    adjacent.first = 0;
    adjacent.second = 0;
    return gang.round(adjacentBatch);
  }

  @Benchmark
  public long fixPaddedCounters() {
    padded.first = 0;
    padded.second = 0;
    return gang.round(paddedBatch);
  }

  static long countFirst(AdjacentCounters c, int n) {
    for (int i = 0; i < n; i++) {
      c.first++;
    }
    return c.first;
  }

  static long countSecond(AdjacentCounters c, int n) {
    for (int i = 0; i < n; i++) {
      c.second++;
    }
    return c.second;
  }

  static long countFirst(PaddedCounters c, int n) {
    for (int i = 0; i < n; i++) {
      c.first++;
    }
    return c.first;
  }

  static long countSecond(PaddedCounters c, int n) {
    for (int i = 0; i < n; i++) {
      c.second++;
    }
    return c.second;
  }
}
/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'contention.FalseSharing'
 *
 * Smoke-run excerpt (ONE fork, one 100 ms iteration per point, 2-core KVM guest at load average
 * ~10 from other jobs; false sharing needs both workers on their cores at the same time, which
 * other processes on the cores prevent, so read the reference run, not this):
 *
 *   variant                  (increments)     us/op
 *   pitfallAdjacentCounters       1000000     22138   <- 1.37x the padded one here
 *   fixPaddedCounters             1000000     16190
 *   pitfallAdjacentCounters        100000      2028   <- faster than padded: noise at this load
 *   fixPaddedCounters              100000      2727
 */
