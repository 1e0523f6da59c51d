package org.pitfallatlas.analysis.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.analysis.Testdata;

class JmhReaderTest {
  @Test
  void readsRawDataParamsAndAllocation() {
    JmhRun run = JmhReader.read(Testdata.path("base.json"));
    assertThat(run.label()).isEqualTo("base.json");
    JmhResult r = run.results().get(0);
    assertThat(r.benchmark()).isEqualTo("org.pitfallatlas.boxing.IntegerSum.pitfallBoxedList");
    assertThat(r.className()).isEqualTo("org.pitfallatlas.boxing.IntegerSum");
    assertThat(r.methodName()).isEqualTo("pitfallBoxedList");
    assertThat(r.params()).containsEntry("size", "100");
    assertThat(r.config()).isEqualTo("default");
    assertThat(r.primary().unit()).isEqualTo("ns/op");
    assertThat(r.primary().perIteration()).hasDimensions(3, 5);
    assertThat(r.secondary().get("gc.alloc.rate.norm").unit()).isEqualTo("B/op");
  }

  @Test
  void acceptsJmh136MiddleDotNames() {
    JmhResult r = JmhReader.read(Testdata.path("jmh136.json")).results().get(0);
    assertThat(r.secondary())
        .containsKey("gc.alloc.rate.norm")
        .doesNotContainKey("·gc.alloc.rate.norm");
    assertThat(r.mode()).isEqualTo("thrpt");
  }

  @Test
  void readsSampleTimeHistograms() {
    JmhMetric m = JmhReader.read(Testdata.path("sampletime.json")).results().get(0).primary();
    assertThat(m.hasHistograms()).isTrue();
    double[][] mean = m.perIteration();
    double[][] p99 = m.percentilePerIteration(0.99);
    assertThat(mean).hasDimensions(2, 3);
    assertThat(p99[0][0]).isGreaterThan(mean[0][0]);
  }

  @Test
  void histogramPercentilesByNearestRank() {
    Histogram h = new Histogram(new double[] {30, 10, 20}, new long[] {1, 97, 2});
    assertThat(h.percentile(0.5)).isEqualTo(10);
    assertThat(h.percentile(0.98)).isEqualTo(20);
    assertThat(h.percentile(0.99)).isEqualTo(20);
    assertThat(h.percentile(0.999)).isEqualTo(30);
    assertThat(h.mean()).isEqualTo((30 + 970 + 40) / 100.0);
  }

  @Test
  void readsTheConfigField() {
    JmhRun run = JmhReader.read(Testdata.path("config.json"));
    assertThat(run.results()).extracting(JmhResult::config).contains("g1", "zgc");
  }

  @Test
  void acceptsARunFolder() {
    JmhRun run = JmhReader.read(Testdata.path("run-boxing"));
    assertThat(run.label()).isEqualTo("run-boxing");
    assertThat(run.source().getFileName().toString()).isEqualTo("results.json");
  }

  @Test
  void acceptsAFolderWithASingleJsonFile(@TempDir Path dir) throws Exception {
    Files.copy(Testdata.path("base.json"), dir.resolve("jmh.json"));
    assertThat(JmhReader.read(dir).results()).hasSize(5);
  }

  @Test
  void rejectsAFolderWithoutResults(@TempDir Path dir) {
    assertThatThrownBy(() -> JmhReader.read(dir))
        .isInstanceOf(JmhInputException.class)
        .hasMessageContaining("results.json");
  }

  @Test
  void rejectsMissingFile() {
    assertThatThrownBy(() -> JmhReader.read(Path.of("no/such.json")))
        .isInstanceOf(JmhInputException.class)
        .hasMessageContaining("no/such.json")
        .hasMessageContaining("no such file");
  }

  @Test
  void rejectsNotJson() {
    assertThatThrownBy(() -> JmhReader.read(Testdata.path("bad-not-json.json")))
        .hasMessageContaining("bad-not-json.json")
        .hasMessageContaining("not JSON")
        .hasMessageContaining("expected JMH JSON output");
  }

  @Test
  void rejectsJsonThatIsNotJmh() {
    assertThatThrownBy(() -> JmhReader.read(Testdata.path("bad-not-jmh.json")))
        .hasMessageContaining("bad-not-jmh.json")
        .hasMessageContaining("not JMH output")
        .hasMessageContaining("\"primaryMetric\"");
  }

  @Test
  void rejectsEmptyResults() {
    assertThatThrownBy(() -> JmhReader.read(Testdata.path("bad-empty.json")))
        .hasMessageContaining("bad-empty.json")
        .hasMessageContaining("no benchmark results");
  }

  @Test
  void rejectsAnArrayOfNonJmhObjects(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("list.json");
    Files.writeString(f, "[{\"name\": \"x\"}]");
    assertThatThrownBy(() -> JmhReader.read(f))
        .hasMessageContaining("list.json")
        .hasMessageContaining("\"benchmark\"");
  }
}
