package org.pitfallatlas.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

/**
 * The three caches give the same values for the same key stream; the unbounded map ends with one
 * entry per distinct key seen, the bounded ones with at most cacheSize; and the retained heap
 * follows the entry count.
 */
class UnboundedCacheTest {

  private static UnboundedCache bench(int keySpace) {
    UnboundedCache b = new UnboundedCache();
    b.keySpace = keySpace;
    b.cacheSize =
        Integer.parseInt(ParamValues.Provider.values(UnboundedCache.class, "cacheSize")[0]);
    b.setup();
    return b;
  }

  @ParameterizedTest
  @ParamValues(of = UnboundedCache.class, field = "keySpace")
  void theThreeCachesAnswerAlikeAndOnlyTheBoundedOnesStayBounded(String keySpace) {
    UnboundedCache pitfall = bench(Integer.parseInt(keySpace));
    UnboundedCache caffeine = bench(Integer.parseInt(keySpace));
    UnboundedCache lru = bench(Integer.parseInt(keySpace));
    // One pass through the stream: every op of each method sees the same 1,000 keys.
    int ops = UnboundedCache.STREAM / UnboundedCache.BATCH;
    for (int op = 0; op < ops; op++) {
      long expected = 0;
      for (int i = 0; i < UnboundedCache.BATCH; i++) {
        expected += UnboundedCache.load(pitfall.stream[op * UnboundedCache.BATCH + i]).bytes()[0];
      }
      assertThat(pitfall.pitfallUnboundedMap()).isEqualTo(expected);
      assertThat(caffeine.fixCaffeineBounded()).isEqualTo(expected);
      assertThat(lru.fixLruLinkedHashMap()).isEqualTo(expected);
    }
    long distinct = Arrays.stream(pitfall.stream, 0, ops * UnboundedCache.BATCH).distinct().count();
    caffeine.caffeine.cleanUp();
    System.out.printf(
        "UnboundedCache keySpace=%s: %d distinct keys in %d lookups; unbounded map %d entries,"
            + " Caffeine %d, LRU %d%n",
        keySpace,
        distinct,
        ops * UnboundedCache.BATCH,
        UnboundedCache.GLOBAL.size(),
        caffeine.caffeine.estimatedSize(),
        lru.lru.size());
    assertThat(UnboundedCache.GLOBAL).hasSize((int) distinct);
    assertThat(caffeine.caffeine.estimatedSize()).isLessThanOrEqualTo(pitfall.cacheSize);
    assertThat(lru.lru).hasSizeLessThanOrEqualTo(pitfall.cacheSize);
    if (distinct > pitfall.cacheSize) {
      assertThat(lru.lru).hasSize(pitfall.cacheSize);
    }
    UnboundedCache.GLOBAL.clear();
  }

  @ParameterizedTest
  @ParamValues(of = UnboundedCache.class, field = "keySpace")
  void theUnboundedMapRetainsHeapInProportionToItsKeys(String keySpace) {
    UnboundedCache b = bench(Integer.parseInt(keySpace));
    long before = ParkedThreadLeak.usedHeapAfterGc();
    for (int op = 0; op < UnboundedCache.STREAM / UnboundedCache.BATCH; op++) {
      b.pitfallUnboundedMap();
    }
    long after = ParkedThreadLeak.usedHeapAfterGc();
    double perEntry = (after - before) / (double) UnboundedCache.GLOBAL.size();
    System.out.printf(
        "UnboundedCache keySpace=%s: unbounded map retains %.1f MB, %.0f B per entry%n",
        keySpace, (after - before) / 1e6, perEntry);
    // A 64-byte array (80 B), the record (24 B), a boxed Long (24 B) and a map node (32 B).
    assertThat(perEntry).isBetween(120.0, 400.0);
    UnboundedCache.GLOBAL.clear();
  }
}
