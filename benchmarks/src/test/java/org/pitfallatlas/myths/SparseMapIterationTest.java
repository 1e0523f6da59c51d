package org.pitfallatlas.myths;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.openjdk.jol.info.GraphLayout;
import org.pitfallatlas.suite.ParamValues;

class SparseMapIterationTest {

  @ParameterizedTest
  @ParamValues(of = SparseMapIteration.class, field = "peak")
  void everyVariantIteratesTheSameEntries(int peak) {
    SparseMapIteration bench = bench(peak);

    assertThat(bench.sparse).hasSize(SparseMapIteration.LIVE).isEqualTo(bench.copied);
    assertThat(bench.linked).isEqualTo(bench.copied);
    long expected = bench.fixCopiedHashMap();
    assertThat(bench.pitfallSparseHashMap()).isEqualTo(expected);
    assertThat(bench.fixLinkedHashMap()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ParamValues(of = SparseMapIteration.class, field = "peak")
  void theSparseMapKeepsThePeaksTableAndTheCopyDoesNot(int peak) {
    SparseMapIteration bench = bench(peak);
    long sparse = GraphLayout.parseInstance(bench.sparse).totalSize();
    long copied = GraphLayout.parseInstance(bench.copied).totalSize();
    if (peak == SparseMapIteration.LIVE) {
      // The control: nothing was removed, and the copy has the same 2,048-slot table (the
      // original differs only by the entry-set view the copy constructor made it cache).
      assertThat(Math.abs(sparse - copied)).isLessThan(64);
    } else {
      // HashMap grows its table to keep size <= 0.75 x slots, and remove() never shrinks it:
      // the sparse map still holds at least peak / 0.75 references of 4 bytes (compressed oops)
      // or 8, while the copy holds 1,000 entries in 2,048 slots.
      long slotsAtPeak = Integer.highestOneBit((int) Math.ceil(peak / 0.75) - 1) * 2L;
      assertThat(sparse - copied).isGreaterThanOrEqualTo(4 * (slotsAtPeak - 2048));
    }
  }

  private static SparseMapIteration bench(int peak) {
    SparseMapIteration bench = new SparseMapIteration();
    bench.peak = peak;
    bench.setup();
    return bench;
  }
}
