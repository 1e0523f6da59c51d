package org.pitfallatlas.errors;

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
 * A JMH profiler that reports what {@link LogAndRethrow} wrote to its log file per operation, as
 * the secondary result {@code log.bytes} in B/op: the file's size at the end of an iteration (taken
 * by the benchmark's iteration tear-down, which then truncates the file) divided by the iteration's
 * operations, as {@code -prof gc} divides allocated bytes.
 *
 * <p>Use it as {@code -prof org.pitfallatlas.errors.LogBytesProfiler} (the errors suite lists it).
 * It runs inside the forked JVM and reads the size the benchmark handed over in the same JVM; for
 * benchmarks that write no log (WrappedErrors) it reports nothing.
 */
public final class LogBytesProfiler implements InternalProfiler {

  /** The secondary result's label. */
  public static final String LABEL = "log.bytes";

  @Override
  public String getDescription() {
    return "Bytes LogAndRethrow wrote to its log file per operation (log.bytes, B/op)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    LogAndRethrow.takeIterationBytes(); // drop anything left by an earlier iteration
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    return results(LogAndRethrow.takeIterationBytes(), result.getMetadata().getAllOps());
  }

  /**
   * The secondary result for {@code bytes} written over {@code ops} operations (none if unknown).
   */
  static List<Result> results(long bytes, long ops) {
    if (bytes < 0 || ops <= 0) {
      return List.of();
    }
    return List.of(new ScalarResult(LABEL, (double) bytes / ops, "B/op", AggregationPolicy.AVG));
  }
}
