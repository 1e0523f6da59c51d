package org.pitfallatlas.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ForkValuesTest {
  /** Drops the first {@code n} iterations of every fork, as a warm-up. */
  private static BiFunction<double[], Direction, SteadyState.Result> warmup(int n) {
    return (s, d) ->
        new SteadyState.Result(SteadyState.Kind.WARMUP, n, List.of(n), List.of(1.0, 2.0));
  }

  @Test
  void aForkIsTheGeometricMeanOfItsIterations() {
    ForkValues v =
        ForkValues.of(
            new double[][] {{2, 8}, {10, 10, 10}},
            Direction.LOWER_IS_BETTER,
            SteadyState.withDefaults());
    assertThat(v.mean()).isEqualTo(ForkValues.Mean.GEOMETRIC);
    assertThat(v.values()[0]).isCloseTo(4.0, within(1e-12));
    assertThat(v.values()[1]).isEqualTo(10.0);
    assertThat(v.allSteady()).isTrue();
  }

  @Test
  void onlySteadyIterationsCount() {
    ForkValues v =
        ForkValues.of(new double[][] {{100, 50, 2, 8}}, Direction.LOWER_IS_BETTER, warmup(2));
    assertThat(v.values()[0]).isCloseTo(4.0, within(1e-12));
    assertThat(v.countedIterations()[0]).containsExactly(2, 8);
    assertThat(v.kinds()).containsExactly(SteadyState.Kind.WARMUP);
  }

  @Test
  void aForkThatNeverSettledHasNoValue() {
    BiFunction<double[], Direction, SteadyState.Result> never =
        (s, d) ->
            new SteadyState.Result(
                SteadyState.Kind.NO_STEADY_STATE, s.length, List.of(1, 2), List.of(1.0, 2.0, 3.0));
    ForkValues v = ForkValues.of(new double[][] {{1, 2, 3}}, Direction.LOWER_IS_BETTER, never);
    assertThat(v.values()[0]).isNaN();
    assertThat(v.allSteady()).isFalse();
    assertThat(v.displayValues()[0]).isCloseTo(Math.cbrt(6), within(1e-12));
  }

  @Test
  void zerosTakeTheArithmeticMean() {
    ForkValues v =
        ForkValues.of(
            new double[][] {{0, 0.5}, {0, 0}},
            Direction.LOWER_IS_BETTER,
            SteadyState.withDefaults());
    assertThat(v.mean()).isEqualTo(ForkValues.Mean.ARITHMETIC);
    assertThat(v.values()).containsExactly(0.25, 0.0);
  }

  @Test
  void summaryCountsKindsInOrder() {
    assertThat(
            ForkValues.summary(
                List.of(
                    SteadyState.Kind.WARMUP,
                    SteadyState.Kind.FLAT,
                    SteadyState.Kind.FLAT,
                    SteadyState.Kind.FLAT)))
        .isEqualTo("3 flat, 1 warm-up");
    assertThat(ForkValues.summary(List.of())).isEmpty();
  }
}
