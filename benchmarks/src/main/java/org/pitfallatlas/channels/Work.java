package org.pitfallatlas.channels;

/**
 * Work is the CPU work the channel benchmarks put on either side of a queue: a chain of dependent
 * xorshift64 steps (the JIT can neither fold nor vectorise it), as in {@code
 * org.pitfallatlas.fanin.FanInResults}. About 1.7-1.9 ns per step on the reference machine (2-core
 * KVM Xeon, JDK 25, C2), so {@link #STEPS_PER_MICRO} steps are about a microsecond; other machines
 * differ, and every benchmark that uses it says so.
 */
final class Work {

  /** xorshift64 steps per microsecond of work on the reference machine (fanin's calibration). */
  static final int STEPS_PER_MICRO = 550;

  private Work() {}

  /**
   * Runs {@code steps} dependent xorshift64 steps from {@code seed} (not 0) and returns the end.
   */
  static long steps(long seed, int steps) {
    long x = seed;
    for (int k = 0; k < steps; k++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }
}
