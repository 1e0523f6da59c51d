package org.pitfallatlas.jmh;

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
 * A JMH profiler that measures, before every iteration, how long one cache line takes to travel
 * from one CPU to another and back: two fresh platform threads play ping-pong through two volatile
 * fields ({@value #ROUND_TRIPS} round trips, ~1–4 ms), and the median round trip over {@value
 * #ROUNDS} rounds is reported as the secondary result {@code c2c.rtt} in ns (averaged over the
 * fork's iterations).
 *
 * <p>Why: on a VM the guest's two vCPUs are threads the hypervisor places on physical cores, and it
 * moves them. On the 2-vCPU reference machine a standalone probe saw the round trip jump between
 * ~310–340 ns and ~60–90 ns within seconds (2026-12-01), and with it the cost of two threads
 * writing one cache line went from ~3.9× to ~10× the padded layout: a property of where the vCPUs
 * sat, not of the code. Contention pairs (false sharing above all) therefore vary fork to fork;
 * this metric lets the report put each fork's result beside the placement it ran on.
 *
 * <p>The two threads spin, so on a machine with one free CPU the measurement includes scheduling
 * (the round trip then reads in µs, not ns): a large value means "the threads did not run on two
 * CPUs at once", which is worth knowing too. Use it as {@code -prof
 * org.pitfallatlas.jmh.CoreToCoreProfiler}; it adds no work inside the measured iteration.
 */
public final class CoreToCoreProfiler implements InternalProfiler {

  /** Round trips per round. */
  static final int ROUND_TRIPS = 5_000;

  /** Rounds per measurement; the median is reported. */
  static final int ROUNDS = 3;

  private double last = Double.NaN;

  @Override
  public String getDescription() {
    return "Cache-line round trip between two CPUs before each iteration (c2c.rtt, ns)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    last = roundTripNanos(ROUND_TRIPS, ROUNDS);
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    if (Double.isNaN(last)) {
      return List.of();
    }
    return List.of(new ScalarResult("c2c.rtt", last, "ns", AggregationPolicy.AVG));
  }

  private static final class Line {
    volatile long ping;
    volatile long pong;
  }

  /**
   * Returns the median over {@code rounds} of the mean round trip (ns) of a cache line between two
   * threads, or NaN when interrupted.
   */
  static double roundTripNanos(int roundTrips, int rounds) {
    double[] means = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      Line line = new Line();
      Thread echo =
          Thread.ofPlatform()
              .name("c2c-echo")
              .daemon()
              .start(
                  () -> {
                    for (long i = 1; i <= roundTrips; i++) {
                      while (line.ping != i) {
                        Thread.onSpinWait();
                      }
                      line.pong = i;
                    }
                  });
      long start = System.nanoTime();
      for (long i = 1; i <= roundTrips; i++) {
        line.ping = i;
        while (line.pong != i) {
          Thread.onSpinWait();
        }
      }
      means[r] = (System.nanoTime() - start) / (double) roundTrips;
      try {
        echo.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Double.NaN;
      }
    }
    java.util.Arrays.sort(means);
    return means[rounds / 2];
  }
}
