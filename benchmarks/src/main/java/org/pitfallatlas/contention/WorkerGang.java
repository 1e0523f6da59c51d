package org.pitfallatlas.contention;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WorkerGang is a fixed number of long-lived platform threads that each run one batch per round,
 * all released together.
 *
 * <p>JMH's {@code @Threads} cannot be a {@code @Param}, so the contention benchmarks run their own
 * workers: started once per trial, released by one {@link CyclicBarrier} per round and collected by
 * a second one. The benchmark thread is a party of both barriers and does no batch work itself, so
 * every variant pays exactly the same coordination: two barrier trips of {@code workers + 1}
 * parties per operation. {@link #close()} stops and joins every worker; a round or a close that
 * does not finish within {@link #TIMEOUT_SECONDS} fails instead of hanging.
 */
final class WorkerGang implements AutoCloseable {

  /** One worker's share of a round. */
  @FunctionalInterface
  interface Batch {
    /** Runs worker {@code worker}'s batch and returns its result (e.g. a sum of values read). */
    long run(int worker);
  }

  /** No round of any benchmark here takes more than a fraction of this; a hang fails instead. */
  static final long TIMEOUT_SECONDS = 60;

  private final Thread[] threads;
  private final CyclicBarrier start;
  private final CyclicBarrier done;
  private final long[] results;
  private volatile Batch batch;
  private volatile boolean stopping;
  private volatile Throwable failure;

  /** Starts {@code workers} platform threads named {@code <name>-<i>}, parked until a round. */
  WorkerGang(String name, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("a gang needs at least 1 worker: " + workers);
    }
    threads = new Thread[workers];
    results = new long[workers];
    start = new CyclicBarrier(workers + 1);
    done = new CyclicBarrier(workers + 1);
    for (int i = 0; i < workers; i++) {
      int worker = i;
      threads[i] = Thread.ofPlatform().name(name + "-" + i).daemon().unstarted(() -> loop(worker));
      threads[i].start();
    }
  }

  /** Number of workers. */
  int size() {
    return threads.length;
  }

  /** The worker threads (for tests that check they are gone after {@link #close()}). */
  Thread[] threads() {
    return threads.clone();
  }

  private void loop(int worker) {
    try {
      while (true) {
        start.await();
        if (stopping) {
          return;
        }
        try {
          results[worker] = batch.run(worker);
        } catch (Throwable t) {
          failure = t;
        }
        done.await();
      }
    } catch (InterruptedException | BrokenBarrierException e) {
      // close() gave up waiting, or another party failed: end this worker.
    }
  }

  /**
   * Runs {@code b} once on every worker, waits for all of them, and returns the sum of their
   * results. The barrier trip publishes every worker's writes to the caller.
   *
   * @throws IllegalStateException when a batch threw, or the round did not finish in time
   */
  long round(Batch b) {
    batch = b;
    try {
      start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the workers", e);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException("the workers did not finish a round", e);
    }
    Throwable t = failure;
    if (t != null) {
      throw new IllegalStateException("a worker's batch failed", t);
    }
    long sum = 0;
    for (long r : results) {
      sum += r;
    }
    return sum;
  }

  /** Returns each worker's result of the last round. */
  long[] lastResults() {
    return results.clone();
  }

  /**
   * Stops every worker and joins it.
   *
   * @throws IllegalStateException when a worker is still alive after the timeout (it is interrupted
   *     first): the threads would leak into the next trial
   */
  @Override
  public void close() {
    stopping = true;
    try {
      start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (BrokenBarrierException | TimeoutException e) {
      // a worker is stuck or gone: interrupt and join below decide
    }
    boolean alive = false;
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        t.interrupt();
        alive = true;
      }
    }
    if (alive) {
      throw new IllegalStateException("a worker did not stop: threads would leak");
    }
  }
}
