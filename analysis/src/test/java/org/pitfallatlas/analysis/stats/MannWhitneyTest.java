package org.pitfallatlas.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values from R 4.x; the commands are in the comments. */
class MannWhitneyTest {
  private final MannWhitney mw = MannWhitney.withDefaults();

  @Test
  void exactWithoutTies() {
    // R: wilcox.test(c(12.1,13.4,11.8,12.9,13.0,12.4), c(13.9,14.2,12.8,14.8,13.7,14.1),
    //                exact=TRUE)$p.value  -> 0.015151515151515152 (W = 3)
    MannWhitney.Result r =
        mw.test(
            new double[] {12.1, 13.4, 11.8, 12.9, 13.0, 12.4},
            new double[] {13.9, 14.2, 12.8, 14.8, 13.7, 14.1});
    assertThat(r.method()).isEqualTo(MannWhitney.Method.EXACT);
    assertThat(r.u()).isEqualTo(3);
    assertThat(r.p()).isCloseTo(0.015151515151515152, within(1e-12));
  }

  @Test
  void exactWithoutTiesUnequalSizes() {
    // R: wilcox.test(c(1.1,2.2,3.3,4.4,5.5,6.6,7.7), c(2.5,3.6,4.7,5.8,6.9,8.1,9.2,10.3),
    //                exact=TRUE)$p.value  -> 0.15198135198135199
    MannWhitney.Result r =
        mw.test(
            new double[] {1.1, 2.2, 3.3, 4.4, 5.5, 6.6, 7.7},
            new double[] {2.5, 3.6, 4.7, 5.8, 6.9, 8.1, 9.2, 10.3});
    assertThat(r.p()).isCloseTo(0.15198135198135199, within(1e-12));
  }

  @Test
  void normalApproximationForLargeSamples() {
    // R: set.seed(3); a <- round(rnorm(60, 100, 5), 2); b <- round(rnorm(60, 102, 5), 2)
    //    wilcox.test(a, b, exact=FALSE, correct=TRUE)$p.value  -> 0.00017124611445662282
    double[] a = {
      95.19, 98.54, 101.29, 94.24, 100.98, 100.15, 100.43, 105.58, 93.91, 106.34, 96.28, 94.34,
      96.42, 101.26, 100.76, 98.46, 95.23, 96.76, 106.12, 101, 97.11, 95.29, 98.98, 91.67, 97.58,
      96.29, 105.8, 105.06, 99.64, 94.32, 104.5, 104.26, 103.64, 103.68, 98.24, 103.53, 106.5,
      100.19, 95.1, 103.97, 103.93, 98.45, 108.49, 96.03, 101.74, 88.67, 99.19, 105.65, 97.72, 95.5,
      103.63, 95.95, 101.34, 91.31, 92.94, 97.73, 94.82, 106.81, 104.59, 96.07
    };
    double[] b = {
      104.87, 106.59, 103.28, 103.76, 107.87, 99.6, 99.91, 106.78, 95.55, 102.93, 101.84, 104.34,
      107.12, 103.34, 103.16, 105.74, 108.09, 103.92, 97.06, 101.22, 110.68, 100.24, 105.44, 108.12,
      105.97, 101.97, 103.1, 97.57, 104.2, 97.57, 97.73, 97.05, 98.75, 107.27, 100.05, 101.65,
      99.69, 104.7, 106.66, 100.95, 105.09, 99.97, 107.27, 105.01, 107.09, 105.04, 103.03, 92.51,
      98.59, 104.41, 99.68, 100.6, 99.93, 110.09, 98.39, 99.73, 102.07, 103.08, 102.94, 101.75
    };
    MannWhitney.Result r = mw.test(a, b);
    assertThat(r.method()).isEqualTo(MannWhitney.Method.NORMAL);
    assertThat(r.p()).isCloseTo(0.00017124611445662282, within(1e-12));
  }

  @Test
  void normalApproximationWithTies() {
    // R: wilcox.test(c(10,11,11,12,13,13), c(11,13,14,14,15,16), exact=FALSE,
    //                correct=TRUE)$p.value  -> 0.041965813836852633
    MannWhitney.Result r =
        mw.withExactLimits(50, 0)
            .test(new double[] {10, 11, 11, 12, 13, 13}, new double[] {11, 13, 14, 14, 15, 16});
    assertThat(r.method()).isEqualTo(MannWhitney.Method.NORMAL);
    assertThat(r.p()).isCloseTo(0.041965813836852633, within(1e-12));
  }

  @Test
  void exactWithTies() {
    // R, enumerating every split of the mid-ranks:
    //   xt <- c(10,11,11,12,13,13); yt <- c(11,13,14,14,15,16); r <- rank(c(xt, yt))
    //   u1 <- sum(r[1:6]) - 21; u <- min(u1, 36 - u1)
    //   us <- apply(combn(12, 6), 2, function(i) sum(r[i]) - 21)
    //   min(1, 2*mean(us <= u))  -> 0.03896103896103896 (u = 5)
    MannWhitney.Result r =
        mw.test(new double[] {10, 11, 11, 12, 13, 13}, new double[] {11, 13, 14, 14, 15, 16});
    assertThat(r.method()).isEqualTo(MannWhitney.Method.EXACT_WITH_TIES);
    assertThat(r.u()).isEqualTo(5);
    assertThat(r.p()).isCloseTo(0.03896103896103896, within(1e-12));
  }

  @Test
  void exactWithTiesUnequalSizesAndHalfU() {
    // R, as above with xt2 <- c(5,5,6,7,7,7,8); yt2 <- c(7,8,8,9,9) (combn(12, 7))
    //   -> 0.032828282828282832 (u = 3.5)
    MannWhitney.Result r =
        mw.test(new double[] {5, 5, 6, 7, 7, 7, 8}, new double[] {7, 8, 8, 9, 9});
    assertThat(r.u()).isEqualTo(3.5);
    assertThat(r.p()).isCloseTo(0.032828282828282832, within(1e-12));
  }

  @Test
  void allEqualIsNoTestAndSaysSo() {
    MannWhitney.Result r = mw.test(new double[] {1, 1, 1}, new double[] {1, 1});
    assertThat(r.method()).isEqualTo(MannWhitney.Method.NONE);
    assertThat(r.p()).isEqualTo(1);
    assertThat(r.reject(0.05)).isFalse();
    assertThat(r.warnings()).extracting(Warning::message).containsExactly("all samples are equal");
  }

  @Test
  void minimumSamplesMatchesBenchstat() {
    // benchstat: "need >= 4 samples to detect a difference at alpha level 0.05"
    assertThat(MannWhitney.minimumSamples(0.05)).isEqualTo(4);
    assertThat(MannWhitney.minimumSamples(0.01)).isEqualTo(5);
  }

  @Test
  void smallestPIsCompleteSeparation() {
    // Rscript -e 'print(c(wilcox.test(1:3, 4:6)$p.value, wilcox.test(1:6, 7:12)$p.value,
    //     wilcox.test(1, 2:31)$p.value), digits=10)'  # 0.1 0.002164502165 0.064516129032
    assertThat(MannWhitney.smallestP(3, 3)).isCloseTo(0.1, within(1e-12));
    assertThat(MannWhitney.smallestP(6, 6)).isCloseTo(0.002164502165, within(1e-12));
    assertThat(MannWhitney.smallestP(1, 30)).isCloseTo(0.064516129032, within(1e-12));
    assertThat(MannWhitney.smallestP(30, 1)).isEqualTo(MannWhitney.smallestP(1, 30));
    assertThat(MannWhitney.smallestP(1, 1)).isEqualTo(1.0);
    // The exact test reaches it and goes no lower.
    assertThat(mw.test(new double[] {1, 2, 3}, new double[] {4, 5, 6}).p())
        .isCloseTo(MannWhitney.smallestP(3, 3), within(1e-12));
  }
}
