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
  void unevenTiesUseTheTailOfTheObservedStatistic() {
    // [5, 6, 6] vs [5, 5, 5, 5, 5, 5, 6]: mid-ranks 4 (the seven 5s) and 9 (the three 6s);
    // R1 = 4 + 9 + 9 = 22. Its exact distribution picks r of the 6s: R1 = 12 + 5r with
    // C(3, r) C(7, 3 - r) ways = 35, 63, 21, 1 of 120. P(R1 >= 22) = 22/120, P(R1 <= 22) =
    // 119/120, two-sided p = 44/120. benchstat doubles P(U1 <= min(U1, U2)) = P(U1 <= 5) = 0.
    MannWhitney.Result r = mw.test(new double[] {5, 6, 6}, new double[] {5, 5, 5, 5, 5, 5, 6});
    assertThat(r.method()).isEqualTo(MannWhitney.Method.EXACT_WITH_TIES);
    assertThat(r.u()).isEqualTo(5);
    assertThat(r.p()).isCloseTo(44.0 / 120, within(1e-12));
    // Symmetric in the order of the samples.
    assertThat(mw.test(new double[] {5, 5, 5, 5, 5, 5, 6}, new double[] {5, 6, 6}).p())
        .isCloseTo(44.0 / 120, within(1e-12));
  }

  /**
   * go-moremath's own vectors: stats/utest_test.go (aclements/go-moremath), TestMannWhitneyUTest.
   */
  @Test
  void goMoremathVectors() {
    double[] s1 = {2, 1, 3, 5};
    double[] s2 = {12, 11, 13, 15};
    double[] s3 = {0, 4, 6, 7};
    double[] s4 = {2, 2, 2, 2};
    double[] s5 = {1, 1, 1, 1, 1};
    assertThat(mw.test(s1, s2).p()).isCloseTo(0.028571428571428577, within(1e-12));
    assertThat(mw.test(s2, s1).p()).isCloseTo(0.028571428571428577, within(1e-12));
    MannWhitney.Result r13 = mw.test(s1, s3);
    assertThat(r13.u()).isEqualTo(5);
    assertThat(r13.p()).isCloseTo(0.48571428571428577, within(1e-12));
    assertThat(mw.test(s1, s1).p()).isEqualTo(1);
    MannWhitney.Result r14 = mw.test(s1, s4);
    assertThat(r14.u()).isEqualTo(6);
    assertThat(r14.p()).isCloseTo(0.7142857142857143, within(1e-12));
    // go-moremath gives p = 0 here (the wrong tail, see above); the exact two-sided p: 9 values,
    // C(9, 4) = 126 splits; R1 = 27.5 is reached only by one of the six 1s with 2, 3 and 5:
    // P(R1 >= 27.5) = 6/126.
    MannWhitney.Result r15 = mw.test(s1, s5);
    assertThat(r15.u()).isEqualTo(2.5);
    assertThat(r15.p()).isCloseTo(12.0 / 126, within(1e-12));
    assertThat(mw.test(s4, s4).method()).isEqualTo(MannWhitney.Method.NONE);

    double[] l1 = new double[500];
    for (int i = 0; i < l1.length; i++) {
      l1[i] = i * 2;
    }
    double[] l2 = new double[600];
    for (int i = 0; i < l2.length; i++) {
      l2[i] = i * 2 - 41;
    }
    double[] l3 = l2.clone();
    System.arraycopy(l1, 0, l3, 0, 30);
    MannWhitney.Result r = mw.test(l1, l2);
    assertThat(r.u()).isEqualTo(135250);
    assertThat(r.p()).isCloseTo(0.0049335360814172224, within(1e-12));
    assertThat(mw.test(l1, l1).p()).isCloseTo(1, within(1e-12));
    MannWhitney.Result r3 = mw.test(l1, l3);
    assertThat(r3.u()).isEqualTo(134845);
    assertThat(r3.p()).isCloseTo(0.0038703814239617884, within(1e-12));
  }

  /**
   * benchstat's documented example: golang/perf cmd/benchstat/main.go, the doc comment's old.txt
   * and new.txt (Encode/format=gob-48 and format=json-48, 10 values each, ns/op), printed there as
   * "~ (p=0.446 n=10)" and "-17.20% (p=0.000 n=10)".
   */
  @Test
  void benchstatsDocumentedExample() {
    double[] oldGob = {3069, 3075, 3069, 3067, 3207, 3064, 3064, 3058, 3059, 3062};
    double[] newGob = {3075, 3065, 3059, 3065, 3060, 3081, 3186, 3135, 3087, 3062};
    MannWhitney.Result gob = mw.test(oldGob, newGob);
    assertThat(gob.method()).isEqualTo(MannWhitney.Method.EXACT_WITH_TIES);
    // Python, all C(20, 10) splits of the mid-ranks: 0.4461018857303687
    assertThat(gob.p()).isCloseTo(0.4461018857303687, within(1e-12));
    assertThat(String.format(java.util.Locale.ROOT, "%.3f", gob.p())).isEqualTo("0.446");
    double[] oldJson = {1726, 1723, 1707, 1707, 1713, 1729, 1736, 1707, 1705, 1774};
    double[] newJson = {1423, 1416, 1411, 1413, 1412, 1426, 1422, 1424, 1447, 1425};
    MannWhitney.Result json = mw.test(oldJson, newJson);
    assertThat(json.u()).isEqualTo(0);
    assertThat(json.p()).isCloseTo(1.082508822446903e-05, within(1e-15));
  }

  @Test
  void tiesUpToTwentyFiveValuesAreExactLikeBenchstat() {
    // benchstat's MannWhitneyTiesExactLimit is 25 (go-moremath stats/utest.go): 10 vs 10 values
    // with ties take the exact distribution, not the normal approximation.
    double[] a = {10, 11, 11, 12, 13, 13, 14, 15, 15, 16};
    double[] b = {12, 13, 14, 14, 15, 16, 16, 17, 18, 18};
    MannWhitney.Result r = mw.test(a, b);
    assertThat(r.method()).isEqualTo(MannWhitney.Method.EXACT_WITH_TIES);
    // Python, enumerating all C(20, 10) = 184756 splits of the mid-ranks (itertools.combinations):
    // P(R1 <= observed) = 0.014586806382472017 -> p = 0.029173612764944033
    assertThat(r.p()).isCloseTo(0.029173612764944033, within(1e-12));
    double[] c = new double[26];
    double[] d = new double[26];
    for (int i = 0; i < 26; i++) {
      c[i] = i / 2;
      d[i] = i / 2 + 3;
    }
    assertThat(mw.test(c, d).method()).isEqualTo(MannWhitney.Method.NORMAL);
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
