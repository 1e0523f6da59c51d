package org.pitfallatlas.pool;

import static org.pitfallatlas.jol.BytesPerOp.intParam;

import java.util.Map;
import org.pitfallatlas.jol.BytesPerOp;

/**
 * Expectations are the bytes per operation the pool benchmarks should allocate where that number is
 * exact, computed with JOL for the running JVM.
 *
 * <p>Only the allocate-vs-reuse variants of {@link BufferReuse} have one: a page is one {@code
 * byte[size]} (its length comes from a {@code @Param}, so C2 cannot scalar-replace it) or nothing.
 * {@code fixCommonsPool} (Commons Pool2's per-borrow bookkeeping) and {@link JsonEncoding} (Jackson
 * internals) allocate what their libraries allocate; their B/op is measured, not predicted. The
 * suite file {@code benchmarks/suites/pool.json} carries the same numbers for the reference JVM;
 * {@code ExpectationsTest} keeps the two from drifting apart.
 */
public final class Expectations {

  private Expectations() {}

  /** The expected bytes per operation of the pool benchmarks that have one. */
  public static final BytesPerOp BYTES_PER_OP =
      BytesPerOp.of(
          Map.of(
              // One zeroed page per use: header + size bytes, padded.
              "BufferReuse.pitfallAllocate",
              (jol, p) -> jol.arrayBytes(byte.class, intParam(p, "size")),
              // The thread's own page, created once: nothing per use.
              "BufferReuse.fixThreadLocal",
              (jol, p) -> 0L));
}
