package org.pitfallatlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListIT {

  @TempDir Path tmp;

  @Test
  void listShowsFamiliesPairsAndClaims() throws Exception {
    Atlas.Result r = new Atlas().run(tmp, "list");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out()).contains("boxing — ").contains("claim: ").contains("Go pitfall:");
    // Every card family, with each pair's methods and parameter sweep read from the jar.
    assertThat(r.out()).contains("presize — ", "strings — ", "fanin — ", "pool — ", "gc — ");
    assertThat(r.out())
        .containsPattern(
            "IntegerSum\\s+pitfall:\\s+pitfallList, pitfallObjectArray\\s+fix:\\s+fixIntArray")
        .contains("params:   size = 100, 10000, 100000");
  }

  @Test
  void helpAtEveryLevel() throws Exception {
    assertThat(new Atlas().run(tmp, "--help").out()).contains("Usage: scripts/atlas <command>");
    Atlas.Result run = new Atlas().run(tmp, "run", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--smoke").contains("--profile").contains("--dry-run");
    assertThat(new Atlas().run(tmp, "list", "--help").out()).contains("Usage: atlas list");
  }

  @Test
  void dryRunPrintsTheJmhCommandsAndWritesNothing() throws Exception {
    Atlas.Result r =
        new Atlas().env("ATLAS_OUTPUT_DIR", tmp.toString()).run(tmp, "run", "boxing", "--dry-run");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("dry run: would write")
        .contains("-prof gc")
        .contains("async:libPath=");
    assertThat(tmp.resolve("results")).doesNotExist();
  }
}
