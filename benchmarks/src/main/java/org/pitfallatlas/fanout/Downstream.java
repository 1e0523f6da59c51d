package org.pitfallatlas.fanout;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A Downstream is a simulated slow dependency: a call blocks its thread for a log-normally
 * distributed time, as a remote call's latency typically is (a long right tail), and answers with
 * the latency it was given, so a caller's result is a checksum of the calls it made.
 *
 * <p>The latency is {@code median * exp(sigma * Z)}, Z standard normal from {@link
 * RandomGenerator#nextGaussian()} (the JDK's modified ziggurat). Its quantile q is {@code median *
 * exp(sigma * Φ⁻¹(q))}; the maximum of N independent calls has quantile q where one call has {@code
 * q^(1/N)}: the tail of a fan-out request is a deeper quantile of one call.
 *
 * <p>The call blocks in {@link Thread#sleep(Duration)}: on a virtual thread that unmounts it from
 * its carrier (a blocking I/O call does the same), on a platform thread it parks the OS thread.
 * Either way no CPU is used while waiting, as with a real socket read.
 *
 * @see <a href="https://en.wikipedia.org/wiki/Log-normal_distribution">Log-normal distribution</a>
 */
public final class Downstream {

  private final double medianNanos;
  private final double sigma;

  /**
   * A downstream whose latency has the given median and log-scale spread.
   *
   * @param medianMillis the median latency, in milliseconds
   * @param sigma the standard deviation of the latency's logarithm (0.5: p99 is 3.2x the median)
   * @throws IllegalArgumentException if the median is not positive or sigma is negative
   */
  public Downstream(double medianMillis, double sigma) {
    if (!(medianMillis > 0) || !(sigma >= 0)) {
      throw new IllegalArgumentException(
          "median must be > 0 and sigma >= 0, not " + medianMillis + " and " + sigma);
    }
    this.medianNanos = medianMillis * 1e6;
    this.sigma = sigma;
  }

  /** Draws one call's latency, in nanoseconds (at least 1). */
  public long latencyNanos(RandomGenerator random) {
    return Math.max(1, Math.round(medianNanos * Math.exp(sigma * random.nextGaussian())));
  }

  /**
   * The latency at quantile {@code q} of one call, in milliseconds, for a standard normal quantile
   * {@code z = Φ⁻¹(q)}.
   */
  public double quantileMillis(double z) {
    return medianNanos * Math.exp(sigma * z) / 1e6;
  }

  /**
   * Calls the downstream: blocks for {@code latencyNanos} and answers with it.
   *
   * @throws IllegalStateException if interrupted while waiting (the benchmark never interrupts)
   */
  public static long call(long latencyNanos) {
    try {
      Thread.sleep(Duration.ofNanos(latencyNanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("a downstream call was interrupted", e);
    }
    return latencyNanos;
  }
}
