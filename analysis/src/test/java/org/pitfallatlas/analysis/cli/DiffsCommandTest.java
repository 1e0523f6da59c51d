package org.pitfallatlas.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.analysis.profile.DiffFlameGraphsTest;
import picocli.CommandLine;

class DiffsCommandTest {

  static CliTest.Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = AtlasCli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new CliTest.Run(code, out.toString(), err.toString());
  }

  static Path profiles(Path dir) throws Exception {
    DiffFlameGraphsTest.graph(
        dir, "org.p.Sum.pitfallList-AverageTime-size-10", "cpu", DiffFlameGraphsTest.PITFALL);
    DiffFlameGraphsTest.graph(
        dir, "org.p.Sum.fixIntArray-AverageTime-size-10", "cpu", DiffFlameGraphsTest.FIX);
    return dir;
  }

  @Test
  void backFillsOnceThenLeavesTheFilesAlone(@TempDir Path dir) throws Exception {
    Path diff = dir.resolve("diff/Sum.pitfallList-vs-fixIntArray/flame-cpu-diff.html");
    CliTest.Run dry = run("diffs", "--dry-run", profiles(dir).toString());
    assertThat(dry.code()).isZero();
    assertThat(dry.out())
        .contains("would write " + diff)
        .contains("1 differential flame graph(s) to write");
    assertThat(diff).doesNotExist();

    CliTest.Run first = run("diffs", dir.toString());
    assertThat(first.out()).contains("wrote " + diff);
    assertThat(diff).isRegularFile();

    CliTest.Run again = run("diffs", dir.toString());
    assertThat(again.out()).contains("0 differential flame graph(s) written, 1 already there");
  }

  @Test
  void aRunFolderIsReadThroughItsProfilesFolder(@TempDir Path root) throws Exception {
    Path results = Files.createDirectories(root.resolve("results/m/f/20260101T000000Z"));
    Files.writeString(results.resolve("run.json"), "{}");
    profiles(Files.createDirectories(root.resolve("profiles/m/f/20260101T000000Z")));
    CliTest.Run r = run("diffs", results.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("1 differential flame graph(s) written");
  }

  @Test
  void aRelativeRunFolderFindsTheProfilesBesideItNotThePathRunJsonNames(@TempDir Path root)
      throws Exception {
    Path elsewhere = root.resolve("elsewhere/profiles/m/f/20260101T000000Z");
    Path results = Files.createDirectories(root.resolve("results/m/f/20260101T000000Z"));
    Files.writeString(results.resolve("run.json"), "{\"profiles\": \"" + elsewhere + "\"}");
    Path beside = profiles(Files.createDirectories(root.resolve("profiles/m/f/20260101T000000Z")));
    Path relative = Path.of("").toAbsolutePath().relativize(results);
    assertThat(DiffsCommand.profiles(relative)).isEqualTo(beside);
  }

  @Test
  void withoutARunItSaysWhatToGive() {
    CliTest.Run r = run("diffs");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("name a run folder (or its profiles folder), or give --reference");
  }

  @Test
  void aFolderThatIsNotThereIsBadInput(@TempDir Path dir) {
    CliTest.Run r = run("diffs", dir.resolve("nope").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("is not a folder");
  }
}
