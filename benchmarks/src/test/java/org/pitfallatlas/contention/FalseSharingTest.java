package org.pitfallatlas.contention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;
import org.pitfallatlas.suite.ParamValues;

class FalseSharingTest {

  private static long offset(Class<?> type, String field) {
    for (FieldLayout f : ClassLayout.parseClass(type).fields()) {
      if (f.name().equals(field)) {
        return f.offset();
      }
    }
    throw new AssertionError("no field " + field + " in " + type);
  }

  @Test
  void adjacentCountersAreNextToEachOtherWithinOneLinesWorthOfBytes() {
    long first = offset(FalseSharing.AdjacentCounters.class, "first");
    long second = offset(FalseSharing.AdjacentCounters.class, "second");
    assertThat(Math.abs(second - first)).isEqualTo(8);
    // the whole object, both counters included, is smaller than one 64-byte line
    assertThat(ClassLayout.parseClass(FalseSharing.AdjacentCounters.class).instanceSize())
        .isLessThanOrEqualTo(64);
  }

  @Test
  void paddedCountersAreAtLeast128BytesFromEachOtherAndFromTheirNeighbours() {
    Class<?> type = FalseSharing.PaddedCounters.class;
    long first = offset(type, "first");
    long second = offset(type, "second");
    long size = ClassLayout.parseClass(type).instanceSize();
    assertThat(first).as("padding before the first counter").isGreaterThanOrEqualTo(128);
    assertThat(second - first).as("distance between the counters").isGreaterThanOrEqualTo(128);
    assertThat(size - (second + 8))
        .as("padding after the second counter")
        .isGreaterThanOrEqualTo(128);
  }

  @ParameterizedTest
  @ParamValues(of = FalseSharing.class, field = "increments")
  void bothVariantsCountEveryIncrement(String increments) {
    FalseSharing b = new FalseSharing();
    b.increments = Integer.parseInt(increments);
    b.setup();
    Thread[] workers = b.gang.threads();
    try {
      long expected = 2L * b.increments;
      for (int r = 0; r < 3; r++) {
        assertThat(b.pitfallAdjacentCounters()).isEqualTo(expected);
        assertThat(b.adjacent.first).isEqualTo(b.increments);
        assertThat(b.adjacent.second).isEqualTo(b.increments);
        assertThat(b.fixPaddedCounters()).isEqualTo(expected);
        assertThat(b.padded.first).isEqualTo(b.increments);
        assertThat(b.padded.second).isEqualTo(b.increments);
      }
    } finally {
      b.tearDown();
    }
    for (Thread t : workers) {
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
  }
}
