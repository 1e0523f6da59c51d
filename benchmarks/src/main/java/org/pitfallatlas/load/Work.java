package org.pitfallatlas.load;

/**
 * Work is the CPU work the benchmarks put where a real program would compute: a chain of dependent
 * xorshift64 steps (the JIT can neither fold nor vectorise it, and each step needs the previous
 * one). About 1.7-1.9 ns per step on the reference machine (2-core KVM Xeon, JDK 25, C2), so {@link
 * #STEPS_PER_MICRO} steps are about a microsecond (fanin's calibration); other machines differ, and
 * every benchmark that uses it says so.
 *
 * <p>Used by fanin (a task's work), channels (work on either side of a queue), fanout (a CPU-bound
 * virtual thread's bursts) and leaks (the expensive load a cache exists for).
 */
public final class Work {

  /** xorshift64 steps per microsecond of work on the reference machine (fanin's calibration). */
  public static final int STEPS_PER_MICRO = 550;

  private Work() {}

  /** One xorshift64 step (Marsaglia's 13, 7, 17 triple): never 0 from a state that is not 0. */
  public static long step(long x) {
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    return x;
  }

  /**
   * Runs {@code steps} dependent xorshift64 steps from {@code seed} (not 0) and returns the end.
   */
  public static long steps(long seed, int steps) {
    long x = seed;
    for (int k = 0; k < steps; k++) {
      x = step(x);
    }
    return x;
  }
}
