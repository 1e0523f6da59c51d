package org.pitfallatlas.leaks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the state {@link LeakGrowth} recorded after each iteration as
 * secondary results: one point of the leak's growth curve per iteration (the rows are listed in
 * LeakGrowth's header). Cumulative rows aggregate as the maximum (the end of the curve), slopes as
 * the mean; JMH's JSON keeps every iteration's value in {@code rawData}.
 *
 * <p>Use it as {@code -prof org.pitfallatlas.leaks.LeakGrowthProfiler}. It runs inside the forked
 * JVM and reports nothing for benchmarks that recorded nothing (every other class).
 */
public final class LeakGrowthProfiler implements InternalProfiler {

  private static final AtomicReference<LeakGrowth.Growth> LAST = new AtomicReference<>();
  private static final double MIB = 1024.0 * 1024.0;

  @Override
  public String getDescription() {
    return "A thread leak's growth after each iteration: helpers, threads, heap, RSS, GC time";
  }

  /** Records an iteration's state for this profiler. */
  static void record(LeakGrowth.Growth growth) {
    LAST.set(growth);
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    LAST.set(null); // drop anything left by an earlier iteration
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    return results(takeLast());
  }

  /** Takes (and clears) the last recorded state, or null when none was recorded. */
  static LeakGrowth.Growth takeLast() {
    return LAST.getAndSet(null);
  }

  /** The secondary results of one iteration's state (none for null). */
  static List<Result> results(LeakGrowth.Growth g) {
    List<Result> out = new ArrayList<>();
    if (g == null) {
      return out;
    }
    LeakGrowth.Point now = g.now();
    out.add(curve("growth.requests", now.requests(), "requests"));
    out.add(curve("growth.helpers", now.helpers(), "threads"));
    out.add(curve("growth.threads", now.platformThreads(), "threads"));
    out.add(curve("growth.heap", now.heapBytes() / MIB, "MiB"));
    out.add(curve("growth.gc.time", now.gcMillis(), "ms"));
    out.add(slope("growth.gc.full", now.fullGcMillis(), "ms"));
    if (!Double.isNaN(g.heapPerRequest())) {
      out.add(slope("growth.heap.perRequest", g.heapPerRequest(), "B/request"));
    }
    if (now.rssBytes() >= 0) {
      out.add(curve("growth.rss", now.rssBytes() / MIB, "MiB"));
    }
    if (!Double.isNaN(g.rssPerRequest())) {
      out.add(slope("growth.rss.perRequest", g.rssPerRequest(), "B/request"));
    }
    return out;
  }

  private static Result curve(String label, double value, String unit) {
    return new ScalarResult(label, value, unit, AggregationPolicy.MAX);
  }

  private static Result slope(String label, double value, String unit) {
    return new ScalarResult(label, value, unit, AggregationPolicy.AVG);
  }
}
