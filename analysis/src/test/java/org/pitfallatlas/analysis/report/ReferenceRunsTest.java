package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceRunsTest {

  @Test
  void readsFamiliesRelativeToTheCheckoutAndSkipsComments(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("results"));
    Files.writeString(
        home.resolve("results/reference.json"),
        "{\"_about\": \"the reference runs\", \"boxing\": \"results/m1/boxing/20260101T000000Z\", \"gc\": \"/abs/gc\"}");
    ReferenceRuns refs = ReferenceRuns.read(home.resolve("results/reference.json"), home);
    assertThat(refs.all()).containsOnlyKeys("boxing", "gc");
    assertThat(refs.run("boxing")).contains(home.resolve("results/m1/boxing/20260101T000000Z"));
    assertThat(refs.run("gc")).contains(Path.of("/abs/gc"));
    assertThat(refs.run("presize")).isEmpty();
  }

  @Test
  void aMissingFileListsNothingAndABadOneSaysWhy(@TempDir Path home) throws Exception {
    assertThat(ReferenceRuns.read(home.resolve("results/reference.json"), home).all()).isEmpty();
    Files.createDirectories(home.resolve("results"));
    Files.writeString(home.resolve("results/reference.json"), "{\"boxing\": 3}");
    assertThatThrownBy(() -> ReferenceRuns.read(home.resolve("results/reference.json"), home))
        .hasMessageContaining("\"boxing\" must name a run folder");
  }

  @Test
  void latestLocalIsTheNewestStampWithResults(@TempDir Path out) throws Exception {
    Path dir = out.resolve("results/m1/boxing");
    for (String stamp : new String[] {"20260101T000000Z", "20260301T000000Z", "20260201T000000Z"}) {
      Files.createDirectories(dir.resolve(stamp));
      Files.writeString(dir.resolve(stamp).resolve("results.json"), "[]");
    }
    // Newer, but without results (a run that died before measuring anything).
    Files.createDirectories(dir.resolve("20260401T000000Z"));
    assertThat(ReferenceRuns.latestLocal(out, "m1", "boxing"))
        .contains(dir.resolve("20260301T000000Z"));
    assertThat(ReferenceRuns.latestLocal(out, "m2", "boxing")).isEmpty();
  }
}
