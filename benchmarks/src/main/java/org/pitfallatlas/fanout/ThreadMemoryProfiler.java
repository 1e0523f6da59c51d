package org.pitfallatlas.fanout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the memory per thread {@link ThreadStacks} measured in its last
 * operation of the iteration, as secondary results in B/thread, averaged over iterations:
 *
 * <ul>
 *   <li>{@code thread.committed}: NMT Thread committed + heap after GC (what the threads cost);
 *   <li>{@code thread.reserved}: NMT Thread reserved + heap after GC (address space included);
 *   <li>{@code thread.nmt.committed}, {@code thread.nmt.reserved}: NMT's Thread category alone;
 *   <li>{@code thread.heap}: heap in use after GC (Thread objects; virtual threads' stack chunks);
 *   <li>{@code thread.rss}: resident set size.
 * </ul>
 *
 * <p>Use it as {@code -prof org.pitfallatlas.fanout.ThreadMemoryProfiler}. It runs inside the
 * forked JVM and reports nothing for benchmarks that recorded nothing (every other class), and no
 * NMT rows when the fork ran without {@code -XX:NativeMemoryTracking}.
 */
public final class ThreadMemoryProfiler implements InternalProfiler {

  /** The unit of every result. */
  public static final String UNIT = "B/thread";

  @Override
  public String getDescription() {
    return "Memory per parked thread (NMT Thread category, heap after GC, RSS), in B/thread";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    ThreadMemory.takeLast(); // drop anything left by an earlier iteration
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    return results(ThreadMemory.takeLast());
  }

  /** The secondary results of one measurement (none for null). */
  static List<Result> results(ThreadMemory.PerThread m) {
    List<Result> out = new ArrayList<>();
    if (m == null) {
      return out;
    }
    if (m.nmt()) {
      out.add(result("thread.committed", m.committed()));
      out.add(result("thread.reserved", m.reserved()));
      out.add(result("thread.nmt.committed", m.nmtCommitted()));
      out.add(result("thread.nmt.reserved", m.nmtReserved()));
    }
    out.add(result("thread.heap", m.heap()));
    if (!Double.isNaN(m.rss())) {
      out.add(result("thread.rss", m.rss()));
    }
    return out;
  }

  private static Result result(String label, double value) {
    return new ScalarResult(label, value, UNIT, AggregationPolicy.AVG);
  }
}
