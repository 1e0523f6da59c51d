package org.pitfallatlas.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A stall meter, as jHiccup measures "hiccups": a platform thread that sleeps for a fixed
 * resolution (1 ms) again and again and records, each time, how much later than asked it woke up.
 * It does nothing else, so what delays it is what the JVM and the machine did to every thread at
 * that moment — a stop-the-world pause, a safepoint, a time-to-safepoint wait, the OS scheduler, a
 * host that took the CPU away — and not the service's own work. Put beside a service's latency, it
 * tells a slow request that waited for the JVM from one that was slow on its own.
 *
 * <p>Lateness goes into an HdrHistogram {@link Recorder} in nanoseconds; {@link #interval} hands
 * out what was recorded since the last call (one histogram per benchmark iteration). The thread is
 * a daemon and ends with {@link #close}.
 */
public final class StallMeter implements AutoCloseable {

  /** jHiccup's default resolution. */
  public static final Duration DEFAULT_RESOLUTION = Duration.ofMillis(1);

  private final Recorder recorder = new Recorder(3);
  private final Duration resolution;
  private final Thread thread;
  private volatile boolean running = true;

  private StallMeter(Duration resolution) {
    this.resolution = resolution;
    this.thread = Thread.ofPlatform().daemon().name("atlas-stall-meter").unstarted(this::loop);
  }

  /**
   * Starts a meter that sleeps {@code resolution} at a time.
   *
   * @param resolution how long each sleep asks for, positive
   * @return the running meter
   */
  public static StallMeter start(Duration resolution) {
    if (resolution == null || resolution.isNegative() || resolution.isZero()) {
      throw new IllegalArgumentException("the resolution must be positive: " + resolution);
    }
    StallMeter m = new StallMeter(resolution);
    m.thread.start();
    return m;
  }

  /** Starts a meter at {@link #DEFAULT_RESOLUTION}. */
  public static StallMeter start() {
    return start(DEFAULT_RESOLUTION);
  }

  private void loop() {
    long asked = resolution.toNanos();
    while (running) {
      long before = System.nanoTime();
      try {
        Thread.sleep(resolution);
      } catch (InterruptedException e) {
        return;
      }
      recorder.recordValue(Math.max(0, System.nanoTime() - before - asked));
    }
  }

  /** The lateness recorded since the previous call (or the start), in nanoseconds. */
  public Histogram interval() {
    return recorder.getIntervalHistogram();
  }

  /** True while the meter's thread runs. */
  public boolean running() {
    return thread.isAlive();
  }

  /** Stops the thread and waits for it. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
