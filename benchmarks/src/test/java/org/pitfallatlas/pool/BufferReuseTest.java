package org.pitfallatlas.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class BufferReuseTest {

  private static BufferReuse bench(int size) throws Exception {
    BufferReuse b = new BufferReuse();
    b.size = size;
    b.setup();
    return b;
  }

  /** What the page must hash to: payload prefix, zero tail, computed without any reuse. */
  private static int expected(BufferReuse b, int len) {
    byte[] page = new byte[b.size];
    System.arraycopy(b.payload, 0, page, 0, len);
    return Arrays.hashCode(page);
  }

  @ParameterizedTest
  @ParamValues(of = BufferReuse.class, field = "size")
  void everyVariantComputesTheSameChecksumForEveryLength(int size) throws Exception {
    BufferReuse b = bench(size);
    try {
      assertThat(b.lengths[0]).isEqualTo(size / 2);
      assertThat(b.lengths[BufferReuse.LENGTHS - 1]).isEqualTo(size);
      // Longest first, then shorter: each reuse inherits a longer previous payload.
      for (int round = 0; round < 3; round++) {
        for (int i = BufferReuse.LENGTHS - 1; i >= 0; i--) {
          int len = b.lengths[i];
          int want = expected(b, len);
          assertThat(b.allocate(len)).as("allocate, len %d", len).isEqualTo(want);
          assertThat(b.threadLocal(len)).as("threadLocal, len %d", len).isEqualTo(want);
          assertThat(b.commonsPool(len)).as("commonsPool, len %d", len).isEqualTo(want);
        }
      }
    } finally {
      b.pool.close();
    }
  }

  @org.junit.jupiter.api.Test
  void thePoolRunsNoEvictorSoTheBenchmarkNeedsNoTeardown() throws Exception {
    BufferReuse b = bench(64);
    try {
      // BufferReuse has no @TearDown (it cost ~1 s per two-thread fork in JMH's generated code);
      // that is only safe while the pool starts no background thread of its own.
      assertThat(b.pool.getDurationBetweenEvictionRuns().isNegative()).isTrue();
    } finally {
      b.pool.close();
    }
  }

  @ParameterizedTest
  @ParamValues(of = BufferReuse.class, field = "size")
  void benchmarkMethodsAgreeCallByCall(int size) throws Exception {
    BufferReuse b = bench(size);
    try {
      BufferReuse.Cursor c1 = new BufferReuse.Cursor();
      BufferReuse.Cursor c2 = new BufferReuse.Cursor();
      BufferReuse.Cursor c3 = new BufferReuse.Cursor();
      for (int call = 0; call < 2 * BufferReuse.LENGTHS; call++) {
        int allocated = b.pitfallAllocate(c1);
        assertThat(b.fixThreadLocal(c2)).isEqualTo(allocated);
        assertThat(b.fixCommonsPool(c3)).isEqualTo(allocated);
      }
    } finally {
      b.pool.close();
    }
  }

  @ParameterizedTest
  @ParamValues(of = BufferReuse.class, field = "size")
  void dirtyBuffersHandedBackDoNotChangeTheAnswer(int size) throws Exception {
    BufferReuse b = bench(size);
    try {
      int len = b.lengths[0];
      int want = expected(b, len);

      // ThreadLocal: dirty this thread's buffer, take it again.
      byte[] mine = b.local.get();
      Arrays.fill(mine, (byte) 0x5A);
      assertThat(b.local.get()).isSameAs(mine); // it really is the dirty one that comes back
      assertThat(b.threadLocal(len)).isEqualTo(want);

      // Commons Pool: take every pooled buffer, dirty it, return it, take again.
      List<byte[]> borrowed = new ArrayList<>();
      for (int i = 0; i < BufferReuse.POOL_SIZE; i++) {
        borrowed.add(b.pool.borrowObject());
      }
      for (byte[] page : borrowed) {
        Arrays.fill(page, (byte) 0x5A);
        b.pool.returnObject(page);
      }
      for (int i = 0; i < BufferReuse.POOL_SIZE; i++) {
        assertThat(b.commonsPool(len)).as("use %d after dirtying", i).isEqualTo(want);
      }
      assertThat(b.pool.getCreatedCount()).isEqualTo(BufferReuse.POOL_SIZE); // reused, not new

      // The trap is real: without the reset the dirty tail changes the checksum.
      byte[] dirty = new byte[size];
      Arrays.fill(dirty, (byte) 0x5A);
      System.arraycopy(b.payload, 0, dirty, 0, len);
      assertThat(Arrays.hashCode(dirty)).isNotEqualTo(want);
    } finally {
      b.pool.close();
    }
  }
}
