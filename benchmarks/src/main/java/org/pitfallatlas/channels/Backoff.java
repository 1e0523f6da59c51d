package org.pitfallatlas.channels;

import java.util.concurrent.locks.LockSupport;

/**
 * Backoff is the wait strategy of the lock-free queue variants, where nothing blocks: a thread that
 * finds its queue empty (consumer) or full (producer) spins briefly, then yields its core, then
 * sleeps a microsecond at a time. The JCTools queues leave the wait strategy to the caller (their
 * {@code MessagePassingQueue.WaitStrategy}); this is the usual spin-yield-park ladder, the same as
 * Agrona's {@code BackoffIdleStrategy}. On 2 oversubscribed cores the yield step matters most: a
 * spinning consumer would otherwise hold a core its producers need.
 */
final class Backoff {

  private static final int SPINS = 64;
  private static final int YIELDS = 64;

  private Backoff() {}

  /**
   * Waits a little, more as {@code idle} grows.
   *
   * @param idle how many times in a row the caller found nothing to do
   * @return {@code idle + 1}, for the next call
   */
  static int idle(int idle) {
    if (idle < SPINS) {
      Thread.onSpinWait();
    } else if (idle < SPINS + YIELDS) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(1_000);
    }
    return idle + 1;
  }
}
