package org.pitfallatlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline end to end, as the README tells a user to run it: {@code scripts/atlas run boxing
 * --smoke --profile none} writes the run layout with raw samples, B/op and the machine's
 * fingerprint — and the measured B/op agrees with the JOL-derived expectations in the suite file.
 */
class SmokeRunIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;
  static Atlas.Result result;
  static Path run;

  @BeforeAll
  static void runBoxingSmoke() throws Exception {
    result =
        new Atlas()
            .env("ATLAS_OUTPUT_DIR", root.toString())
            .env("ATLAS_MACHINE", "it-machine")
            .run(root, "run", "boxing", "--smoke", "--profile", "none", "--no-report");
    run = Atlas.onlyRun(root, "it-machine", "boxing");
  }

  @Test
  void finishesWithStageBannersAndExitZero() {
    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out())
        .contains("[1/7] Finding a JDK 21+", "[2/7] Building", "[3/7] Planning boxing (smoke)")
        .contains("[4/7] Measuring", "[6/7] Summarising");
  }

  @Test
  void writesTheRunLayout() {
    assertThat(run.getFileName().toString()).matches("\\d{8}T\\d{6}Z");
    for (String f :
        new String[] {"results.json", "env.json", "run.json", "run.log", "summary.md"}) {
      assertThat(run.resolve(f)).as(f).isRegularFile();
    }
  }

  @Test
  void everyResultHasRawSamplesAndBytesPerOp() throws Exception {
    JsonNode results = JSON.readTree(run.resolve("results.json").toFile());
    assertThat(results.size()).isGreaterThanOrEqualTo(10);
    for (JsonNode r : results) {
      String name = r.path("benchmark").asText();
      JsonNode raw = r.at("/primaryMetric/rawData");
      assertThat(raw.isArray() && raw.size() == 1 && raw.get(0).size() == 1)
          .as("rawData [1 fork][1 iteration] for " + name)
          .isTrue();
      assertThat(r.at("/secondaryMetrics/gc.alloc.rate.norm/rawData").isArray())
          .as("B/op for " + name)
          .isTrue();
      assertThat(r.path("config").asText()).isEqualTo("default");
      assertThat(r.path("jvmArgs"))
          .as("every fork compiles JMH's measurement loop early, for " + name)
          .extracting(JsonNode::asText)
          .contains("-XX:CompileCommand=CompileThresholdScaling,*::*jmhStub,0.01");
    }
  }

  @Test
  void envJsonFingerprintsMachineJdkAndRun() throws Exception {
    JsonNode env = JSON.readTree(run.resolve("env.json").toFile());
    assertThat(env.at("/machine/slug").asText()).isEqualTo("it-machine");
    assertThat(env.at("/machine/cpuModel").asText()).isNotBlank();
    assertThat(env.at("/machine/logicalCpus").asInt()).isPositive();
    assertThat(env.at("/machine/memoryBytes").asLong()).isPositive();
    assertThat(env.at("/machine/kernel").asText()).isNotBlank();
    assertThat(env.at("/machine/containerLimits").isObject()).isTrue();
    assertThat(env.at("/jdk/featureVersion").asInt()).isGreaterThanOrEqualTo(21);
    assertThat(env.at("/jdk/vendor").asText()).isNotBlank();
    assertThat(env.at("/jvm/hostFlags").isArray()).isTrue();
    assertThat(env.at("/jvm/stubCompileArgs").toString()).contains("jmhStub");
    assertThat(env.at("/jmhVersion").asText()).isEqualTo("1.37");
    assertThat(env.at("/git/commit").asText()).matches("[0-9a-f]{40}");
    assertThat(env.at("/budget/name").asText()).isEqualTo("smoke");
    assertThat(env.at("/profiler/engine").asText()).isEqualTo("none");
  }

  @Test
  void runJsonSaysComplete() throws Exception {
    JsonNode status = JSON.readTree(run.resolve("run.json").toFile());
    assertThat(status.path("status").asText()).isEqualTo("complete");
    assertThat(status.path("finished").asInt()).isEqualTo(status.path("planned").asInt());
    assertThat(status.path("failed").asInt()).isZero();
  }

  @Test
  void endsWithThePairsTable() throws Exception {
    assertThat(result.out())
        .contains("pairs: fix vs pitfall")
        .contains("IntegerSum.pitfallList vs fixIntArray");
    String summary = Files.readString(run.resolve("summary.md"));
    assertThat(summary)
        .contains("## Pitfall vs fix")
        .contains("IntegerSum.pitfallList vs fixIntArray");
  }

  @Test
  void measuredBytesPerOpMatchTheJolExpectations() throws Exception {
    String summary = Files.readString(run.resolve("summary.md"));
    assertThat(summary).contains("## Allocation per operation vs JOL");
    assertThat(summary).doesNotContain("DIFFERS").doesNotContain("not measured");
    assertThat(summary.lines().filter(l -> l.contains("| matches |")).count())
        .isGreaterThanOrEqualTo(4);
  }
}
