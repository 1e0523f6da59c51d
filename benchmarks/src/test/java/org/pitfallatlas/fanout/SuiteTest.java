package org.pitfallatlas.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps fanout's suite file in step with its package (fanout predicts no allocation: its point is
 * latency and memory per thread), and its memory profiler listed, without which ThreadStacks
 * reports only a time.
 */
class SuiteTest extends SuiteContract {

  SuiteTest() {
    super("fanout");
  }

  @Test
  void theThreadMemoryProfilerIsOnForEveryMeasurement() {
    List<String> profilers = new ArrayList<>();
    suite().path("profilers").forEach(p -> profilers.add(p.asText()));
    assertThat(profilers).contains(ThreadMemoryProfiler.class.getName());
  }
}
