package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.stats.Verdict;

class ReferenceComparisonTest {

  private static final Map<String, String> A = Map.of("size", "100");
  private static final Map<String, String> B = Map.of("size", "10000");
  private static final Map<String, String> C = Map.of("size", "100000");

  @Test
  void overlappingIntervalsAgreeAndTheMoveIsTheRatioOfRatios() {
    var local =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "time",
                0.22,
                0.20,
                0.24,
                Verdict.FASTER));
    var ref =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "time",
                0.20,
                0.19,
                0.21,
                Verdict.FASTER));
    var item = ReferenceComparison.of(local, ref).items().get(0);
    assertThat(item.overlaps()).isTrue();
    assertThat(item.agreement()).isEqualTo("agrees");
    assertThat(item.moved()).isCloseTo(0.10, Offset.offset(1e-12));
  }

  @Test
  void aFixThatAllocatesNothingInBothRunsAgreesWhateverItsNoiseRatio() {
    // 100 B/op against 0.3 and 0.1 B/op: two noise readings of an allocation-free fix, whose
    // ratios' intervals do not overlap.
    var local =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "gc.alloc.rate.norm",
                0.003,
                0.0028,
                0.0032,
                Verdict.FASTER));
    var ref =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "gc.alloc.rate.norm",
                0.001,
                0.0009,
                0.0011,
                Verdict.FASTER));
    var item = ReferenceComparison.of(local, ref).items().get(0);
    assertThat(item.allocationFree()).isTrue();
    assertThat(item.overlaps()).isTrue();
    assertThat(item.agreement()).isEqualTo("agrees");
    assertThat(ReferenceComparison.of(local, ref).markdown("gc.alloc.rate.norm"))
        .contains("agrees (the fix allocates nothing in either run)");
    // The same ratios with a fix that allocates (10,000 B/op against 30 and 10 B/op) differ.
    var local2 =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "gc.alloc.rate.norm",
                0.3,
                0.28,
                0.32,
                Verdict.FASTER));
    var ref2 =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "gc.alloc.rate.norm",
                0.1,
                0.09,
                0.11,
                Verdict.FASTER));
    assertThat(ReferenceComparison.of(local2, ref2).items().get(0).agreement())
        .isEqualTo("differs");
  }

  @Test
  void disjointIntervalsDiffer() {
    var local =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "time",
                0.5,
                0.45,
                0.55,
                Verdict.FASTER));
    var ref =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "time",
                0.2,
                0.19,
                0.21,
                Verdict.FASTER));
    var cmp = ReferenceComparison.of(local, ref);
    assertThat(cmp.items().get(0).overlaps()).isFalse();
    assertThat(cmp.items().get(0).agreement()).isEqualTo("differs");
    assertThat(cmp.items().get(0).moved()).isCloseTo(1.5, Offset.offset(1e-12));
    assertThat(cmp.summary("time")).isEqualTo("0 of 1");
    assertThat(cmp.markdown("time")).contains("2.500×", "**differs**");
  }

  @Test
  void touchingIntervalsOverlap() {
    var local =
        Rows.table(Rows.row("X", "pitfallA", "fixB", A, "time", 0.5, 0.4, 0.5, Verdict.FASTER));
    var ref =
        Rows.table(Rows.row("X", "pitfallA", "fixB", A, "time", 0.6, 0.5, 0.7, Verdict.FASTER));
    assertThat(ReferenceComparison.of(local, ref).items().get(0).overlaps()).isTrue();
  }

  @Test
  void rowsOnOneSideOnlyAreListedAndNotCounted() {
    var local =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "time",
                0.2,
                0.19,
                0.21,
                Verdict.FASTER),
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                B,
                "time",
                0.2,
                0.19,
                0.21,
                Verdict.FASTER));
    var ref =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "time",
                0.2,
                0.19,
                0.21,
                Verdict.FASTER),
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                C,
                "time",
                0.2,
                0.19,
                0.21,
                Verdict.FASTER));
    var cmp = ReferenceComparison.of(local, ref);
    assertThat(cmp.items())
        .extracting(ReferenceComparison.Item::agreement)
        .containsExactly("agrees", "only here", "only in reference");
    assertThat(cmp.items().get(1).moved()).isNaN();
    assertThat(cmp.summary("time")).isEqualTo("1 of 1");
  }

  @Test
  void metricsAreComparedSeparately() {
    var local =
        Rows.table(
            Rows.row("X", "pitfallA", "fixB", A, "time", 0.2, 0.19, 0.21, Verdict.FASTER),
            Rows.row("X", "pitfallA", "fixB", A, "gc.alloc.rate.norm", 0, 0, 0, Verdict.FASTER));
    var ref =
        Rows.table(
            Rows.row("X", "pitfallA", "fixB", A, "gc.alloc.rate.norm", 0, 0, 0, Verdict.FASTER),
            Rows.row("X", "pitfallA", "fixB", A, "time", 0.9, 0.85, 0.95, Verdict.FASTER));
    var cmp = ReferenceComparison.of(local, ref);
    assertThat(cmp.items("time"))
        .singleElement()
        .satisfies(i -> assertThat(i.overlaps()).isFalse());
    assertThat(cmp.items("gc.alloc.rate.norm"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.overlaps()).isTrue();
              assertThat(i.moved()).isZero();
            });
  }

  @Test
  void withoutARatioIntervalItCannotTell() {
    var local =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "time",
                0.2,
                Double.NaN,
                Double.NaN,
                Verdict.NO_DIFFERENCE));
    var ref =
        Rows.table(
            Rows.row(
                "IntegerSum",
                "pitfallList",
                "fixIntArray",
                A,
                "time",
                0.2,
                0.19,
                0.21,
                Verdict.FASTER));
    var item = ReferenceComparison.of(local, ref).items().get(0);
    assertThat(item.agreement()).isEqualTo("cannot tell");
  }
}
