package org.pitfallatlas.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load whose requests are served concurrently: one generator thread hands each request
 * to a {@link Dispatcher} when it is due ({@code start + i / rate}) and goes on to the next; the
 * request runs on whatever thread the dispatcher gives it and, when it returns, records its latency
 * — completion minus due time, so time spent queued anywhere counts, as for a client. {@link
 * OpenLoop} serves requests one at a time on the caller's thread; this is its counterpart for a
 * service that runs many requests at once (a server with a thread, a pool or a virtual thread per
 * request).
 *
 * <p>A dispatcher may <em>reject</em> a request (a bounded queue that is full, a semaphore with no
 * permit: the 503 of a service that sheds load). Rejected requests are counted, not timed: the
 * dispatchers of the atlas reject synchronously, so the time to reject is the generator's own.
 *
 * <p>In flight. A request is in flight from its dispatch to its return (queued or running). The
 * loop keeps the current count and its peak (read just after each accepted dispatch: for a thread
 * per request, the most request threads alive). Its mean, as the arrivals found it (sampled just
 * before each dispatch; with arrivals on a fixed schedule, that is a time average), also counts the
 * requests already due that the generator has not dispatched yet — when dispatching is slow (a
 * platform thread to start per request) they wait in front of it, as in a server's accept queue,
 * and their latency runs from the due time too. Little's law says that mean is the completion rate
 * times the mean latency (L = λW) in a steady state: {@link Result#littlesLaw} is that product, to
 * set beside the sampled mean and the dispatcher's bound.
 *
 * <p>Saturation. After the window the loop waits, for at most a grace period, for the requests in
 * flight to return. Requests still in flight then (or never dispatched, when the generator itself
 * fell that far behind) are <em>unfinished</em>: the service could not keep up at this rate ({@link
 * Result#saturated}), and its latencies describe a growing queue. A dispatcher that rejected some
 * requests and finished every one it accepted is not saturated. Unfinished requests keep running
 * after {@link #run} returns; their completions go nowhere (each run has its own counters).
 *
 * <p>Between arrivals the generator parks ({@link #PARKING}): unlike {@link OpenLoop#SYSTEM} it
 * never spins, because here the requests run on other threads and need the cores; a park's late
 * wake-up (~50-100 µs on a VM) delays the dispatches, and that delay counts in every request's
 * latency, the same for every dispatcher.
 *
 * <p>Immutable; {@code with...} returns a copy. The requests record into the run's own histogram
 * under a lock (a few thousand requests a second contend little); it is added to the caller's
 * {@link Histogram} at the end of the run.
 */
public final class AsyncOpenLoop {

  /** Hands a request to a thread, or rejects it. */
  @FunctionalInterface
  public interface Dispatcher {
    /**
     * Starts {@code request} on another thread (or queues it), or rejects it.
     *
     * @param request the request; it records its own latency when it returns
     * @return false when the request is rejected (it will never run)
     */
    boolean dispatch(Runnable request);
  }

  /** {@link System#nanoTime}; parks until the deadline, never spins. */
  public static final OpenLoop.Clock PARKING = OpenLoop.systemClock(0);

  /**
   * How often the generator looks whether the requests in flight have returned, after the window.
   */
  static final long DRAIN_POLL_NANOS = 200_000;

  private final OpenLoop schedule;
  private final long windowNanos;
  private final long graceNanos;
  private final OpenLoop.Clock clock;

  private AsyncOpenLoop(OpenLoop schedule, long windowNanos, long graceNanos, OpenLoop.Clock c) {
    this.schedule = schedule;
    this.windowNanos = windowNanos;
    this.graceNanos = graceNanos;
    this.clock = c;
  }

  /**
   * A load of {@code requestsPerSecond} for {@code window}, waiting at most {@code grace} after the
   * window for the requests in flight, on the {@link #PARKING} clock.
   *
   * @param requestsPerSecond the offered rate, positive
   * @param window how long requests arrive, positive
   * @param grace how long to wait for the requests in flight after the window, zero or positive
   * @return the load
   * @throws IllegalArgumentException as {@link OpenLoop#of}, or for a negative grace period
   */
  public static AsyncOpenLoop of(double requestsPerSecond, Duration window, Duration grace) {
    OpenLoop schedule = OpenLoop.of(requestsPerSecond, window);
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("the grace period must be zero or positive: " + grace);
    }
    return new AsyncOpenLoop(schedule, window.toNanos(), grace.toNanos(), PARKING);
  }

  /** A copy that waits and reads time with {@code c} (a fake clock in tests). */
  public AsyncOpenLoop withClock(OpenLoop.Clock c) {
    if (c == null) {
      throw new IllegalArgumentException("clock must not be null");
    }
    return new AsyncOpenLoop(schedule, windowNanos, graceNanos, c);
  }

  /** The offered rate, requests per second. */
  public double rate() {
    return schedule.rate();
  }

  /** The number of requests due inside the window. */
  public long scheduled() {
    return schedule.scheduled();
  }

  /**
   * Runs the load: dispatches request {@code i} (0, 1, ...) when it is due, then waits for the
   * requests in flight until they have all returned or the grace period has ended.
   *
   * @param request serves request {@code i} (blocking the thread it runs on) and returns a value
   *     the run sums into its checksum
   * @param dispatcher runs or rejects each request
   * @param latencies where the latencies of the requests that returned in time go, nanoseconds
   * @return what happened
   */
  public Result run(LongUnaryOperator request, Dispatcher dispatcher, Histogram latencies) {
    return run(request, dispatcher, latencies, i -> false, null);
  }

  /**
   * Runs the load as {@link #run(LongUnaryOperator, Dispatcher, Histogram)} does, but records the
   * latencies of the requests {@code apart} selects into {@code apartLatencies} instead of {@code
   * latencies}: e.g. the calls that go to a stalled downstream, so that {@code latencies} holds
   * only the other requests' and shows what the stalled ones do to them. Both kinds count as
   * served, and the result's mean latency is over both.
   *
   * @param request serves request {@code i} and returns a value for the checksum
   * @param dispatcher runs or rejects each request
   * @param latencies where the latencies of the other requests go, nanoseconds
   * @param apart selects the requests (by index) whose latencies are kept apart
   * @param apartLatencies where their latencies go, nanoseconds (may be null when none is selected)
   * @return what happened
   */
  public Result run(
      LongUnaryOperator request,
      Dispatcher dispatcher,
      Histogram latencies,
      LongPredicate apart,
      Histogram apartLatencies) {
    Window w = new Window(apart);
    long scheduled = scheduled();
    long start = clock.nanoTime();
    long giveUp = start + windowNanos + graceNanos;
    long dispatched = 0;
    long rejected = 0;
    long maxLate = 0;
    double inFlightSum = 0;
    while (dispatched < scheduled) {
      long due = start + schedule.dueOffset(dispatched);
      long now = clock.nanoTime();
      long waiting = 0;
      if (now < due) {
        clock.waitUntil(due);
      } else if (now >= giveUp) {
        break;
      } else {
        maxLate = Math.max(maxLate, now - due);
        // Requests already due that the generator has not dispatched yet (it is behind).
        waiting = Math.min(scheduled, (long) ((now - start) * rate() / 1e9) + 1) - dispatched - 1;
      }
      long i = dispatched++;
      // Counted before the dispatch (the request may return before dispatch does); the peak is
      // read just after an accepted dispatch, so a rejected request never shows as one over the
      // bound (nor does a request that returned in the meantime).
      inFlightSum += w.inFlight.getAndIncrement() + Math.max(0, waiting);
      if (dispatcher.dispatch(() -> w.serve(request, i, due))) {
        w.peak.accumulateAndGet(w.inFlight.get(), Math::max);
      } else {
        w.inFlight.decrementAndGet();
        rejected++;
      }
    }
    long now;
    while (w.inFlight.get() > 0 && (now = clock.nanoTime()) < giveUp) {
      clock.waitUntil(Math.min(now + DRAIN_POLL_NANOS, giveUp));
    }
    long end = clock.nanoTime();
    Histogram h;
    Histogram both;
    long checksum;
    synchronized (w) {
      // Closed: requests still running return into nothing from here on.
      w.closed = true;
      h = w.latencies;
      checksum = w.checksum;
      both = h.copy();
      both.add(w.apartLatencies);
    }
    latencies.add(h);
    if (w.apartLatencies.getTotalCount() > 0) {
      if (apartLatencies == null) {
        throw new IllegalArgumentException("requests were kept apart but apartLatencies is null");
      }
      apartLatencies.add(w.apartLatencies);
    }
    return new Result(
        rate(),
        scheduled,
        both.getTotalCount(),
        rejected,
        w.peak.get(),
        dispatched == 0 ? 0 : inFlightSum / dispatched,
        both.getTotalCount() == 0 ? 0 : both.getMean(),
        maxLate,
        windowNanos,
        end - start,
        checksum);
  }

  /** One run's counters, shared with the requests it dispatched; latencies under its lock. */
  private final class Window {
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong peak = new AtomicLong();
    final Histogram latencies = new Histogram(3);
    final Histogram apartLatencies = new Histogram(3);
    final LongPredicate apart;
    long checksum;
    boolean closed;

    Window(LongPredicate apart) {
      this.apart = apart;
    }

    void serve(LongUnaryOperator request, long i, long due) {
      try {
        long v = request.applyAsLong(i);
        long latency = Math.max(0, clock.nanoTime() - due);
        synchronized (this) {
          if (!closed) {
            (apart.test(i) ? apartLatencies : latencies).recordValue(latency);
            checksum += v;
          }
        }
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  /**
   * What one run of the load did.
   *
   * @param rate the offered rate, requests per second
   * @param scheduled requests due inside the window
   * @param served requests that returned before the grace period ended (their latencies are in the
   *     histogram)
   * @param rejected requests the dispatcher refused
   * @param peakInFlight the most requests in flight (dispatched, not yet returned) just after a
   *     dispatch
   * @param meanInFlight the mean number in flight that the arrivals found, with the requests due
   *     but not yet dispatched
   * @param meanLatencyNanos the served requests' mean latency, nanoseconds
   * @param maxLateNanos the most the generator dispatched a request after it was due
   * @param windowNanos the window of arrivals, nanoseconds
   * @param elapsedNanos from the first due time to the end of the run
   * @param checksum the sum of the served requests' values
   */
  public record Result(
      double rate,
      long scheduled,
      long served,
      long rejected,
      long peakInFlight,
      double meanInFlight,
      double meanLatencyNanos,
      long maxLateNanos,
      long windowNanos,
      long elapsedNanos,
      long checksum) {

    /** Requests neither served nor rejected: still in flight (or never dispatched) at the end. */
    public long unfinished() {
      return scheduled - served - rejected;
    }

    /**
     * The line a latency log announces this run's window with (without the {@code #atlas } prefix):
     * the gc family's fields (scheduled, served, the generator's lateness, saturated), then the
     * counts the analysis reads per fork (rejected, unfinished, in flight); a benchmark may append
     * counts of its own as {@code " name=value"}.
     */
    public String iterationLine() {
      return String.format(
          java.util.Locale.ROOT,
          "iteration scheduled=%d served=%d maxQueuedNs=%d elapsedNs=%d%s rejected=%d"
              + " unfinished=%d inflightPeak=%d inflightMean=%.2f inflightLittle=%.2f",
          scheduled,
          served,
          maxLateNanos,
          elapsedNanos,
          saturated() ? " saturated" : "",
          rejected,
          unfinished(),
          peakInFlight,
          meanInFlight,
          littlesLaw());
    }

    /** True when requests were left unfinished: the service cannot keep up with this rate. */
    public boolean saturated() {
      return unfinished() > 0;
    }

    /** The share of the scheduled requests that were rejected, 0 to 1. */
    public double rejectedShare() {
      return scheduled == 0 ? 0 : (double) rejected / scheduled;
    }

    /**
     * The in-flight count Little's law implies: the served requests' rate over the window times
     * their mean latency (L = λW).
     */
    public double littlesLaw() {
      return served / (windowNanos / 1e9) * (meanLatencyNanos / 1e9);
    }
  }
}
