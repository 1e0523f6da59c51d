package org.pitfallatlas.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
  private final Diagnostics d = Diagnostics.withDefaults();

  @Test
  void cleanSampleHasNoWarnings() {
    Sample s = sample(new Random(1), 5, 10, 100, 0.01, 0.0);
    assertThat(d.of(s)).isEmpty();
  }

  @Test
  void oneForkIsTooFew() {
    assertThat(d.of(Sample.of(1, 2, 3, 2, 1)))
        .extracting(Warning::kind)
        .contains(Warning.Kind.TOO_FEW_SAMPLES);
  }

  @Test
  void aTrendWithinForksIsSteadyStateNotReached() {
    Random rnd = new Random(2);
    double[][] v = new double[4][10];
    for (int f = 0; f < 4; f++) {
      for (int i = 0; i < 10; i++) {
        v[f][i] = 100 * (1 - 0.01 * i) * (1 + 0.002 * rnd.nextGaussian());
      }
    }
    assertThat(d.of(Sample.ofForks(v)))
        .extracting(Warning::kind)
        .containsExactly(Warning.Kind.STEADY_STATE_NOT_REACHED);
  }

  @Test
  void negligibleForkDifferencesAreNoWarning() {
    // B/op of a deterministic allocation: forks differ by a few bytes in 240000, iterations less.
    Sample s =
        Sample.ofForks(
            new double[][] {
              {240000.1, 240000.1, 240000.1},
              {240004.8, 240004.8, 240004.8},
              {240002.2, 240002.2, 240002.3}
            });
    assertThat(ForkVariance.of(s).dominates(0.01)).isFalse();
    assertThat(d.of(s)).noneMatch(w -> w.kind() == Warning.Kind.FORK_VARIANCE_DOMINATES);
  }

  @Test
  void disagreeingForksSayAddForksAndHowMany() {
    Sample s = Sample.ofForks(forks(new double[] {100, 103, 97, 101, 99}, 10, 0.001, 3));
    ForkVariance fv = ForkVariance.of(s);
    assertThat(fv.dominates(0.01)).isTrue();
    // sd between forks ~2.2%: 2 (1.96 + 0.84)^2 0.022^2 / 0.02^2 ~ 19 forks for a 2% effect.
    assertThat(fv.forksNeeded(0.02, 0.05, 0.8)).isBetween(12, 30);
    assertThat(d.of(s))
        .filteredOn(w -> w.kind() == Warning.Kind.FORK_VARIANCE_DOMINATES)
        .singleElement()
        .extracting(Warning::message)
        .asString()
        .contains("add forks, not iterations")
        .contains("forks per side would resolve a 2.0% difference");
  }

  @Test
  void forksFarApartSayTheDifferenceIsBelowWhatTheMachineResolvesInsteadOfAdvisingThousands() {
    // sd between forks ~16%: 2 (1.96 + 0.84)^2 0.16^2 / 0.02^2 ~ 1,000 forks for a 2% effect.
    Sample s = Sample.ofForks(forks(new double[] {100, 130, 80, 115, 90}, 10, 0.001, 3));
    assertThat(ForkVariance.of(s).forksNeeded(0.02, 0.05, 0.8))
        .isGreaterThan(Diagnostics.MAX_FORKS_ADVISED);
    assertThat(d.of(s))
        .filteredOn(w -> w.kind() == Warning.Kind.FORK_VARIANCE_DOMINATES)
        .singleElement()
        .extracting(Warning::message)
        .asString()
        .contains("a 2.0% difference is below what this machine can resolve here")
        .contains("more than 100 forks per side")
        .doesNotContain("would resolve");
  }

  @Test
  void twoClustersAreBimodal() {
    double[][] v = new double[2][12];
    Random rnd = new Random(4);
    for (int i = 0; i < 12; i++) {
      v[0][i] = (i % 2 == 0 ? 100 : 120) + rnd.nextGaussian() * 0.3;
      v[1][i] = (i % 2 == 0 ? 100 : 120) + rnd.nextGaussian() * 0.3;
    }
    assertThat(d.of(Sample.ofForks(v))).extracting(Warning::kind).contains(Warning.Kind.BIMODAL);
  }

  static Sample sample(
      Random rnd, int forks, int iters, double center, double iterSd, double forkSd) {
    double[][] v = new double[forks][iters];
    for (int f = 0; f < forks; f++) {
      double fc = center * (1 + forkSd * rnd.nextGaussian());
      for (int i = 0; i < iters; i++) {
        v[f][i] = fc * (1 + iterSd * rnd.nextGaussian());
      }
    }
    return Sample.ofForks(v);
  }

  static double[][] forks(double[] centers, int iters, double sd, long seed) {
    Random rnd = new Random(seed);
    double[][] v = new double[centers.length][iters];
    for (int f = 0; f < centers.length; f++) {
      for (int i = 0; i < iters; i++) {
        v[f][i] = centers[f] * (1 + sd * rnd.nextGaussian());
      }
    }
    return v;
  }
}
