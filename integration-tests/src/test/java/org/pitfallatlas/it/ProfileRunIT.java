package org.pitfallatlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flame-graph pass with the suite's default events (cpu + alloc): one profiled JVM per pair
 * records both into one JFR file, and the run turns it into one flame graph per event and method —
 * real async-profiler output with the benchmark's own frames, and no recording left behind.
 */
class ProfileRunIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;
  static Atlas.Result result;
  static Path profiles;
  static String cpuEvent;

  @BeforeAll
  static void profileOnePair() throws Exception {
    result =
        new Atlas()
            .env("ATLAS_OUTPUT_DIR", root.toString())
            .env("ATLAS_MACHINE", "it-machine")
            .run(root, "run", "boxing", "--smoke", "--filter", "IntegerCache", "--no-report");
    Path run = Atlas.onlyRun(root, "it-machine", "boxing");
    JsonNode env = JSON.readTree(run.resolve("env.json").toFile());
    assertThat(env.at("/profiler/available").asBoolean())
        .as("async-profiler must load on this machine: " + env.at("/profiler/notes"))
        .isTrue();
    cpuEvent = env.at("/profiler/cpuEvent").asText();
    profiles =
        root.resolve("profiles").resolve("it-machine").resolve("boxing").resolve(run.getFileName());
  }

  @Test
  void oneJvmPerPairGivesBothGraphs() {
    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out())
        .contains("IntegerCache")
        .contains(cpuEvent + "+alloc")
        .contains("done: 4 flame graph(s) from one JVM");
  }

  @Test
  void everyMethodHasACpuAndAnAllocationGraphWithItsOwnFrames() throws Exception {
    for (String method : List.of("pitfallBoxed", "fixPrimitive")) {
      Path dir;
      try (Stream<Path> s = Files.list(profiles)) {
        dir =
            s.filter(p -> p.getFileName().toString().contains("IntegerCache." + method + "-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no profile folder for " + method));
      }
      String cpu = Files.readString(dir.resolve("flame-" + cpuEvent + "-forward.html"));
      String alloc = Files.readString(dir.resolve("flame-alloc-forward.html"));
      assertThat(cpu).as("cpu graph of " + method).contains(method);
      assertThat(alloc).as("alloc graph of " + method).contains(method);
      if (method.equals("pitfallBoxed")) {
        // Boxing above the Integer cache allocates Integer objects; the graph names the class.
        assertThat(alloc).contains("java.lang.Integer");
      }
    }
  }

  @Test
  void noRecordingIsLeftBehind() throws Exception {
    try (Stream<Path> s = Files.walk(profiles)) {
      assertThat(s.filter(p -> p.toString().endsWith(".jfr")).toList()).isEmpty();
    }
  }
}
