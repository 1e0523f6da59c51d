package org.pitfallatlas.analysis.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  private static final String ONE =
      "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\":"
          + " \"ns/op\", \"rawData\": [[1]]}}]";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // JMH's CSV (-rf csv) header
        "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\""
            + " | this is JMH's CSV output (-rf csv)",
        // JMH's console log
        "# JMH version: 1.37 | this is JMH's text output",
        // JMH's final text table (-rf text)
        "Benchmark                  (size)  Mode  Cnt   Score   Error  Units | JMH's text output",
      })
  void recognisesJmhOutputThatIsNotJson(String firstLine, String message, @TempDir Path dir) {
    assertThatThrownBy(() -> readString(dir, firstLine + "\nmore\n"))
        .isInstanceOf(JmhInputException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("-rf json");
  }

  @Test
  void aMalformedSecondaryMetricNoComparisonUsesIsDropped(@TempDir Path dir) throws Exception {
    String json =
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\":"
            + " \"ns/op\", \"rawData\": [[1]]}, \"secondaryMetrics\": {\"gc.time\": {\"scoreUnit\":"
            + " \"ms\", \"rawData\": [[\"n/a\"]]}, \"gc.alloc.rate.norm\": {\"scoreUnit\": \"B/op\","
            + " \"rawData\": [[8]]}}}]";
    JmhRun run = readString(dir, json);
    assertThat(run.results().get(0).secondary()).containsOnlyKeys("gc.alloc.rate.norm");
  }

  @Test
  void namesTheLineOfAGitConflictMarker(@TempDir Path dir) {
    String conflicted = "[\n<<<<<<< HEAD\n" + ONE.substring(1, ONE.length() - 1) + "\n=======\n";
    assertThatThrownBy(() -> readString(dir, conflicted))
        .hasMessageContaining("git merge conflict marker at line 2");
  }

  @Test
  void twoConcatenatedArraysAreNotSilentlyTruncated(@TempDir Path dir) {
    assertThatThrownBy(() -> readString(dir, ONE + "\n" + ONE))
        .hasMessageContaining("two JSON arrays")
        .hasMessageContaining("two inputs");
  }

  @Test
  void trailingGarbageIsAnError(@TempDir Path dir) {
    assertThatThrownBy(() -> readString(dir, ONE + "\nBenchmark done.\n"))
        .hasMessageContaining("trailing data after the JSON array");
  }

  @Test
  void aTruncatedFileSaysSoWithoutJacksonInternals(@TempDir Path dir) {
    assertThatThrownBy(() -> readString(dir, ONE.substring(0, ONE.length() - 8)))
        .hasMessageContaining("truncated")
        .hasMessageNotContaining("StreamReadFeature")
        .hasMessageNotContaining("Source:");
  }

  @Test
  void rejectsAnArrayOfNonJmhObjects(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("list.json");
    Files.writeString(f, "[{\"name\": \"x\"}]");
    assertThatThrownBy(() -> JmhReader.read(f))
        .hasMessageContaining("list.json")
        .hasMessageContaining("\"benchmark\"");
  }

  private static final String PRIMARY =
      "\"primaryMetric\": {\"scoreUnit\": \"ns/op\", \"rawData\": [[1.5, 2.5], [3.5]]}";

  private static JmhRun readString(Path dir, String json) throws Exception {
    Path f = dir.resolve("in.json");
    Files.writeString(f, json);
    return JmhReader.read(f);
  }

  @Test
  void readsTheRunnersLooks(@TempDir Path dir) throws Exception {
    String entry = "{\"benchmark\": \"a.B.fixC\", \"mode\": \"avgt\", " + PRIMARY;
    JmhRun run =
        readString(dir, "[" + entry + ", \"looks\": 3}, " + entry + ", \"config\": \"x\"}]");
    assertThat(run.results()).extracting(JmhResult::looks).containsExactly(3, 1);
    for (String bad : new String[] {"0", "-2", "1.5", "\"3\""}) {
      assertThatThrownBy(() -> readString(dir, "[" + entry + ", \"looks\": " + bad + "}]"))
          .isInstanceOf(JmhInputException.class)
          .hasMessageContaining("a.B.fixC: \"looks\" must be a positive integer, not " + bad);
    }
  }

  @Test
  void readsFieldsInAnyOrderAndSkipsUnknownOnes(@TempDir Path dir) throws Exception {
    JmhRun run =
        readString(
            dir,
            "[{\"extra\": {\"a\": [1, {\"b\": null}]}, "
                + PRIMARY
                + ", \"params\": {\"size\": 100, \"name\": \"x\", \"flag\": true},"
                + " \"secondaryMetrics\": {\"\u00b7gc.alloc.rate.norm\": {\"scoreUnit\":"
                + " \"B/op\", \"rawData\": [[\"NaN\", 16]]}, \"gc.count\": {\"score\": 1}},"
                + " \"mode\": \"avgt\", \"config\": \"zgc\", \"benchmark\": \"a.B.fixC\"}]");
    JmhResult r = run.results().get(0);
    assertThat(r.benchmark()).isEqualTo("a.B.fixC");
    assertThat(r.mode()).isEqualTo("avgt");
    assertThat(r.config()).isEqualTo("zgc");
    assertThat(r.params())
        .containsExactly(
            Map.entry("flag", "true"), Map.entry("name", "x"), Map.entry("size", "100"));
    assertThat(r.primary().unit()).isEqualTo("ns/op");
    assertThat(r.primary().perIteration()).isEqualTo(new double[][] {{1.5, 2.5}, {3.5}});
    assertThat(r.secondary()).containsOnlyKeys("gc.alloc.rate.norm");
    assertThat(r.secondary().get("gc.alloc.rate.norm").perIteration()[0][0]).isNaN();
    assertThat(r.secondary().get("gc.alloc.rate.norm").perIteration()[0][1]).isEqualTo(16);
  }

  @Test
  void readsSampleTimeHistograms(@TempDir Path dir) throws Exception {
    JmhRun run =
        readString(
            dir,
            "[{\"benchmark\": \"a.B.c\", \"mode\": \"sample\", \"primaryMetric\":"
                + " {\"scoreUnit\": \"us/op\", \"rawDataHistogram\": [[[[2.0, 1], [1.0, 3]]],"
                + " [[[5.0, 2]]]]}}]");
    JmhMetric m = run.results().get(0).primary();
    assertThat(m.hasHistograms()).isTrue();
    assertThat(m.perIteration()).isEqualTo(new double[][] {{1.25}, {5.0}});
    assertThat(run.results().get(0).config()).isEqualTo(JmhReader.DEFAULT_CONFIG);
    assertThat(run.results().get(0).params()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{} | not JMH output: found a JSON object",
        "\"x\" | not JMH output: found a JSON string",
        "3 | not JMH output: found a JSON number",
        "[] | no benchmark results (an empty JSON array)",
        "[3] | entry 0 is a number, not an object",
        "[{\"benchmark\": 1}] | entry 0: no \"benchmark\" string",
        "[{\"benchmark\": \"a.B.c\"}] | entry 0: no \"mode\" string",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\"}] | a.B.c: no \"primaryMetric\" object",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"rawData\":"
            + " [[1]]}}] | a.B.c (primaryMetric): needs \"scoreUnit\"",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\":"
            + " \"ns/op\", \"rawData\": []}}] | a.B.c (primaryMetric): needs \"scoreUnit\" and"
            + " \"rawData\"",
        "[{\"primaryMetric\": {\"scoreUnit\": \"ns/op\", \"rawData\": [[1], []]}, \"mode\":"
            + " \"avgt\", \"benchmark\": \"a.B.c\"}] | a.B.c (primaryMetric): rawData[1] is not a"
            + " non-empty array",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\":"
            + " \"ns/op\", \"rawData\": [[1, \"x\"]]}}] | a.B.c (primaryMetric): not a number in"
            + " raw data: \"x\"",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\":"
            + " \"ns/op\", \"rawData\": [[1, true]]}}] | not a number in raw data: true",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"sample\", \"primaryMetric\": {\"scoreUnit\":"
            + " \"ns/op\", \"rawDataHistogram\": [[[[1.0, 2, 3]]]]}}] | rawDataHistogram[0][0] has"
            + " an entry that is not [value, count]",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"sample\", \"primaryMetric\": {\"scoreUnit\":"
            + " \"ns/op\", \"rawDataHistogram\": [[[]]]}}] | rawDataHistogram[0][0] is not a list of"
            + " [value, count]",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"sample\", \"primaryMetric\": {\"scoreUnit\":"
            + " \"ns/op\", \"rawDataHistogram\": [[[[1.0, 0]]]]}}] | rawDataHistogram[0][0]:",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\":"
            + " \"ns/op\", \"rawData\": [[1]]}, \"secondaryMetrics\": {\"gc.alloc.rate.norm\":"
            + " {\"scoreUnit\": \"B/op\", \"rawData\": [[\"y\"]]}}}] | a.B.c (gc.alloc.rate.norm):"
            + " not a number in raw data: \"y\"",
        "[{\"benchmark\": \"a.B.c\", | truncated: the file ends at line 1",
        "[{\"benchmark\": x}] | not JSON at line 1, column",
      })
  void rejectsMalformedInputWithTheFileAndTheProblem(
      String json, String message, @TempDir Path dir) {
    assertThatThrownBy(() -> readString(dir, json))
        .isInstanceOf(JmhInputException.class)
        .hasMessageStartingWith(dir.resolve("in.json").toString())
        .hasMessageContaining(message);
  }

  // From a real quick run: JMH writes [] for a fork in which gc.time had no sample.
  private static final String EMPTY_FORK =
      "[{\"benchmark\": \"a.B.fix\", \"mode\": \"avgt\", \"params\": {},"
          + " \"primaryMetric\": {\"scoreUnit\": \"ns/op\", \"rawData\": %s},"
          + " \"secondaryMetrics\": {\"gc.time\": {\"scoreUnit\": \"ms\","
          + " \"rawData\": [[1.0], [], []]}, \"gc.alloc.rate.norm\": {\"scoreUnit\":"
          + " \"B/op\", \"rawData\": [[8.0], [8.0], [8.0]]}}}]";

  @Test
  void aSecondaryMetricKeepsItsForksWithSamples(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("r.json");
    Files.writeString(f, String.format(EMPTY_FORK, "[[1.0], [2.0], [3.0]]"));
    JmhResult r = JmhReader.read(f).results().get(0);
    assertThat(r.secondary().get("gc.time").perIteration()).hasDimensions(1, 1);
    assertThat(r.secondary().get("gc.alloc.rate.norm").perIteration()).hasDimensions(3, 1);
  }

  @Test
  void thePrimaryMetricMayNotHaveAnEmptyFork(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("r.json");
    Files.writeString(f, String.format(EMPTY_FORK, "[[1.0], []]"));
    assertThatThrownBy(() -> JmhReader.read(f))
        .isInstanceOf(JmhInputException.class)
        .hasMessageContaining("rawData[1] is not a non-empty array");
  }
}
