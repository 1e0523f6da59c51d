package org.pitfallatlas.presize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;

/**
 * Recomputes the suite file's expectedBytesPerOp for ListAppend from JOL, so the numbers the
 * central allocation check compares with {@code gc.alloc.rate.norm} cannot drift from the JVM.
 */
class ListAppendBytesTest {

  private static final Path SUITE = Path.of("suites", "presize.json");

  @Test
  void expectedBytesPerOpInTheSuiteFileAreTheJolSizes() throws IOException {
    JsonNode expectations = listAppendPair().path("expectedBytesPerOp");
    assertThat(expectations.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("pitfallGrowFromDefault", "fixPresized");

    long listObject = ClassLayout.parseClass(ArrayList.class).instanceSize();
    for (var entry : expectations.properties()) {
      int size = Integer.parseInt(entry.getValue().path("params").path("size").asText());
      long jolBytes =
          switch (entry.getKey()) {
            case "pitfallGrowFromDefault" -> {
              long arrays = 0;
              for (int capacity : GrowthPolicy.JAVA_ARRAY_LIST.appendOneByOne(size).capacities()) {
                arrays += ClassLayout.parseInstance(new Object[capacity]).instanceSize();
              }
              yield listObject + arrays;
            }
            case "fixPresized" ->
                listObject + ClassLayout.parseInstance(new Object[size]).instanceSize();
            default -> throw new AssertionError("unexpected method " + entry.getKey());
          };
      assertThat(entry.getValue().path("bytes").asLong()).as(entry.getKey()).isEqualTo(jolBytes);
      assertThat(entry.getValue().path("tolerance").asDouble()).isBetween(0.0, 0.25);
    }
  }

  @Test
  void theUnsizedListAllocatesAboutFourTimesTheSizedOne() throws IOException {
    JsonNode e = listAppendPair().path("expectedBytesPerOp");
    double ratio =
        e.path("pitfallGrowFromDefault").path("bytes").asDouble()
            / e.path("fixPresized").path("bytes").asDouble();
    assertThat(ratio).isBetween(4.0, 4.5);
  }

  private static JsonNode listAppendPair() throws IOException {
    JsonNode suite = new ObjectMapper().readTree(SUITE.toFile());
    for (JsonNode pair : suite.path("pairs")) {
      if (pair.path("class").asText().equals("ListAppend")) {
        return pair;
      }
    }
    throw new AssertionError("no ListAppend pair in " + SUITE.toAbsolutePath());
  }
}
