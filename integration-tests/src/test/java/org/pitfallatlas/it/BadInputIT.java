package org.pitfallatlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a clear error that says what was wrong and what to do, and loses nothing. Each
 * case runs {@code scripts/atlas} as a user would.
 */
class BadInputIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Atlas atlas() {
    return new Atlas().env("ATLAS_OUTPUT_DIR", tmp.toString()).env("ATLAS_MACHINE", "it-bad");
  }

  @Test
  void unknownFamilyExitsTwoAndListsTheFamilies() throws Exception {
    Atlas.Result r = atlas().run(tmp, "run", "boxnig", "--smoke");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown family 'boxnig'").contains("boxing");
    assertThat(tmp.resolve("results")).doesNotExist();
  }

  @Test
  void unknownOptionExitsTwoWithUsage() throws Exception {
    Atlas.Result r = atlas().run(tmp, "run", "boxing", "--quik");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--quik'").contains("--quick").contains("--help");
  }

  @Test
  void twoBudgetsAtOnceAreRejected() throws Exception {
    Atlas.Result r = atlas().run(tmp, "run", "boxing", "--smoke", "--full");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("mutually exclusive");
  }

  @Test
  void unknownProfilerEventIsRejected() throws Exception {
    Atlas.Result r = atlas().run(tmp, "run", "boxing", "--smoke", "--profile", "cycles");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown profiler event 'cycles'").contains("none");
  }

  @Test
  void unknownCommandExitsTwo() throws Exception {
    Atlas.Result r = atlas().run(tmp, "rnu");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown command 'rnu'").contains("Usage: scripts/atlas");
  }

  @Test
  void noJdk21SaysWhatWasFoundAndHowToPointAtOne() throws Exception {
    // Only Java 17 visible: JAVA_HOME at it, PATH's java is 17, no folders searched.
    Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(jdk17.resolve("bin/java")), "needs a JDK 17 at " + jdk17);
    Atlas.Result r =
        atlas()
            .env("JAVA_HOME", jdk17.toString())
            .env("PATH", jdk17.resolve("bin") + ":/usr/bin:/bin")
            .env("ATLAS_JDK_DIRS", "")
            .run(tmp, "run", "boxing", "--smoke");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("no JDK 21 or newer found")
        .contains("(Java 17)")
        .contains("--jdk")
        .contains("JAVA_HOME");
  }

  @Test
  void aJdkTooOldPassedWithJdkIsRejected() throws Exception {
    Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(jdk17), "needs a JDK 17");
    Atlas.Result r = atlas().run(tmp, "run", "boxing", "--smoke", "--jdk", jdk17.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is not a JDK 21+").contains("Java 17");
  }

  @Test
  void unwritableResultsFolderSaysSoAndRunsNothing() throws Exception {
    // A path below a regular file cannot be created, even by root.
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Atlas.Result r =
        new Atlas()
            .env("ATLAS_OUTPUT_DIR", file.resolve("out").toString())
            .run(tmp, "run", "boxing", "--smoke", "--profile", "none");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("results folder is not writable").contains("ATLAS_OUTPUT_DIR");
    assertThat(r.out()).doesNotContain("[4/7] Measuring");
  }

  @Test
  void badFilterIsRejected() throws Exception {
    Atlas.Result r = atlas().run(tmp, "run", "boxing", "--smoke", "--filter", "NoSuchPair");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--filter NoSuchPair matches none");
  }

  @Test
  void profilerThatCannotLoadFallsBackAndEnvJsonSaysSo() throws Exception {
    Path bogus = Files.writeString(tmp.resolve("libasyncProfiler.so"), "not a library");
    Atlas.Result r =
        atlas()
            .env("ATLAS_PROFILER_LIB", bogus.toString())
            .run(
                tmp,
                "run",
                "boxing",
                "--smoke",
                "--profile",
                "cpu",
                "--filter",
                "fix",
                "--no-report");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out()).contains("no flame graphs");
    Path run = Atlas.onlyRun(tmp, "it-bad", "boxing");
    JsonNode env = JSON.readTree(run.resolve("env.json").toFile());
    assertThat(env.at("/profiler/available").asBoolean()).isFalse();
    assertThat(env.at("/profiler/engine").asText()).isEqualTo("none");
    assertThat(env.at("/profiler/notes/0").asText()).contains("did not load");
    assertThat(JSON.readTree(run.resolve("results.json").toFile()).size()).isPositive();
  }

  @Test
  void crashedForksMarkTheRunIncompleteAndExitNonZero() throws Exception {
    // A JVM flag that does not exist: every fork dies at start-up, like a crash.
    Atlas.Result r =
        atlas()
            .run(
                tmp,
                "run",
                "boxing",
                "--smoke",
                "--profile",
                "none",
                "--filter",
                "fix",
                "--no-report",
                "--",
                "-jvmArgsAppend",
                "-XX:+NoSuchFlagForTheAtlas");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("FAILED").contains("Run INCOMPLETE");
    Path run = Atlas.onlyRun(tmp, "it-bad", "boxing");
    JsonNode status = JSON.readTree(run.resolve("run.json").toFile());
    assertThat(status.path("status").asText()).isEqualTo("incomplete");
    assertThat(status.path("failed").asInt()).isPositive();
    assertThat(status.at("/failures/0/reason").asText()).isNotBlank();
  }

  @Test
  void interruptKeepsWhatFinishedAndMarksTheRunInterrupted() throws Exception {
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = atlas().start(out, err, "run", "boxing", "--smoke", "--profile", "none");
    Path status = null;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      Path runs = tmp.resolve("results/it-bad/boxing");
      if (Files.isDirectory(runs)) {
        try (var s = Files.list(runs)) {
          status = s.findFirst().map(d -> d.resolve("run.json")).orElse(null);
        }
      }
      if (status != null
          && Files.exists(status)
          && JSON.readTree(status.toFile()).path("finished").asInt() >= 2) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(status).as("a run folder with two finished points").isNotNull();
    // The script exec's the Java CLI, so this is the process a terminal's Ctrl-C reaches. A test
    // sends SIGTERM: a process started in the background (as CI and build tools start this test)
    // inherits SIGINT as ignored, and the JVM then leaves it ignored. Both signals run the same
    // shutdown hook.
    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    JsonNode run = JSON.readTree(status.toFile());
    assertThat(run.path("status").asText()).isEqualTo("interrupted");
    JsonNode results = JSON.readTree(status.resolveSibling("results.json").toFile());
    assertThat(results.size()).isGreaterThanOrEqualTo(2).isEqualTo(run.path("finished").asInt());
    assertThat(Files.readString(out)).contains("Interrupted: kept");
    assertThat(p.descendants().count()).as("no benchmark JVM left behind").isZero();
  }
}
