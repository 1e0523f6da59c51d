package org.pitfallatlas.contention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class WorkerGangTest {

  @Test
  void everyWorkerRunsEachRoundOnceAndTheResultsAreSummed() {
    try (WorkerGang gang = new WorkerGang("test-gang", 4)) {
      for (int round = 1; round <= 3; round++) {
        int r = round;
        Set<String> names = ConcurrentHashMap.newKeySet();
        long sum =
            gang.round(
                w -> {
                  names.add(Thread.currentThread().getName());
                  return (w + 1) * 10L * r;
                });
        assertThat(sum).isEqualTo((10 + 20 + 30 + 40) * r);
        assertThat(gang.lastResults()).containsExactly(10L * r, 20L * r, 30L * r, 40L * r);
        assertThat(names)
            .containsExactlyInAnyOrder("test-gang-0", "test-gang-1", "test-gang-2", "test-gang-3");
      }
    }
  }

  @Test
  void aFailingBatchFailsTheRoundAndTheGangStillCloses() {
    WorkerGang gang = new WorkerGang("test-gang", 2);
    assertThatThrownBy(
            () ->
                gang.round(
                    w -> {
                      throw new ArithmeticException("worker " + w);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasRootCauseInstanceOf(ArithmeticException.class);
    gang.close();
    for (Thread t : gang.threads()) {
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
  }

  @Test
  void closeJoinsEveryWorker() {
    WorkerGang gang = new WorkerGang("test-gang", 3);
    Thread[] threads = gang.threads();
    for (Thread t : threads) {
      assertThat(t.isAlive()).as(t.getName()).isTrue();
    }
    gang.round(w -> w);
    gang.close();
    for (Thread t : threads) {
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
  }

  @Test
  void aGangWithoutWorkersIsRejected() {
    assertThatThrownBy(() -> new WorkerGang("test-gang", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 worker: 0");
  }
}
