package org.pitfallatlas.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps gc's suite file in step with its package (the contract: unique configuration ids,
 * comparisons and profile configurations that name them), and its configurations with what they say
 * they are: the collector their flags select, a heap of {@code heapFactor} times the live set.
 */
class SuiteTest extends SuiteContract {

  private static final Map<String, String> COLLECTOR_FLAGS =
      Map.of("G1", "-XX:+UseG1GC", "ZGC", "-XX:+UseZGC", "Parallel", "-XX:+UseParallelGC");

  SuiteTest() {
    super("gc");
  }

  @Test
  void liveSetIsServiceHeapsOnlyLiveSetParam() {
    assertThat(params("ServiceHeap").get("liveSetMiB"))
        .containsExactly(suite().path("liveSetMiB").asText());
  }

  @Test
  void theFamilyComparesConfigurationsWithGcLogs() {
    assertThat(suite().path("comparisons")).isNotEmpty();
    assertThat(suite().path("gcLog").asBoolean()).isTrue();
  }

  @Test
  void everyConfigurationSelectsTheCollectorItNames() {
    for (JsonNode configuration : suite().path("configurations")) {
      String collector = configuration.path("collector").asText();
      List<String> flags = jvmArgs(configuration);
      List<String> selecting = flags.stream().filter(f -> f.matches("-XX:\\+Use\\w+GC")).toList();
      String expected = COLLECTOR_FLAGS.get(collector);
      assertThat(selecting)
          .as(configuration.path("id").asText() + " (" + collector + ")")
          .isEqualTo(expected == null ? List.of() : List.of(expected));
    }
  }

  @Test
  void everyHeapIsItsFactorTimesTheLiveSet() {
    double liveSetMiB = suite().path("liveSetMiB").asDouble();
    for (JsonNode configuration : suite().path("configurations")) {
      JsonNode factor = configuration.path("heapFactor");
      if (factor.isNull()) {
        continue; // container-ergonomics: the JVM picks the heap
      }
      String id = configuration.path("id").asText();
      assertThat(heapMiB(configuration))
          .as(id + " heap, MiB")
          .isCloseTo(factor.asDouble() * liveSetMiB, within(0.5));
    }
  }

  @Test
  void containersStateTheirLimitsAndWhy() {
    for (JsonNode configuration : suite().path("configurations")) {
      JsonNode container = configuration.path("container");
      if (container.isObject()) {
        String id = configuration.path("id").asText();
        assertThat(container.path("cpus").asInt()).as(id + " cpus").isPositive();
        assertThat(container.path("memoryMiB").asInt()).as(id + " memoryMiB").isPositive();
        assertThat(configuration.path("why").asText()).as(id + " why").isNotBlank();
      }
    }
  }

  /** The heap the flags fix: -Xmx (equal to -Xms), or a RAM percentage of the container. */
  private static double heapMiB(JsonNode configuration) {
    String xmx = null;
    String xms = null;
    String ramPercentage = null;
    for (String flag : jvmArgs(configuration)) {
      if (flag.startsWith("-Xmx")) {
        xmx = flag.substring(4);
      } else if (flag.startsWith("-Xms")) {
        xms = flag.substring(4);
      } else if (flag.startsWith("-XX:MaxRAMPercentage=")) {
        ramPercentage = flag.substring(flag.indexOf('=') + 1);
      }
    }
    String id = configuration.path("id").asText();
    if (xmx != null) {
      assertThat(xms).as(id + ": -Xms equals -Xmx (no resizing noise)").isEqualTo(xmx);
      return mebibytes(xmx);
    }
    assertThat(ramPercentage).as(id + ": -Xmx or -XX:MaxRAMPercentage").isNotNull();
    assertThat(jvmArgs(configuration))
        .as(id + ": the initial heap is the maximum")
        .contains("-XX:InitialRAMPercentage=" + ramPercentage);
    return Double.parseDouble(ramPercentage)
        / 100
        * configuration.path("container").path("memoryMiB").asDouble();
  }

  private static double mebibytes(String size) {
    String v = size.toLowerCase();
    double number = Double.parseDouble(v.replaceAll("[kmg]$", ""));
    return switch (v.charAt(v.length() - 1)) {
      case 'g' -> number * 1024;
      case 'm' -> number;
      case 'k' -> number / 1024;
      default -> number / (1024 * 1024);
    };
  }

  private static List<String> jvmArgs(JsonNode configuration) {
    List<String> args = new ArrayList<>();
    configuration.path("jvmArgs").forEach(a -> args.add(a.asText()));
    return args;
  }
}
