package org.pitfallatlas.analysis.suite;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A PairSpec is what the suite file says about one pair class: the claim it tests and the parameter
 * point profiled for flame graphs.
 *
 * @param className simple name of the JMH class inside the family's package
 * @param claim the claim (from ATLAS.md) the pair confirms or refutes, or what it shows
 * @param profileParams one representative {@code @Param} point for the flame graphs
 * @param expectedBytesPerOp per method, the JOL-derived allocation expectation (may be empty)
 * @param warmup a longer warm-up for this class than the budget's (null: the budget's), with the
 *     reason; for pairs whose operations are so slow that the JIT needs more than the budget's
 *     warm-up to reach its final code
 * @param pointWarmups warm-ups for single {@code @Param} points that need even longer (each names
 *     its point in {@code params}); they replace {@code warmup} at that point only
 * @param configurations the suite configurations the class runs in (empty: every one), for families
 *     that compare configurations and cannot afford every class in each
 * @param budgetParams per budget name ({@code smoke}, {@code quick}, {@code full}), the values of
 *     some {@code @Param}s the class runs under that budget: a subset of its sweep, for points too
 *     slow for a short budget (a budget not listed, and a parameter not listed, run the whole
 *     sweep; a user still runs any point by hand with {@code -p})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PairSpec(
    @com.fasterxml.jackson.annotation.JsonProperty("class") String className,
    String claim,
    Map<String, String> profileParams,
    Map<String, ExpectedBytes> expectedBytesPerOp,
    Warmup warmup,
    List<Warmup> pointWarmups,
    List<String> configurations,
    Map<String, Map<String, List<String>>> budgetParams) {

  public PairSpec {
    configurations = configurations == null ? List.of() : List.copyOf(configurations);
    budgetParams = budgetParams == null ? Map.of() : Map.copyOf(budgetParams);
    for (var e : budgetParams.entrySet()) {
      if (e.getValue() == null
          || e.getValue().isEmpty()
          || e.getValue().values().stream().anyMatch(v -> v == null || v.isEmpty())) {
        throw new IllegalArgumentException(
            "pair "
                + className
                + ": budgetParams."
                + e.getKey()
                + " must name @Params with at least one value each, e.g. {\"quick\": {\"threads\":"
                + " [\"1000\"]}}");
      }
    }
    // In the suite file's order (Map.copyOf would iterate in a different order in every JVM, and
    // the notebooks print these maps).
    profileParams =
        profileParams == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(profileParams));
    expectedBytesPerOp =
        expectedBytesPerOp == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(expectedBytesPerOp));
    pointWarmups = pointWarmups == null ? List.of() : List.copyOf(pointWarmups);
    for (Warmup w : pointWarmups) {
      if (w.params().isEmpty()) {
        throw new IllegalArgumentException(
            "pair "
                + className
                + ": every entry of pointWarmups must name its @Param point in \"params\", e.g."
                + " {\"params\": {\"size\": \"1048576\"}, \"iterations\": 7, \"time\":"
                + " \"500ms\"}; a warm-up for every point belongs in \"warmup\"");
      }
    }
  }

  /** A PairSpec with a class-wide warm-up and no point warm-ups. */
  public PairSpec(
      String className,
      String claim,
      Map<String, String> profileParams,
      Map<String, ExpectedBytes> expectedBytesPerOp,
      Warmup warmup) {
    this(className, claim, profileParams, expectedBytesPerOp, warmup, null, null, null);
  }

  /** A PairSpec without a warm-up of its own. */
  public PairSpec(
      String className,
      String claim,
      Map<String, String> profileParams,
      Map<String, ExpectedBytes> expectedBytesPerOp) {
    this(className, claim, profileParams, expectedBytesPerOp, null, null, null, null);
  }

  /**
   * Returns whether the point with {@code params} runs under the budget named {@code budget}: every
   * parameter {@link #budgetParams} restricts for that budget has one of the listed values.
   */
  public boolean runsAt(String budget, Map<String, String> params) {
    Map<String, List<String>> only = budgetParams.getOrDefault(budget, Map.of());
    return only.entrySet().stream()
        .allMatch(
            e -> !params.containsKey(e.getKey()) || e.getValue().contains(params.get(e.getKey())));
  }

  /**
   * The warm-up for one {@code @Param} point: the point warm-up whose params all match, else the
   * class-wide one, else null (the budget's).
   */
  public Warmup warmupAt(Map<String, String> params) {
    for (Warmup w : pointWarmups) {
      if (params.entrySet().containsAll(w.params().entrySet())) {
        return w;
      }
    }
    return warmup;
  }

  /**
   * A Warmup is a pair's own warm-up, used instead of the budget's for every fork of the class (or,
   * in {@code pointWarmups}, of one {@code @Param} point).
   *
   * @param params the point it applies to (empty: every point)
   * @param iterations warm-up iterations
   * @param time length of one, in JMH's syntax
   * @param why what needs it, and how that was found
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Warmup(Map<String, String> params, int iterations, String time, String why) {
    /** A warm-up for every point. */
    public Warmup(int iterations, String time, String why) {
      this(null, iterations, time, why);
    }

    public Warmup {
      params = params == null ? Map.of() : Map.copyOf(params);
      if (iterations < 1 || time == null || !time.matches("[0-9]+(ms|s|us|m)")) {
        throw new IllegalArgumentException(
            "a pair's warmup needs iterations >= 1 and a time like 500ms or 1s, not "
                + iterations
                + " x "
                + time);
      }
    }
  }

  /**
   * An ExpectedBytes is the allocation one operation should cost, derived from JOL.
   *
   * @param bytes expected {@code gc.alloc.rate.norm}, bytes per operation
   * @param params the parameter point it applies to
   * @param tolerance relative tolerance (0.1 = 10%)
   * @param toleranceBytes absolute tolerance in bytes; the larger of the two applies
   * @param why the derivation, in words
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ExpectedBytes(
      double bytes,
      Map<String, String> params,
      Double tolerance,
      Double toleranceBytes,
      String why) {}
}
