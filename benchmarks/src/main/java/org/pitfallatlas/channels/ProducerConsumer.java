package org.pitfallatlas.channels;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.pitfallatlas.load.Crew;

/**
 * A ProducerConsumer is the set-up BufferSizing and StalledConsumer share: one producer thread and
 * one consumer thread (a {@link Crew} of two, started once per trial, with the channels' Phaser
 * hand-off), and the two buffers they compare: {@link #small} ({@link #SMALL} slots) and {@link
 * #huge} ({@link #HUGE} slots), both ArrayBlockingQueues.
 *
 * <p>{@link #run} streams one operation through a queue: thread 0 produces, thread 1 consumes, and
 * it returns when both have finished (the finish rendezvous publishes their writes to the caller).
 * Each call allocates one lambda, as both benchmarks did before they shared this class.
 */
final class ProducerConsumer<T> implements AutoCloseable {

  /** The buffer that absorbs bursts and pushes back soon ("8-16 absorbs bursts"). */
  static final int SMALL = 16;

  /** The buffer that hides missing backpressure ("a 10,000-slot buffer"). */
  static final int HUGE = 10_000;

  /** The two sides of one operation, each run on its own thread. */
  interface Sides<E> {
    void produce(BlockingQueue<E> queue) throws InterruptedException;

    void consume(BlockingQueue<E> queue) throws InterruptedException;
  }

  /** The small buffer, {@link #SMALL} slots. */
  final BlockingQueue<T> small = new ArrayBlockingQueue<>(SMALL);

  /** The huge buffer, {@link #HUGE} slots. */
  final BlockingQueue<T> huge = new ArrayBlockingQueue<>(HUGE);

  private final Crew crew;

  /** Starts the two threads, named {@code name-0} (producer) and {@code name-1} (consumer). */
  ProducerConsumer(String name) {
    crew = new Crew(name, 2, Crew.Handoff.PHASER);
  }

  /** Runs {@code sides.produce(queue)} on thread 0 and {@code sides.consume(queue)} on thread 1. */
  void run(Sides<T> sides, BlockingQueue<T> queue) {
    crew.run(
        i -> {
          try {
            if (i == 0) {
              sides.produce(queue);
            } else {
              sides.consume(queue);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while streaming", e);
          }
        });
  }

  /** Stops both threads and joins them. */
  @Override
  public void close() {
    crew.close();
  }
}
