package org.pitfallatlas.load;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load: requests are due on a fixed schedule, whatever the service is doing, and each
 * is timed from when it was due — not from when the service got round to it.
 *
 * <p>Why. A closed loop (JMH's own modes, a benchmark thread calling the service as fast as it
 * returns) sends the next request only when the last one has returned. When the service stops for a
 * 90 ms GC pause, one request is slow and the requests that would have arrived during the pause are
 * never sent: the pause shows as one sample among hundreds of thousands, and the p99 does not see
 * it ("coordinated omission", Gil Tene; wrk2 and HdrHistogram's {@code
 * recordValueWithExpectedInterval} exist because of it). Here request {@code i} is due at {@code
 * start + i / rate}; if the service is still busy with earlier ones, it waits its turn, and that
 * wait is part of its latency, as it would be for a client.
 *
 * <p>The service is one thread, the caller's: requests are served in order, one at a time (a
 * single-server queue with deterministic arrivals). Between arrivals the thread waits with the
 * {@link Clock}: the {@link #SYSTEM} clock spins ({@link Thread#onSpinWait}) when the next arrival
 * is less than 2 ms away and parks otherwise, because a park's wake-up (~50–100 µs on a VM) would
 * be larger than the requests it times. Spinning holds a core between arrivals, which a real idle
 * service would not: on a 2-core machine the collector's concurrent threads get the other core.
 *
 * <p>Saturation. After the window closes the loop keeps serving the requests that were due inside
 * it (the backlog) for at most a grace period. A service that cannot keep up at this rate leaves
 * requests unserved at the end of the grace period: the {@link Result} says so ({@link
 * Result#saturated}), and its latencies describe an ever-growing queue, not the service — a report
 * must show such a configuration as saturated, not as a latency.
 *
 * <p>Immutable; {@code with...} returns a copy. Latencies go into the caller's {@link Histogram},
 * in nanoseconds.
 */
public final class OpenLoop {

  /** A source of nanosecond time and a way to wait until a moment of it. */
  public interface Clock {
    /** The current time, in nanoseconds, as {@link System#nanoTime}. */
    long nanoTime();

    /** Returns at or soon after {@code deadline} (a {@link #nanoTime} value). */
    void waitUntil(long deadline);
  }

  /** Below this distance to the next arrival the system clock spins instead of parking. */
  static final long SPIN_NANOS = 2_000_000;

  /** {@link System#nanoTime}; spins when the deadline is near, parks otherwise. */
  public static final Clock SYSTEM = systemClock(SPIN_NANOS);

  /**
   * {@link System#nanoTime}; spins ({@link Thread#onSpinWait}) when the deadline is less than
   * {@code spinNanos} away, parks otherwise (0: never spins).
   */
  static Clock systemClock(long spinNanos) {
    return new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
          if (left > spinNanos) {
            LockSupport.parkNanos(left - spinNanos);
          } else {
            Thread.onSpinWait();
          }
        }
      }
    };
  }

  private final double rate;
  private final long windowNanos;
  private final long graceNanos;
  private final Clock clock;

  private OpenLoop(double rate, long windowNanos, long graceNanos, Clock clock) {
    this.rate = rate;
    this.windowNanos = windowNanos;
    this.graceNanos = graceNanos;
    this.clock = clock;
  }

  /**
   * A load of {@code requestsPerSecond} for {@code window}, with a grace period of half the window
   * to serve the backlog, on the system clock.
   *
   * @param requestsPerSecond the offered rate, positive
   * @param window how long requests arrive, positive
   * @return the load
   * @throws IllegalArgumentException for a rate or window that is not positive, or a window too
   *     short to hold one request
   */
  public static OpenLoop of(double requestsPerSecond, Duration window) {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException(
          "the offered rate must be a positive number of requests per second: "
              + requestsPerSecond);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the window must be positive: " + window);
    }
    long nanos = window.toNanos();
    if (nanos * requestsPerSecond < 1e9) {
      throw new IllegalArgumentException(
          "a window of "
              + window
              + " at "
              + requestsPerSecond
              + " requests/s holds no request: lengthen the window or raise the rate");
    }
    return new OpenLoop(requestsPerSecond, nanos, nanos / 2, SYSTEM);
  }

  /** A copy that waits and reads time with {@code c} (a fake clock in tests). */
  public OpenLoop withClock(Clock c) {
    if (c == null) {
      throw new IllegalArgumentException("clock must not be null");
    }
    return new OpenLoop(rate, windowNanos, graceNanos, c);
  }

  /** A copy that serves the backlog for at most {@code grace} after the window. */
  public OpenLoop withGrace(Duration grace) {
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("the grace period must be zero or positive: " + grace);
    }
    return new OpenLoop(rate, windowNanos, grace.toNanos(), clock);
  }

  /** The offered rate, requests per second. */
  public double rate() {
    return rate;
  }

  /** The number of requests due inside the window. */
  public long scheduled() {
    return (long) Math.ceil(windowNanos * rate / 1e9);
  }

  /** When request {@code i} is due, relative to the start, in nanoseconds. */
  long dueOffset(long i) {
    return (long) (i * 1e9 / rate);
  }

  /**
   * Runs the load: serves every request due inside the window, in order, each when it is due or as
   * soon as the previous one returns, and records each latency (return time minus due time, ns).
   *
   * @param request serves one request and returns a value the caller sums (so it is not dead code)
   * @param latencies where the latencies go, in nanoseconds
   * @return what happened
   */
  public Result run(LongSupplier request, Histogram latencies) {
    long scheduled = scheduled();
    long start = clock.nanoTime();
    long giveUp = start + windowNanos + graceNanos;
    long served = 0;
    long sum = 0;
    long maxQueued = 0;
    while (served < scheduled) {
      long due = start + dueOffset(served);
      long now = clock.nanoTime();
      if (now < due) {
        clock.waitUntil(due);
      } else if (now >= giveUp) {
        break;
      } else {
        maxQueued = Math.max(maxQueued, now - due);
      }
      sum += request.getAsLong();
      long done = clock.nanoTime();
      latencies.recordValue(Math.max(0, done - due));
      served++;
    }
    return new Result(rate, scheduled, served, maxQueued, clock.nanoTime() - start, sum);
  }

  /**
   * What one run of the load did.
   *
   * @param rate the offered rate, requests per second
   * @param scheduled requests due inside the window
   * @param served requests served (the rest were still queued when the grace period ended)
   * @param maxQueuedNanos the longest a request waited for the service to start it
   * @param elapsedNanos from the first due time to the last return
   * @param checksum the sum of the requests' values
   */
  public record Result(
      double rate,
      long scheduled,
      long served,
      long maxQueuedNanos,
      long elapsedNanos,
      long checksum) {

    /** True when requests were left unserved: the service cannot keep up with this rate. */
    public boolean saturated() {
      return served < scheduled;
    }

    /** Requests left unserved. */
    public long backlog() {
      return scheduled - served;
    }
  }
}
