package org.pitfallatlas.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps errors' suite file in step with its package (errors predicts no B/op with JOL: the stack
 * traces' backtrace arrays are sized by the VM, not by a layout JOL can compute), and its log
 * profiler listed, without which LogAndRethrow reports no log.bytes.
 */
class SuiteTest extends SuiteContract {

  SuiteTest() {
    super("errors");
  }

  @Test
  void theLogBytesProfilerIsOnForEveryMeasurement() {
    List<String> profilers = new ArrayList<>();
    suite().path("profilers").forEach(p -> profilers.add(p.asText()));
    assertThat(profilers).contains(LogBytesProfiler.class.getName());
  }
}
