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
 * Anything else is undecided and gets more forks, up to the budget's cap — unless it is futile:
 * projected to the cap (the same centre, the standard error shrunk by {@code sqrt(k/cap)}, the t
 * quantile at the cap's degrees of freedom), its interval would still contain 1 and reach beyond
 * the margin. Such a pair stops early and its row stays {@code ~}; more forks up to the cap would
 * not have decided it unless the centre itself moved.
 *
 * <p>Using the verdict's own interval, corrected for every look the rule may take, keeps optional
 * stopping honest: however often the rule looks, the chance of a false verdict stays at most alpha.
 * Stopping for futility never adds a verdict, so it cannot raise that chance either ("non-binding
 * futility" in group-sequential designs); it costs some power on effects whose estimate would have
 * moved, and saves the forks of pairs whose difference is small against their fork-to-fork noise.
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

  /**
   * Whether the comparison needs no more forks: decided, or futile at the cap.
   *
   * @param pitfall the pitfall's raw data so far, {@code [fork][iteration]}
   * @param fix the fix's raw data so far
   * @param unit the score unit
   * @param comparisons the number of time comparisons in the run
   * @param looks how many looks the budget allows
   * @param cap the most forks per side the budget allows
   * @return the outcome
   */
  default Outcome assess(
      double[][] pitfall, double[][] fix, String unit, int comparisons, int looks, int cap) {
    return decided(pitfall, fix, unit, comparisons, looks) ? Outcome.DECIDED : Outcome.CONTINUE;
  }

  /** What a look concludes for one comparison. */
  enum Outcome {
    /** Significant or equivalent: no more forks. */
    DECIDED,
    /** Undecided, and even the cap's forks would not decide it at the current estimate. */
    FUTILE,
    /** Undecided: more forks. */
    CONTINUE
  }

  /** One sentence for {@code run.json}. */
  String describe();

  /**
   * Futility is judged from this many forks a side on (the second look of the quick budget). From
   * three forks one aberrant fork inflates the spread so much that the projection calls real
   * effects futile: in the 2026-11-30 presize run FilterCollect selectivity=1.0 was stopped at 3
   * forks with [-84.7%, +301.3%] although every other run found it 22-29% faster.
   */
  int MIN_FORKS_FOR_FUTILITY = 5;

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
      public Outcome assess(
          double[][] pitfall, double[][] fix, String unit, int comparisons, int looks, int cap) {
        Direction d = Metrics.direction(unit);
        ForkValues a = ForkValues.of(pitfall, d, SteadyState.withDefaults());
        ForkValues b = ForkValues.of(fix, d, SteadyState.withDefaults());
        if (!a.settledEnough() || !b.settledEnough()) {
          return Outcome.CONTINUE;
        }
        double confidence = 1 - alpha / ((double) Math.max(1, comparisons) * Math.max(1, looks));
        ForkRatio.Result r =
            ForkRatio.withConfidence(confidence).compare(a.settledValues(), b.settledValues());
        if (!r.tested()) {
          return Outcome.CONTINUE;
        }
        if (r.excludesOne() || r.within(margin)) {
          return Outcome.DECIDED;
        }
        return futile(r, confidence, cap) ? Outcome.FUTILE : Outcome.CONTINUE;
      }

      /**
       * Whether the interval, projected to {@code cap} forks a side, would still contain 1 and
       * reach beyond the margin: same centre (log scale), standard error times {@code sqrt(k /
       * cap)} per side, Welch degrees of freedom grown in proportion, t quantile at those.
       */
      private boolean futile(ForkRatio.Result r, double confidence, int cap) {
        int k = Math.min(r.baseForks(), r.otherForks());
        if (k < MIN_FORKS_FOR_FUTILITY || cap <= k || Double.isNaN(r.df()) || !(r.df() > 0)) {
          return false;
        }
        double centre = Math.log(r.ratio());
        double half = (Math.log(r.hi()) - Math.log(r.lo())) / 2;
        double q = 1 - (1 - confidence) / 2;
        double tNow =
            org.apache.commons.statistics.distribution.TDistribution.of(r.df())
                .inverseCumulativeProbability(q);
        double se = half / tNow;
        double seCap = se * Math.sqrt((double) k / cap);
        double dfCap = r.df() * (cap - 1.0) / Math.max(1, k - 1);
        double tCap =
            org.apache.commons.statistics.distribution.TDistribution.of(dfCap)
                .inverseCumulativeProbability(q);
        double halfCap = tCap * seCap;
        boolean wouldExcludeOne = Math.abs(centre) > halfCap;
        boolean wouldBeEquivalent =
            centre - halfCap >= Math.log(1 - margin) && centre + halfCap <= Math.log(1 + margin);
        return !wouldExcludeOne && !wouldBeEquivalent;
      }

      @Override
      public String describe() {
        return "after each look, a pair with a significant or equivalent ratio (fork geometric means"
            + " of steady iterations, Welch t, simultaneous level 1 - "
            + alpha
            + " / (comparisons x looks), margin ±"
            + Math.round(margin * 100)
            + "%) stops; from 5 forks a side on, so does one that is futile (its interval projected"
            + " to the cap's forks —"
            + " same centre, standard error x sqrt(k/cap) — would still contain 1 and reach beyond"
            + " the margin); the others get more forks up to the cap";
      }
    };
  }
}
