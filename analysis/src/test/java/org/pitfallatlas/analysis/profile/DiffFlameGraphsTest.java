package org.pitfallatlas.analysis.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import one.convert.Arguments;
import one.convert.FlameGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests DiffFlameGraphs; its {@link #graph} makes real flame graphs for other tests too. */
public class DiffFlameGraphsTest {

  static final String HARNESS =
      "java/lang/Thread.run_[0];org/openjdk/jmh/runner/BenchmarkHandler$BenchmarkTask.call_[0];";

  public static final String PITFALL =
      HARNESS
          + "org/p/jmh_generated/Sum_pitfallList_jmhTest.pitfallList_avgt_jmhStub_[j];"
          + "org/p/Sum.pitfallList_[i];java/lang/Integer.valueOf_[i] 30\n"
          + HARNESS
          + "org/p/jmh_generated/Sum_pitfallList_jmhTest.pitfallList_avgt_jmhStub_[j];"
          + "org/p/Sum.pitfallList_[i];org/p/Sum.add_[i] 60\n"
          + "clone3;start_thread;G1YoungCollector::collect 10\n";

  public static final String FIX =
      HARNESS
          + "org/p/jmh_generated/Sum_fixIntArray_jmhTest.fixIntArray_avgt_jmhStub_[j];"
          + "org/p/Sum.fixIntArray_[i];org/p/Sum.add_[i] 90\n"
          + "clone3;start_thread;G1YoungCollector::collect 2\n";

  /** Writes a real HTML flame graph with async-profiler's converter from collapsed stacks. */
  public static Path graph(Path dir, String benchmarkId, String event, String collapsed)
      throws Exception {
    Path folder = Files.createDirectories(dir.resolve(benchmarkId));
    Path txt = folder.resolve("in.collapsed");
    Files.writeString(txt, collapsed);
    Path html = folder.resolve("flame-" + event + "-forward.html");
    FlameGraph.convert(txt.toString(), html.toString(), new Arguments());
    Files.delete(txt);
    return html;
  }

  static Path run(Path dir) throws Exception {
    graph(dir, "org.p.Sum.pitfallList-AverageTime-size-10", "cpu", PITFALL);
    graph(dir, "org.p.Sum.fixIntArray-AverageTime-size-10", "cpu", FIX);
    graph(dir, "org.p.Sum.fixIntArray-AverageTime-size-10", "alloc", FIX);
    graph(dir, "org.p.Sum.baselineEmpty-AverageTime-size-10", "cpu", FIX);
    return dir;
  }

  @Test
  void pairsEachPitfallWithEachFixForEveryEventBothHave(@TempDir Path dir) throws Exception {
    List<DiffFlameGraphs.Diff> plan = DiffFlameGraphs.plan(run(dir));
    assertThat(plan).hasSize(1);
    DiffFlameGraphs.Diff d = plan.get(0);
    assertThat(d.pairClass()).isEqualTo("Sum");
    assertThat(d.pitfall()).isEqualTo("pitfallList");
    assertThat(d.fix()).isEqualTo("fixIntArray");
    assertThat(d.event()).isEqualTo("cpu");
    assertThat(dir.relativize(d.output()).toString())
        .isEqualTo("diff/Sum.pitfallList-vs-fixIntArray/flame-cpu-diff.html");
  }

  @Test
  void writesTheConvertersDiffOnceAndNeverOverwrites(@TempDir Path dir) throws Exception {
    List<DiffFlameGraphs.Diff> written = DiffFlameGraphs.writeMissing(run(dir));
    assertThat(written).hasSize(1);
    Path out = written.get(0).output();
    String html = Files.readString(out);
    // A differential graph: the converter wrote its largest difference instead of -1.
    assertThat(html).doesNotContain("const maxdiff = -1;").contains("const maxdiff = ");
    assertThat(html).contains("Sum.pitfallList vs fixIntArray — cpu");
    // It reads back as the pitfall's stacks, rooted at one frame for both variants.
    CollapsedStacks back = CollapsedStacks.read(out);
    assertThat(back.total()).isEqualTo(100);
    assertThat(back.weights())
        .containsEntry("Sum (pitfallList vs fixIntArray);org/p/Sum.add_[i]", 60L);
    long before = Files.getLastModifiedTime(out).toMillis();
    assertThat(DiffFlameGraphs.writeMissing(dir)).isEmpty();
    assertThat(Files.getLastModifiedTime(out).toMillis()).isEqualTo(before);
    assertThatThrownBy(() -> DiffFlameGraphs.write(written.get(0)))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void theDiffColoursSelfWeightPitfallMinusFix(@TempDir Path dir) throws Exception {
    DiffFlameGraphs.Diff d = DiffFlameGraphs.writeMissing(run(dir)).get(0);
    String html = Files.readString(d.output());
    // add: 60 in the pitfall, 90 in the fix -> -30; GC: 10 vs 2 -> +8; valueOf: not in the fix.
    assertThat(html).contains("d=-30").contains("d=8").contains("d=U");
    assertThat(html).contains("const maxdiff = 30;");
  }

  @Test
  void aFileThatIsNotAFlameGraphIsAClearError(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("flame-cpu-forward.html");
    Files.writeString(bad, "<html>not a flame graph</html>\n");
    assertThatThrownBy(() -> CollapsedStacks.read(bad))
        .hasMessageContaining("not a flame graph async-profiler's converter can read");
  }

  @Test
  void noProfilesFolderPlansNothing(@TempDir Path dir) {
    assertThat(DiffFlameGraphs.plan(dir.resolve("missing"))).isEmpty();
  }
}
