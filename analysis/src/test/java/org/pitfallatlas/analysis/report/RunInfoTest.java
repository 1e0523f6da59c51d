package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunInfoTest {

  @Test
  void readsTheTreeStateAndTheLoadAtStartAndEnd(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("env.json"),
        """
        {"family": "errors", "machine": {"slug": "m", "logicalCpus": 2},
         "git": {"commit": "9d09ff5", "dirty": false},
         "loadAverageAtStart": [0.48, 1.49, 1.73]}
        """);
    Files.writeString(
        dir.resolve("run.json"),
        """
        {"status": "complete", "loadAverage": [2.13, 1.88, 1.84], "waitedForQuietSeconds": 78}
        """);
    RunInfo info = RunInfo.read(dir);
    assertThat(info.commit()).isEqualTo("9d09ff5");
    assertThat(info.tree()).isEqualTo("clean tree");
    assertThat(info.load())
        .isEqualTo(
            "0.48 at start → 2.13 at the end (the run's own forks included), on 2 CPUs; waited 78"
                + " s for a quiet start");
  }

  @Test
  void aDirtyTreeSaysTheCommitAloneDoesNotReproduceIt(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("env.json"), "{\"git\": {\"commit\": \"abc\", \"dirty\": true}}");
    RunInfo info = RunInfo.read(dir);
    assertThat(info.tree()).startsWith("dirty tree");
    assertThat(info.load()).isEqualTo("unknown");
  }

  @Test
  void twoRunsUnderOneMachineNameOnDifferentKernelsAreToldApart(@TempDir Path dir)
      throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Path c = Files.createDirectories(dir.resolve("c"));
    Files.writeString(
        a.resolve("env.json"), "{\"machine\": {\"slug\": \"m\", \"kernel\": \"6.18-v669\"}}");
    Files.writeString(
        b.resolve("env.json"), "{\"machine\": {\"slug\": \"m\", \"kernel\": \"6.18-v782\"}}");
    Files.writeString(
        c.resolve("env.json"), "{\"machine\": {\"slug\": \"m\", \"kernel\": \"6.18-v669\"}}");
    RunInfo here = RunInfo.read(a);
    assertThat(here.kernel()).isEqualTo("6.18-v669");
    assertThat(RunInfo.kernelNote(here, RunInfo.read(b)))
        .contains("their kernels differ (6.18-v669 here, 6.18-v782 in the reference)");
    assertThat(RunInfo.kernelNote(here, RunInfo.read(c))).isEmpty();
  }
}
