package org.pitfallatlas.analysis.run;

import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.ForkRatio;
import org.pitfallatlas.analysis.stats.ForkValues;
import org.pitfallatlas.analysis.stats.SteadyState;

/**
 * A StoppingRule decides, at a look, whether a pitfall/fix comparison needs more forks: it is
 * decided when the interval the verdict will use — the ratio of the two sides' fork geometric means
 * over their steady iterations, at the simultaneous level {@code 1 - alpha / (comparisons × looks)}
 * — excludes 1 (a significant difference) or lies inside the equivalence margin (equivalent).
 * Anything else is undecided and gets more forks, up to the budget's cap. Using the verdict's own
 * interval, corrected for every look the rule may take, keeps optional stopping honest: however
 * often the rule looks, the chance of a false verdict stays at most alpha.
 */
interface StoppingRule {

  /**
   * True when the comparison needs no more forks.
   *
   * @param pitfall the pitfall's raw data so far, {@code [fork][iteration]}
   * @param fix the fix's raw data so far
   * @param unit the score unit ({@code us/op}, {@code ops/s})
   * @param comparisons the number of time comparisons in the run (the correction family)
   * @param looks how many looks the budget allows
   */
  boolean decided(double[][] pitfall, double[][] fix, String unit, int comparisons, int looks);

  /** One sentence for {@code run.json}. */
  String describe();

  /** The atlas's rule: alpha 0.05, equivalence margin 2%, as the verdicts use. */
  static StoppingRule standard() {
    return standard(0.05, 0.02);
  }

  /** The rule at the given significance level and equivalence margin. */
  static StoppingRule standard(double alpha, double margin) {
    return new StoppingRule() {
      @Override
      public boolean decided(
          double[][] pitfall, double[][] fix, String unit, int comparisons, int looks) {
        Direction d = Metrics.direction(unit);
        ForkValues a = ForkValues.of(pitfall, d, SteadyState.withDefaults());
        ForkValues b = ForkValues.of(fix, d, SteadyState.withDefaults());
        if (!a.settledEnough() || !b.settledEnough()) {
          // Too many forks never settled for a verdict: more forks show whether that was an
          // accident of one fork or the benchmark's nature.
          return false;
        }
        double confidence = 1 - alpha / ((double) Math.max(1, comparisons) * Math.max(1, looks));
        ForkRatio.Result r =
            ForkRatio.withConfidence(confidence).compare(a.settledValues(), b.settledValues());
        return r.tested() && (r.excludesOne() || r.within(margin));
      }

      @Override
      public String describe() {
        return "after each look, a pair with a significant or equivalent ratio (fork geometric means"
            + " of steady iterations, Welch t, simultaneous level 1 - "
            + alpha
            + " / (comparisons x looks), margin ±"
            + Math.round(margin * 100)
            + "%) stops; the others get more forks up to the cap";
      }
    };
  }
}
