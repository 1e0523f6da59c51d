package org.pitfallatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pitfallatlas.load.Crew.Handoff;

/**
 * A Crew runs a round once on every thread, with either hand-off: the tasks' results are summed, a
 * failed task fails its round and the crew keeps working, and close joins every thread.
 */
@Timeout(120) // a lost hand-off would hang the build instead of failing it
class CrewTest {

  @ParameterizedTest
  @EnumSource(Handoff.class)
  void runsTheTaskOncePerThreadPerCallAndStopsItsThreads(Handoff handoff) {
    AtomicIntegerArray runs = new AtomicIntegerArray(3);
    Crew crew = new Crew("crew-test", 3, handoff);
    Thread[] threads = crew.threads();
    try {
      for (int r = 0; r < 100; r++) {
        crew.run(runs::incrementAndGet);
      }
    } finally {
      crew.close();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(runs.get(i)).isEqualTo(100);
    }
    for (Thread t : threads) {
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Handoff.class)
  void everyMemberRunsEachRoundOnceAndTheResultsAreSummed(Handoff handoff) {
    try (Crew crew = new Crew("test-gang", 4, handoff)) {
      for (int round = 1; round <= 3; round++) {
        int r = round;
        Set<String> names = ConcurrentHashMap.newKeySet();
        long sum =
            crew.round(
                w -> {
                  names.add(Thread.currentThread().getName());
                  return (w + 1) * 10L * r;
                });
        assertThat(sum).isEqualTo((10 + 20 + 30 + 40) * r);
        assertThat(crew.lastResults()).containsExactly(10L * r, 20L * r, 30L * r, 40L * r);
        assertThat(names)
            .containsExactlyInAnyOrder("test-gang-0", "test-gang-1", "test-gang-2", "test-gang-3");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Handoff.class)
  void reportsAFailedTaskAndKeepsWorking(Handoff handoff) {
    try (Crew crew = new Crew("crew-fail", 2, handoff)) {
      assertThatThrownBy(
              () ->
                  crew.run(
                      i -> {
                        if (i == 1) {
                          throw new ArithmeticException("boom");
                        }
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasRootCauseInstanceOf(ArithmeticException.class);
      int[] seen = new int[2];
      crew.run(i -> seen[i] = i + 1);
      assertThat(seen).containsExactly(1, 2);
      assertThat(crew.round(w -> w + 1)).isEqualTo(3);
    }
  }

  @Test
  void aCrewWithoutThreadsIsRejected() {
    assertThatThrownBy(() -> new Crew("test-gang", 0, Handoff.PHASER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 thread: 0");
  }
}
