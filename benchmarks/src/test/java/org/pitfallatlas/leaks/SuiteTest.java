package org.pitfallatlas.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.suite.ParamValues;
import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps leaks' suite file in step with its package (the contract; leaks predicts no allocation),
 * and its fork heap large enough for the largest leak the sweep makes.
 */
class SuiteTest extends SuiteContract {

  SuiteTest() {
    super("leaks");
  }

  @Test
  void theForkHeapHoldsTheLargestLeakWithRoomToSpare() throws IOException {
    JsonNode suite = new ObjectMapper().readTree(Path.of("suites/leaks.json").toFile());
    String size = suite.path("forkHeap").path("size").asText();
    assertThat(size).matches("[0-9]+m");
    long heapBytes = Long.parseLong(size.substring(0, size.length() - 1)) << 20;
    String[] leaked = ParamValues.Provider.values(ParkedThreadLeak.class, "leaked");
    long maxLeaked = Long.parseLong(leaked[leaked.length - 1]);
    // ~7 KB per leaked request at payloadKiB=4 (ParkedThreadLeakTest): keep it under a quarter.
    assertThat(maxLeaked * 7_000).isLessThan(heapBytes / 4);
  }
}
