package org.pitfallatlas.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports what the fork's {@link LoopbackServer}s saw during each iteration,
 * per benchmark operation (JMH's operation count of the iteration, as {@code -prof gc} normalises
 * B/op): for every server name, {@code io.<name>.requests} (requests it received, req/op) and
 * {@code io.<name>.connections} (TCP connections it accepted, conn/op). E.g. {@link ClientReuse}'s
 * {@code io.server.connections} is 1 for a client per request and ~0 for a shared client; {@link
 * RetryAmplification}'s {@code io.downstream.requests} is how many requests the last service sees
 * per client request.
 *
 * <p>Use it as {@code -prof org.pitfallatlas.io.IoCountersProfiler} (the io suite lists it). It
 * runs inside the forked JVM and reports nothing for benchmarks that start no server. The counts
 * come from the servers, not from the clients: a retry or a new connection the client library makes
 * on its own is counted.
 */
public final class IoCountersProfiler implements InternalProfiler {

  private final Map<String, long[]> before = new TreeMap<>();

  @Override
  public String getDescription() {
    return "Requests and TCP connections each loopback server saw, per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before.clear();
    LoopbackServer.totals()
        .forEach((name, c) -> before.put(name, new long[] {c.requests(), c.connections()}));
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    return results(before, LoopbackServer.totals(), result.getMetadata().getAllOps());
  }

  /** The per-operation results: the counters' growth since {@code start}, over {@code ops}. */
  static List<Result> results(
      Map<String, long[]> start, Map<String, LoopbackServer.Counters> now, long ops) {
    List<Result> out = new ArrayList<>();
    if (ops <= 0) {
      return out;
    }
    for (Map.Entry<String, LoopbackServer.Counters> e : new TreeMap<>(now).entrySet()) {
      long[] s = start.getOrDefault(e.getKey(), new long[2]);
      out.add(
          new ScalarResult(
              "io." + e.getKey() + ".requests",
              (double) (e.getValue().requests() - s[0]) / ops,
              "req/op",
              AggregationPolicy.AVG));
      out.add(
          new ScalarResult(
              "io." + e.getKey() + ".connections",
              (double) (e.getValue().connections() - s[1]) / ops,
              "conn/op",
              AggregationPolicy.AVG));
    }
    return out;
  }
}
