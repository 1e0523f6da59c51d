package org.pitfallatlas.contention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps contention's suite file in step with its package (the contract; contention predicts no
 * allocation), and its profile pass recording the lock event the family is about.
 */
class SuiteTest extends SuiteContract {

  SuiteTest() {
    super("contention");
  }

  @Test
  void profilesRecordCpuAndLockEvents() {
    List<String> events = new ArrayList<>();
    suite().path("profile").path("events").forEach(e -> events.add(e.asText()));
    assertThat(events).contains("cpu", "lock");
  }

  @Test
  void theMapIsProfiledAtItsMostConcurrentPoint() {
    assertThat(pair("ReadHeavyMap").path("profileParams").path("threads").asText()).isEqualTo("8");
  }
}
