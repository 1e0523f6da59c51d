package org.pitfallatlas.pool;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Buffer pooling: allocate per use vs reuse, from 64 B to past G1's humongous threshold.
 *
 * The Go pitfall: sync.Pool is the standard answer to "this handler allocates a buffer per
 * request", and for big buffers it pays; for small objects the pool's bookkeeping costs more than
 * the allocation it saves. On the JVM allocation is a TLAB pointer bump plus zeroing, and a
 * short-lived young object costs the collector nothing (only live objects are copied), so the
 * break-even point moves. Except past G1's humongous threshold: an object of at least half a
 * region skips the TLAB and the young generation, is allocated in whole contiguous regions under
 * a lock, and every such allocation may start a concurrent marking cycle ("G1 Humongous
 * Allocation" in the GC log). There reuse should win clearly (the expectation; what was measured
 * follows).
 *
 * Measured (reference run pool/20261130T135125Z, medians of fork medians, 2 threads): the
 * threshold adds no step this run can resolve (a direct comparison that can is below). Per byte,
 * pitfallAllocate costs 0.096 ns at 4 KiB, 0.162 at 256 KiB (not humongous), 0.167 at 512 KiB and
 * 0.177 at 1 MiB (humongous); fixThreadLocal 0.058-0.068 ns at every size. Reuse pays 1.67x at
 * 4 KiB and 2.78x, 2.74x, 2.61x at 256 KiB, 512 KiB and 1 MiB: as much below the threshold as
 * above it. An earlier reference showed ThreadLocal "jumping" from 0.14
 * to 0.89 ns/B between 256 and 512 KiB; that was not a cache or humongous effect but the C2
 * warm-up below (re-checked 2026-11-30 with -XX:+PrintCompilation at 512 KiB, no warm-up, 10 x 200
 * ms: fixThreadLocal ran 490-710 us/op, i.e. ~1 ns/B, until BufferReuse::writePage reached tier 4
 * at 2.70 s, then 33-36 us/op, 0.07 ns/B; a sweep of 256-768 KiB shows the same drop arriving later
 * the larger the buffer, and never within 1.6 s at 768 KiB). The per-point warm-ups now measure
 * after it in every fork.
 *
 * Where the TLAB ends and where the humongous path begins are two different sizes (checked
 * 2026-12-01). Allocation events, one thread, -p size=4096,262144,524272,524288,1048576,
 * -jvmArgsPrepend "-XX:StartFlightRecording:filename=a-%p.jfr,
 * jdk.ObjectAllocationOutsideTLAB#enabled=true,jdk.ObjectAllocationInNewTLAB#enabled=true": G1
 * caps a TLAB at half a region (every new TLAB in these forks was at most 512 KiB), and a
 * byte[262144] is already allocated outside one: 77,227 of the fork's 77,394 byte[256 KiB]
 * allocations were outside a TLAB, as were all those of 512 KiB - 16 B and up, while at 4 KiB all
 * of them were in TLABs. The out-of-TLAB slow path therefore starts at 256 KiB, not at the
 * humongous threshold. Whether it explains pitfallAllocate's per-byte rise from 4 to 256 KiB (the
 * reference's 0.096 -> 0.162 ns/B, the same in CPU time per operation, perf task-clock, one
 * thread: 0.096 -> 0.161; fixThreadLocal has no such rise) is open: -XX:-ReduceBulkZeroing
 * changed neither size (0.095, 0.161), and -XX:TLABRefillWasteFraction=1, which put about half of
 * the 256 KiB arrays into fresh TLABs (JFR: 8,366 of 16,278), did not make them cheaper (50.0 vs
 * 44.5 us) -- but taking a new TLAB is a slow-path allocation too. What only the humongous sizes
 * add is allocation in whole regions and a different GC trigger. GC log without JFR, the class's
 * two threads, -jvmArgsPrepend "-Xlog:gc": at size=524288 every pause of both forks (185 and 61)
 * was "Pause Young (Concurrent Start) (G1 Humongous Allocation)", most at 113-115 MiB of heap (the
 * 45% IHOP of 256 MiB), each followed by a "Concurrent Undo Cycle" (eager reclaim had freed the
 * dead arrays, so the marking is abandoned; median 0.08 ms); at size=524272, 16 bytes under the
 * threshold, every pause was "Pause Young (Normal) (G1 Evacuation Pause)". (Do not read pauses
 * from the JFR run: with the recording on, the 524288 fork ran 51 Full GCs and 18 evacuation
 * failures instead; why was not investigated.)
 * The trigger costs a little: CPU time per operation (perf task-clock, -prof
 * "perfnorm:events=task-clock", one thread, 10 x 1 s warm-up so C2 is in, 2 + 3 forks on a
 * machine loaded by other jobs) is 0.170 and 0.169 ns/B at 524288 against 0.146 and 0.154 at
 * 524272, +10-16%. The GC logs of those forks say why: at 524272 G1 collects when eden is full
 * (158-159 MiB -> 6 MiB), at 524288 at the IHOP (113 -> 8 MiB), so ~1.45x as many collections
 * per byte allocated, each a Concurrent Start pause plus an undo cycle. A small step, not the jump
 * the prose expected; the reference (0.161 -> 0.171 ns/B from 256 to 512 KiB, intervals +-9-11%)
 * cannot resolve it. The per-byte rise of the reuse variants from 512 KiB to 1 MiB (0.062 -> 0.070
 * ns/B for fixThreadLocal, whose buffer + payload grow from 1 to 2 MiB, past this Zen 4 core's 1
 * MiB L2) may be that cache overflowing; not established, as this VM exposes no cache counters.
 *
 * The work, identical for every variant: build a fixed-size page (think of a database page or a
 * fixed-size network frame) — copy a payload of `len` bytes to its start, the rest must be zero —
 * and checksum the whole page (Arrays.hashCode, vectorised). `len` cycles over 8 lengths between
 * size/2 and size, so consecutive uses leave different bytes behind.
 *   - pitfallAllocate: new byte[size] per use; the JVM's zeroing is the reset.
 *   - fixThreadLocal: one buffer per thread (ThreadLocal), reused.
 *   - fixCommonsPool: one shared Commons Pool2 GenericObjectPool (borrow / return; a lock-guarded
 *     deque and per-object state tracking — the "real library" pool a service would use).
 * The correctness trap pools set: a reused buffer is dirty. Code that relied on `new byte[]`
 * being zero would checksum the previous user's bytes. Both reuse variants therefore zero the
 * tail [len, size) after copying the payload (cheaper than clearing all of it on return), and
 * BufferReuseTest dirties every pooled buffer and checks the answers do not change.
 *
 * Heap and region size are pinned (@Fork jvmArgsAppend) so the humongous threshold is known:
 * -Xms256m -Xmx256m -XX:G1HeapRegionSize=1m -> humongous objects are those >= 512 KiB. A
 * byte[524288] is 524,304 B with its 16 B header, so the "512 KiB" point is already humongous (by
 * 16 bytes) and the 1 MiB one occupies two regions. (Unpinned, the fork would get 1/4 of this 24 GiB machine,
 * ~6 GiB, for which JDK 25 picks 4 MiB regions: threshold 2 MiB, and none of these sizes would be
 * humongous. `java -XX:+PrintFlagsFinal -version | grep G1HeapRegionSize` shows it.)
 *
 * Two measurement artefacts, found and removed (2026-11-30); every fork's first iterations at 256
 * KiB and above used to be several times slower than the rest. (1) Page faults: until then the
 * class pinned a 2 GiB heap without pre-touching it, and on the reference VM the first touch of a 4
 * KiB page costs 30-40 us; re-measured on a quiet machine, pitfallAllocate at 256 KiB ran 0.5-1.1
 * ms/op for whole forks with no GC at all (eden never wrapped around). The heap is now 256 MiB and
 * pre-touched (-XX:+AlwaysPreTouch), as the harness does for every fork. (2) JIT warm-up: with the
 * heap pre-touched, the first ~1.7 s of a fork still ran at 250-300 us/op, then 35-45 us/op.
 * -XX:+PrintCompilation shows why: BufferReuse::pitfallAllocate reaches C2 (tier 4) only after
 * ~6000 calls, ~1.7 s in; until then Arrays.hashCode runs as a plain loop, and C2 inlines it with
 * its vectorized intrinsic. The budget's 2 x 200 ms warm-up ended inside that phase, so the suite
 * gives the large sizes their own warm-up (pool.json, "pointWarmups": 4 x 500 ms at 256 and 512
 * KiB; 8 x 500 ms at 1 MiB, where an operation takes ~1 ms until C2 and C2 arrives ~3 s in).
 *
 * No @TearDown closes the pool: it has no evictor thread (timeBetweenEvictionRuns is negative by
 * default), so closing it at the end of the trial frees nothing the fork's exit does not. And a
 * Trial teardown on a Scope.Benchmark state costs ~1.1 s per fork with two threads: in JMH 1.37's
 * generated code (BufferReuse_pitfallAllocate_jmhTest) the thread that loses the teardown mutex
 * sleeps 1 ms, then `Math.max(1024, backoff * 2)` ms, so whenever the teardown takes more than 1 ms
 * it sleeps 1024 ms. It happened in most forks (timestamps of the JMH output: "Iteration 8"
 * arrived 1.13 s after iteration 7 in 2 of 3 forks; jstack showed the worker in TimeUnit.sleep in
 * the generated teardown branch), after the measurement, so it cost wall time, not accuracy.
 *
 * @Threads(2): a shared pool is a point of contention and a ThreadLocal is not; with one thread
 * the pool's lock is never contended and the comparison flatters it. Two threads is all this
 * 2-core machine can run in parallel. Reported times are per operation per thread.
 *
 * The claim under test (ATLAS.md): "Buffer pool for JSON encoding: -60% bytes per operation; for
 * small objects a pool can cost more than it saves." (JsonEncoding tests the JSON half.)
 *
 * How to read the result:
 *   - B/op (-prof gc, gc.alloc.rate.norm): pitfallAllocate = JOL size of byte[size] = 16 + size
 *     (80 B at 64, 4112 B at 4 KiB, ..., 1,048,592 B at 1 MiB); fixThreadLocal ~0; fixCommonsPool
 *     a small constant (the pool's per-borrow bookkeeping), independent of size.
 *   - Time: all variants grow linearly with size (copy + zero + checksum). At 64 B the pool
 *     should lose to plain allocation (bookkeeping >> a 80 B bump allocation); the ThreadLocal
 *     lookup is close to allocation. Expected before measuring: at >= 512 KiB allocation would
 *     jump (humongous path); measured: no step there (see "Measured" above), because the
 *     allocations leave the TLAB from 256 KiB already.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
    value = 10,
    jvmArgsAppend = {
      "-XX:+UseG1GC",
      "-Xms256m",
      "-Xmx256m",
      "-XX:+AlwaysPreTouch",
      "-XX:G1HeapRegionSize=1m"
    })
@Threads(2)
@State(Scope.Benchmark)
public class BufferReuse {

  /** Number of distinct payload lengths cycled through (a power of two). */
  static final int LENGTHS = 8;

  /** Pooled buffers: more than the benchmark's threads, so borrow never blocks. */
  static final int POOL_SIZE = 4;

  @Param({"64", "4096", "262144", "524288", "1048576"})
  int size;

  byte[] payload;
  int[] lengths;
  ThreadLocal<byte[]> local;
  GenericObjectPool<byte[]> pool;

  /** Each benchmark thread's position in the cycle of payload lengths. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int next() {
      return next++ & (LENGTHS - 1);
    }
  }

  @Setup(Level.Trial)
  public void setup() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    payload = new byte[size];
    for (int i = 0; i < size; i++) {
      payload[i] = (byte) (1 + random.nextInt(255)); // never 0: stale bytes must show
    }
    lengths = new int[LENGTHS];
    for (int i = 0; i < LENGTHS; i++) {
      lengths[i] = size / 2 + (size / 2) * i / (LENGTHS - 1);
    }
    int bufferSize = size;
    local = ThreadLocal.withInitial(() -> new byte[bufferSize]);
    GenericObjectPoolConfig<byte[]> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(POOL_SIZE);
    config.setMaxIdle(POOL_SIZE);
    config.setJmxEnabled(false);
    pool = new GenericObjectPool<>(new PageFactory(size), config);
    pool.addObjects(POOL_SIZE);
  }

  @Benchmark
  public int pitfallAllocate(Cursor cursor) {
    return allocate(lengths[cursor.next()]);
  }

  @Benchmark
  public int fixThreadLocal(Cursor cursor) {
    return threadLocal(lengths[cursor.next()]);
  }

  @Benchmark
  public int fixCommonsPool(Cursor cursor) throws Exception {
    return commonsPool(lengths[cursor.next()]);
  }

  int allocate(int len) {
    byte[] page = new byte[size];
    System.arraycopy(payload, 0, page, 0, len);
    return Arrays.hashCode(page);
  }

  int threadLocal(int len) {
    return writePage(local.get(), payload, len);
  }

  int commonsPool(int len) throws Exception {
    byte[] page = pool.borrowObject();
    try {
      return writePage(page, payload, len);
    } finally {
      pool.returnObject(page);
    }
  }

  /** Writes the payload to a reused page, zeroes what the previous user may have left behind. */
  static int writePage(byte[] page, byte[] payload, int len) {
    System.arraycopy(payload, 0, page, 0, len);
    Arrays.fill(page, len, page.length, (byte) 0);
    return Arrays.hashCode(page);
  }

  /** Creates the pooled pages; the page is reset by its user (see writePage), not on return. */
  static final class PageFactory extends BasePooledObjectFactory<byte[]> {
    private final int size;

    PageFactory(int size) {
      this.size = size;
    }

    @Override
    public byte[] create() {
      return new byte[size];
    }

    @Override
    public PooledObject<byte[]> wrap(byte[] page) {
      return new DefaultPooledObject<>(page);
    }
  }
}
/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'pool.BufferReuse' -prof gc
 *   To see the GC log add -jvmArgsPrepend "-Xlog:gc" — not -jvmArgsAppend: a command-line
 *   -jvmArgsAppend replaces this class's @Fork(jvmArgsAppend), and the fork silently runs with
 *   the default ~384 MB initial heap and 4 MiB regions instead (seen in "# VM options"). At
 *   size=524288 and 1048576 every pause is "Pause Young (Concurrent Start) (G1 Humongous
 *   Allocation)": with only humongous arrays allocated, the IHOP check at each humongous
 *   allocation (45% of the 256 MiB heap) triggers the GC before eden fills, and each is followed
 *   by a "Concurrent Undo Cycle", because G1 reclaims the dead humongous byte[]s eagerly at the
 *   young pause.
 *
 * Tiny-budget excerpt (-f 1 -wi 3 -i 5 -w 400ms -r 400ms -p size=64,1048576 -prof gc, JDK 25,
 * 2-core KVM guest shared with other jobs at load average ~9: times are noisy, B/op is exact):
 *
 *   Benchmark                                        (size)        Score         Error  Units
 *   BufferReuse.pitfallAllocate                          64      229.228 ±     220.434  ns/op
 *   BufferReuse.pitfallAllocate:gc.alloc.rate.norm       64       80.004 ±       0.018   B/op  <- JOL byte[64]
 *   BufferReuse.fixThreadLocal                           64      133.508 ±     260.483  ns/op
 *   BufferReuse.fixCommonsPool                           64     2889.725 ±    6863.189  ns/op  <- the pool costs more than it saves
 *   BufferReuse.fixCommonsPool:gc.alloc.rate.norm        64      100.884 ±      41.346   B/op  <- and allocates more than byte[64]
 *   BufferReuse.pitfallAllocate                     1048576  4037983.535 ± 2629696.325  ns/op
 *   BufferReuse.pitfallAllocate:gc.alloc.rate.norm  1048576  1048683.187 ±     452.809   B/op  <- humongous, 2 regions
 *   BufferReuse.fixThreadLocal                      1048576  2956677.561 ±  736212.944  ns/op
 *   BufferReuse.fixCommonsPool                      1048576  3833273.486 ±  923449.138  ns/op
 */
