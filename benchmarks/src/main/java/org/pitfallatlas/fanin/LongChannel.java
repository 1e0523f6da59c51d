package org.pitfallatlas.fanin;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A LongChannel is a bounded blocking FIFO of {@code long}s: the JVM analogue of a buffered Go
 * {@code chan int64}. It is {@link java.util.concurrent.ArrayBlockingQueue}'s algorithm (one lock,
 * a not-empty and a not-full condition, a ring buffer) on a {@code long[]}: a put copies the value
 * into the ring and allocates nothing, as a Go channel send does, where {@code
 * ArrayBlockingQueue<Long>} boxes every value.
 *
 * <p>Hand-written because neither the JDK nor the usual libraries (JCTools, Agrona) have a blocking
 * queue of primitives; it exists to give the fan-in pitfall its closest counterpart, not as a
 * general-purpose queue.
 */
final class LongChannel {

  private final long[] items;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private int putIndex;
  private int takeIndex;
  private int count;

  /**
   * Creates an empty channel.
   *
   * @param capacity how many values it holds before {@link #put} blocks, at least 1
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  LongChannel(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a channel needs a capacity of at least 1: " + capacity);
    }
    items = new long[capacity];
  }

  /** Appends {@code value}, waiting while the channel is full. */
  void put(long value) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (count == items.length) {
        notFull.await();
      }
      items[putIndex] = value;
      putIndex = putIndex + 1 == items.length ? 0 : putIndex + 1;
      count++;
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns the oldest value, waiting while the channel is empty. */
  long take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (count == 0) {
        notEmpty.await();
      }
      long value = items[takeIndex];
      takeIndex = takeIndex + 1 == items.length ? 0 : takeIndex + 1;
      count--;
      notFull.signal();
      return value;
    } finally {
      lock.unlock();
    }
  }
}
