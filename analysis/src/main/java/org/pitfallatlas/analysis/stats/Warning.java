package org.pitfallatlas.analysis.stats;

/**
 * A Warning is a diagnostic carried as data next to a result: something the reader should know
 * before trusting it, with a message that says what to do.
 *
 * @param kind what kind of problem
 * @param message the sentence shown to the user
 */
public record Warning(Kind kind, String message) {
  /** The kinds of warning. */
  public enum Kind {
    /** Too few samples for an interval or for a test to ever reach significance. */
    TOO_FEW_SAMPLES,
    /**
     * A trend across iterations within forks, or a fork that never reached a steady state: warm-up
     * was too short.
     */
    STEADY_STATE_NOT_REACHED,
    /**
     * Informational: a fork warmed up or slowed down before it settled; the iterations before its
     * steady state were dropped.
     */
    STEADY_STATE_TRIMMED,
    /** Forks disagree more than iterations do: add forks, not iterations. */
    FORK_VARIANCE_DOMINATES,
    /** The values form two separate clusters. */
    BIMODAL,
    /** All values are equal: no test is possible. */
    ALL_EQUAL,
    /** The inputs do not contain the same benchmarks. */
    BENCHMARK_SETS_DIFFER,
    /** An input has several entries for one benchmark, params, mode and configuration. */
    DUPLICATE_ENTRIES,
    /** Values were rescaled into the base column's unit (ops/ms into ops/s, us/op into ns/op). */
    UNITS_CONVERTED,
    /** Compared entries ran at different JMH thread counts. */
    THREADS_DIFFER,
    /** A ratio could not be formed (a center is zero). */
    RATIO_UNDEFINED
  }

  @Override
  public String toString() {
    return message;
  }
}
