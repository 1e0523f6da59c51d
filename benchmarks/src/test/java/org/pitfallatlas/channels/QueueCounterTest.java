package org.pitfallatlas.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

@Timeout(120) // a lost hand-off would hang the build instead of failing it
class QueueCounterTest {

  @ParameterizedTest
  @ParamValues(of = QueueCounter.class, field = "threads")
  void everyVariantCountsEveryEventOfEveryThread(int threads) throws Exception {
    QueueCounter b = new QueueCounter();
    b.threads = threads;
    b.setup();
    try {
      long expected = (long) threads * QueueCounter.EVENTS_PER_THREAD;
      for (int r = 0; r < 20; r++) {
        assertThat(b.pitfallQueueAsCounter()).isEqualTo(expected);
        assertThat(b.fixAtomicLong()).isEqualTo(expected);
        assertThat(b.fixLongAdder()).isEqualTo(expected);
      }
      assertThat(b.channel).as("every token was counted").isEmpty();
    } finally {
      b.tearDown();
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("counter-producer") && t.isAlive())
        .noneMatch(t -> t.getName().startsWith("channel-producer") && t.isAlive());
  }
}
