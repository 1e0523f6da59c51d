package org.pitfallatlas.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // a lost hand-off would hang the build instead of failing it
class CrewTest {

  @Test
  void runsTheTaskOncePerThreadPerCallAndStopsItsThreads() throws Exception {
    AtomicIntegerArray runs = new AtomicIntegerArray(3);
    Crew crew = new Crew(3, "crew-test");
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
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("crew-test") && t.isAlive());
  }

  @Test
  void reportsAFailedTaskAndKeepsWorking() throws Exception {
    Crew crew = new Crew(2, "crew-fail");
    try {
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
    } finally {
      crew.close();
    }
  }
}
