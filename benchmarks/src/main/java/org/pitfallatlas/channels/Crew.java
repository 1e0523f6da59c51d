package org.pitfallatlas.channels;

import java.util.concurrent.Phaser;
import java.util.function.IntConsumer;

/**
 * A Crew is a fixed set of long-lived platform threads that run one task together per {@link #run}
 * call and wait between calls: the benchmarks' way to run T producers (and a consumer) per
 * operation without starting threads inside the measurement. JMH's {@code @Threads} cannot be a
 * {@code @Param}, and a thread start per operation would cost more than the thing measured.
 *
 * <p>Every variant of a pair runs on a Crew, so every variant pays the same start and finish
 * barrier (two {@link Phaser} phases per call). {@link #close} stops and joins every thread.
 */
final class Crew implements AutoCloseable {

  private final Thread[] threads;
  private final Phaser phaser;
  private volatile IntConsumer task;
  private volatile boolean stopping;
  private volatile Throwable failure;

  /**
   * Starts {@code size} daemon threads named {@code name-0 … name-(size-1)}, each waiting for work.
   *
   * @throws IllegalArgumentException if {@code size < 1}
   */
  Crew(int size, String name) {
    if (size < 1) {
      throw new IllegalArgumentException("a crew needs at least one thread: " + size);
    }
    phaser = new Phaser(size + 1);
    threads = new Thread[size];
    for (int i = 0; i < size; i++) {
      int index = i;
      threads[i] = new Thread(() -> loop(index), name + "-" + i);
      threads[i].setDaemon(true); // a failed tear-down must not keep the fork alive
      threads[i].start();
    }
  }

  /** How many threads the crew has. */
  int size() {
    return threads.length;
  }

  private void loop(int index) {
    while (true) {
      phaser.arriveAndAwaitAdvance(); // start
      if (stopping) {
        return;
      }
      try {
        task.accept(index);
      } catch (Throwable t) {
        failure = t;
      }
      phaser.arriveAndAwaitAdvance(); // finish
    }
  }

  /**
   * Runs {@code work.accept(i)} on thread i of the crew, for every i at once, and returns when all
   * have finished.
   *
   * @throws IllegalStateException if a thread's task threw (the first failure is its cause)
   */
  void run(IntConsumer work) {
    task = work;
    phaser.arriveAndAwaitAdvance();
    phaser.arriveAndAwaitAdvance();
    Throwable t = failure;
    if (t != null) {
      failure = null;
      throw new IllegalStateException("a crew thread failed", t);
    }
  }

  /** Stops every thread and waits for it to end. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    phaser.arriveAndAwaitAdvance();
    for (Thread t : threads) {
      t.join(30_000);
      if (t.isAlive()) {
        throw new IllegalStateException(t.getName() + " did not stop: it would leak");
      }
    }
  }
}
