package org.pitfallatlas.load;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * A Crew is a fixed set of long-lived platform threads that run one task together per round and
 * wait between rounds: how the benchmarks run T threads per operation without starting threads
 * inside the measurement. JMH's {@code @Threads} cannot be a {@code @Param}, and a thread start per
 * operation would cost more than the thing measured.
 *
 * <p>The caller is a party of both rendezvous of a round (start and finish) and does no task work
 * itself, so every variant of a pair pays the same coordination: two rendezvous of {@code size + 1}
 * parties per operation. The rendezvous is one of two {@link Handoff}s, kept as each family was
 * measured with: channels with a {@link Phaser}, contention with two timed {@link CyclicBarrier}s.
 * A round either runs an {@link IntConsumer} on each member ({@link #run}) or a {@link Task} whose
 * results are summed ({@link #round}); the finish rendezvous publishes every member's writes to the
 * caller. {@link #close()} stops and joins every thread.
 */
public final class Crew implements AutoCloseable {

  /** How the caller and the members meet at the start and the finish of a round. */
  public enum Handoff {
    /**
     * One {@link Phaser}, {@code arriveAndAwaitAdvance} twice per round, no timeout: a lost member
     * hangs the round (channels' benchmarks and reference runs).
     */
    PHASER,
    /**
     * Two {@link CyclicBarrier}s (start, finish); the caller waits at most {@link
     * #TIMEOUT_SECONDS}, so a hung round fails instead (contention's benchmarks and reference
     * runs).
     */
    TIMED_BARRIERS
  }

  /** One member's share of a round. */
  @FunctionalInterface
  public interface Task {
    /** Runs member {@code member}'s share and returns its result (e.g. a sum of values read). */
    long run(int member);
  }

  /** No round of any benchmark here takes more than a fraction of this; a hang fails instead. */
  public static final long TIMEOUT_SECONDS = 60;

  private static final int START = 0;
  private static final int FINISH = 1;

  private final Thread[] threads;
  private final long[] results;
  private final Handoff handoff;
  private final Phaser phaser;
  private final CyclicBarrier[] barriers;
  private volatile Object job; // an IntConsumer or a Task
  private volatile boolean stopping;
  private volatile Throwable failure;

  /**
   * Starts {@code size} daemon platform threads named {@code name-0 … name-(size-1)}, each waiting
   * for a round.
   *
   * @throws IllegalArgumentException if {@code size < 1}
   */
  public Crew(String name, int size, Handoff handoff) {
    if (size < 1) {
      throw new IllegalArgumentException("a crew needs at least 1 thread: " + size);
    }
    this.handoff = handoff;
    threads = new Thread[size];
    results = new long[size];
    phaser = handoff == Handoff.PHASER ? new Phaser(size + 1) : null;
    barriers =
        handoff == Handoff.TIMED_BARRIERS
            ? new CyclicBarrier[] {new CyclicBarrier(size + 1), new CyclicBarrier(size + 1)}
            : null;
    for (int i = 0; i < size; i++) {
      int member = i;
      // Daemon: a failed tear-down must not keep the fork alive.
      threads[i] = Thread.ofPlatform().name(name + "-" + i).daemon().unstarted(() -> loop(member));
      threads[i].start();
    }
  }

  /** How many threads the crew has. */
  public int size() {
    return threads.length;
  }

  /** The crew's threads (for tests that check they are gone after {@link #close()}). */
  public Thread[] threads() {
    return threads.clone();
  }

  private void loop(int member) {
    try {
      while (true) {
        memberAwait(START);
        if (stopping) {
          return;
        }
        try {
          Object work = job;
          if (work instanceof Task task) {
            results[member] = task.run(member);
          } else {
            ((IntConsumer) work).accept(member);
          }
        } catch (Throwable t) {
          failure = t;
        }
        memberAwait(FINISH);
      }
    } catch (InterruptedException | BrokenBarrierException e) {
      // close() gave up waiting, or another party failed: end this member.
    }
  }

  private void memberAwait(int which) throws InterruptedException, BrokenBarrierException {
    if (phaser != null) {
      phaser.arriveAndAwaitAdvance();
    } else {
      barriers[which].await();
    }
  }

  private void callerAwait(int which)
      throws InterruptedException, BrokenBarrierException, TimeoutException {
    if (phaser != null) {
      phaser.arriveAndAwaitAdvance();
    } else {
      barriers[which].await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /**
   * Runs {@code work.accept(i)} on thread i of the crew, for every i at once, and returns when all
   * have finished.
   *
   * @throws IllegalStateException if a thread's task threw (the failure is its cause), or the round
   *     did not finish in time
   */
  public void run(IntConsumer work) {
    hand(work);
  }

  /**
   * Runs {@code task} once on every member, waits for all of them, and returns the sum of their
   * results.
   *
   * @throws IllegalStateException if a member's task threw (the failure is its cause), or the round
   *     did not finish in time
   */
  public long round(Task task) {
    hand(task);
    long sum = 0;
    for (long r : results) {
      sum += r;
    }
    return sum;
  }

  /** Each member's result of the last {@link #round}. */
  public long[] lastResults() {
    return results.clone();
  }

  private void hand(Object work) {
    job = work;
    try {
      callerAwait(START);
      callerAwait(FINISH);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the crew", e);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException("the crew did not finish a round (" + handoff + ")", e);
    }
    Throwable t = failure;
    if (t != null) {
      failure = null;
      throw new IllegalStateException("a crew thread failed", t);
    }
  }

  /**
   * Stops every thread and joins it.
   *
   * @throws IllegalStateException when a thread is still alive after {@link #TIMEOUT_SECONDS} (it
   *     is interrupted first): it would leak into the next trial
   */
  @Override
  public void close() {
    stopping = true;
    try {
      callerAwait(START);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (BrokenBarrierException | TimeoutException e) {
      // a member is stuck or gone: interrupt and join below decide
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
      throw new IllegalStateException("a crew thread did not stop: threads would leak");
    }
  }
}
