package org.pitfallatlas.leaks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
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
import org.openjdk.jmh.annotations.Warmup;
import org.pitfallatlas.load.Work;

/*
 * An unbounded global map used as a cache: the sources' second leak.
 *
 * The Go pitfall: `var cache = map[string]*Result{}` (or a sync.Map) at package level, filled on
 * every miss and never emptied. Every distinct key ever seen stays live; over a large key space
 * the process grows for as long as new keys arrive, and the GC traces the whole map at every
 * cycle. The fix is a bound with eviction (an LRU, or a cache library with a maximum size).
 *
 * The JVM counterpart, one method each, the same lookups of the same key stream:
 *   - pitfallUnboundedMap: a static ConcurrentHashMap and computeIfAbsent, what Java code usually
 *     writes for "memoise this".
 *   - fixCaffeineBounded: a Caffeine cache with maximumSize(cacheSize) (W-TinyLFU eviction),
 *     what a good JVM engineer reaches for. Its maintenance runs on the calling thread
 *     (executor(Runnable::run)) so that the benchmark starts no threads and the 2 cores are not
 *     shared with the common pool.
 *   - fixLruLinkedHashMap: the JDK-only bound, a LinkedHashMap in access order whose
 *     removeEldestEntry keeps cacheSize entries, behind Collections.synchronizedMap.
 * The loader is the same for all three: a 64-byte value computed from the key with ~0.5 us of
 * dependent xorshift work (the "expensive lookup" a cache exists for).
 *
 * The key stream: 2^20 keys drawn once in @Setup from a Zipf distribution (exponent 1) over
 * keySpace keys, the skew of real traffic: a few hot keys, a long tail. Each op looks up the next
 * 1,000 keys of the stream, cycling. Caches are emptied at the start of each trial; the pitfall's
 * map then grows over the first pass through the stream to one entry per distinct key, the bounded
 * caches stay at cacheSize. UnboundedCacheTest, one pass of 1,048,000 lookups (JDK 25, G1):
 * 10,000 / 81,879 / 224,477 distinct keys at keySpace 10,000 / 100,000 / 1,000,000, and the
 * unbounded map retains 160 B per entry (a 64-byte array, the record, a boxed Long, a map node):
 * 1.6 / 13.1 / 35.9 MB, against 1.6 MB at most for the bounded caches. The bound's price, counted
 * with Caffeine's loader over three passes: no misses at keySpace=10,000 once warm, 21% of lookups
 * at 100,000, 35% at 1,000,000.
 *
 * The claim under test: none with a figure. The sources say the map "leaks"; what grows is the
 * retained heap, which JMH does not measure. UnboundedCacheTest checks that the three give the
 * same values, that the unbounded map holds every distinct key and the bounded ones at most
 * cacheSize, and prints the heap each retains. The benchmark shows the other side of the trade:
 * the bound costs misses (a reload of every evicted tail key), so the fixes can be slower per op
 * while the pitfall's memory grows; as keySpace grows, the pitfall's hit rate rises and its map
 * no longer fits in the CPU caches.
 *
 * Expected shape of the sweep: at keySpace=10,000 = cacheSize the three hold the same keys and
 * the fixes pay only their bookkeeping; at 100,000 and 1,000,000 the bounded caches miss more
 * (time per op and B/op up), while the unbounded map's size grows 8x and then 2.7x.
 *
 * 2 cores: single-threaded lookups; the machine's other core absorbs the GC threads.
 *
 * What you should see: java -jar benchmarks/target/benchmarks.jar UnboundedCache -prof gc
 * (B/op: 64-byte values and map nodes on a miss only).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class UnboundedCache {

  /** Keys in the pre-drawn stream (cycled). */
  static final int STREAM = 1 << 20;

  /** Lookups per operation. */
  static final int BATCH = 1000;

  /** xorshift steps per load: ~0.5 us on the reference machine (FanInResults' calibration). */
  static final int LOAD_STEPS = 275;

  @Param({"10000", "100000", "1000000"})
  int keySpace;

  @Param({"10000"})
  int cacheSize;

  /** The global cache the pitfall fills: static, as in the Go code it mirrors. */
  static final ConcurrentHashMap<Long, Value> GLOBAL = new ConcurrentHashMap<>();

  long[] stream;
  int cursor;
  Cache<Long, Value> caffeine;
  Map<Long, Value> lru;

  /** A cached value: 64 bytes of payload derived from its key. */
  record Value(long key, byte[] bytes) {
    long hash() {
      long h = key;
      for (byte b : bytes) {
        h = 31 * h + b;
      }
      return h;
    }
  }

  @Setup(Level.Trial)
  public void setup() {
    stream = zipfStream(keySpace, STREAM, 42);
    cursor = 0;
    GLOBAL.clear();
    caffeine = Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).build();
    int bound = cacheSize;
    lru =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<Long, Value> eldest) {
                return size() > bound;
              }
            });
  }

  /** {@code n} keys in [0, keySpace) with Zipf(1) frequencies: key k has weight 1/(k+1). */
  static long[] zipfStream(int keySpace, int n, long seed) {
    double[] cumulative = new double[keySpace];
    double sum = 0;
    for (int k = 0; k < keySpace; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble() * sum;
      int lo = 0;
      int hi = keySpace - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      // Scatter the ranks over the long range so hot keys do not share hash buckets by rank.
      keys[i] = lo * 0x9E3779B97F4A7C15L;
    }
    return keys;
  }

  /** The expensive lookup a cache exists for. */
  static Value load(long key) {
    long x = key | 1;
    byte[] bytes = new byte[64];
    for (int i = 0; i < LOAD_STEPS; i++) {
      x = Work.step(x);
      bytes[i & 63] ^= (byte) x;
    }
    return new Value(key, bytes);
  }

  private long next() {
    long key = stream[cursor];
    cursor = (cursor + 1) & (STREAM - 1);
    return key;
  }

  @Benchmark
  public long pitfallUnboundedMap() {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += GLOBAL.computeIfAbsent(next(), UnboundedCache::load).bytes()[0];
    }
    return sum;
  }

  @Benchmark
  public long fixCaffeineBounded() {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += caffeine.get(next(), UnboundedCache::load).bytes()[0];
    }
    return sum;
  }

  @Benchmark
  public long fixLruLinkedHashMap() {
    long sum = 0;
    for (int i = 0; i < BATCH; i++) {
      sum += lru.computeIfAbsent(next(), UnboundedCache::load).bytes()[0];
    }
    return sum;
  }
}
