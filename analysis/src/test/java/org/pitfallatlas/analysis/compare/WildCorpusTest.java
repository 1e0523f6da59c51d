package org.pitfallatlas.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.Testdata;
import org.pitfallatlas.analysis.jmh.JmhReader;
import org.pitfallatlas.analysis.jmh.JmhRun;
import org.pitfallatlas.analysis.render.Format;

/**
 * {@code compare} on real JMH files from public repositories (testdata/wild, sources in its
 * SOURCES.md): JMH 1.21–1.37 and an older one without a version, every mode, 0–5 forks, 12 threads,
 * NaN strings, scientific notation.
 */
class WildCorpusTest {

  private static List<Path> corpus() throws IOException {
    try (Stream<Path> s = Files.list(Testdata.path("wild"))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everyFileReadsAndComparesWithItself() throws Exception {
    List<Path> files = corpus();
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    StringBuilder all = new StringBuilder();
    for (Path f : files) {
      JmhRun run = JmhReader.read(f);
      assertThat(run.results()).as(f.getFileName().toString()).isNotEmpty();
      Table t = Comparisons.of(List.of(f, f), Options.withDefaults(), List.of("a", "b"));
      assertThat(t.rows()).as(f.getFileName().toString()).isNotEmpty();
      all.append("## ").append(f.getFileName()).append("\n\n").append(Format.TEXT.render(t));
      all.append("\n");
    }
    Testdata.assertGolden("wild-self.text.golden", all.toString());
  }

  @Test
  void aRealBeforeAfterPairInBothModes() throws Exception {
    List<Path> pair =
        List.of(
            Testdata.path("wild/chrisgleissner-java-benchmarks-getter-gc-4d3de7c.json"),
            Testdata.path("wild/chrisgleissner-java-benchmarks-getter-gc-0dc4476.json"));
    Table forks = Comparisons.of(pair, Options.withDefaults());
    // Single-fork files: the table says first that no row can reach a verdict, and why.
    assertThat(forks.warnings().get(0).warning().message())
        .startsWith("no row can reach a verdict with this design");
    Testdata.assertGolden("wild-pair.text.golden", Format.TEXT.render(forks));
    Table benchstat = Comparisons.of(pair, Options.withDefaults().with(Options.Mode.BENCHSTAT));
    Testdata.assertGolden("wild-pair-benchstat.text.golden", Format.TEXT.render(benchstat));
  }

  @Test
  void aFileWithTwoModesOfOneBenchmarkKeepsBoth() throws Exception {
    Path hollow = Testdata.path("wild/netflix-hollow-thrpt-avgt-params-125.json");
    Table t = Comparisons.of(List.of(hollow, hollow), Options.withDefaults(), List.of("a", "b"));
    assertThat(t.rows()).extracting(Row::name).anyMatch(n -> n.contains("/mode=thrpt"));
    assertThat(t.rows()).extracting(Row::name).anyMatch(n -> n.contains("/mode=avgt"));
  }
}
