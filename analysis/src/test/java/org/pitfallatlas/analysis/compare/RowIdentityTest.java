package org.pitfallatlas.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.jmh.JmhMetric;
import org.pitfallatlas.analysis.jmh.JmhResult;
import org.pitfallatlas.analysis.jmh.JmhRun;

/** What makes two JMH entries the same row: benchmark, params, configuration and mode. */
class RowIdentityTest {

  private static JmhResult entry(String mode, double center) {
    double[][] v = new double[3][];
    for (int f = 0; f < 3; f++) {
      v[f] =
          new double[] {center * (1 + 0.01 * f), center * (1 - 0.01 * f), center, center * 1.005};
    }
    String unit = mode.equals("thrpt") ? "ops/us" : "us/op";
    return new JmhResult(
        "org.example.Bench.run",
        mode,
        Map.of(),
        "default",
        new JmhMetric("primary", unit, v, null),
        Map.of());
  }

  private static JmhRun run(String name, JmhResult... entries) {
    return new JmhRun(Path.of("/data/" + name), name, List.of(entries));
  }

  @Test
  void modesAreSeparateRowsNamedByTheirMode() {
    // A Mode.All file: avgt, sample and ss all measure time, with very different values.
    JmhRun base = run("a.json", entry("avgt", 10), entry("sample", 11), entry("ss", 400));
    JmhRun next = run("b.json", entry("ss", 410), entry("avgt", 10.1), entry("sample", 11.2));
    Table t = Comparisons.ofRuns(List.of(base, next), Options.withDefaults());
    assertThat(t.rows())
        .extracting(Row::name)
        .containsExactly("Bench.run/mode=avgt", "Bench.run/mode=sample", "Bench.run/mode=ss");
    // avgt is compared with avgt (ratio ~1.01), never with ss (~40x).
    assertThat(t.rows()).allSatisfy(r -> assertThat(r.deltas().get(0).ratio()).isBetween(0.9, 1.1));
  }

  @Test
  void aSingleModeKeepsItsPlainName() {
    Table t =
        Comparisons.ofRuns(
            List.of(run("a.json", entry("avgt", 10)), run("b.json", entry("avgt", 10))),
            Options.withDefaults());
    assertThat(t.rows()).extracting(Row::name).containsExactly("Bench.run");
  }

  @Test
  void duplicateEntriesAreCountedNotSilentlyDropped() {
    JmhRun concatenated = run("cat.json", entry("avgt", 10), entry("avgt", 20));
    Table t =
        Comparisons.ofRuns(
            List.of(concatenated, run("b.json", entry("avgt", 10))), Options.withDefaults());
    assertThat(t.warnings())
        .extracting(w -> w.warning().message())
        .anyMatch(m -> m.contains("cat.json has 1 duplicate entry") && m.contains("Bench.run"));
  }

  @Test
  void pairsNeverPairAcrossModes() {
    JmhResult pitfallAvgt = renamed(entry("avgt", 10), "pitfallSlow");
    JmhResult fixAvgt = renamed(entry("avgt", 5), "fixFast");
    JmhResult fixSs = renamed(entry("ss", 400), "fixFast");
    Table t = Pairs.ofRun(run("all.json", pitfallAvgt, fixSs, fixAvgt), Options.withDefaults());
    assertThat(t.rows())
        .extracting(Row::name)
        .containsExactly("Bench.pitfallSlow vs fixFast/mode=avgt");
    assertThat(t.rows().get(0).deltas().get(0).ratio()).isBetween(0.45, 0.55);
  }

  @Test
  void rowsLeftOutNameTheInputThatLacksThemInEveryFormat() {
    JmhResult other = renamed(entry("avgt", 10), "other");
    Table t =
        Comparisons.ofRuns(
            List.of(run("a.json", entry("avgt", 10), other), run("b.json", entry("avgt", 10))),
            Options.withDefaults());
    TableWarning w =
        t.warnings().stream()
            .filter(x -> x.warning().message().startsWith("benchmark sets differ"))
            .findFirst()
            .orElseThrow();
    assertThat(w.details()).containsExactly("Bench.other (time): not in b.json");
    String csv = org.pitfallatlas.analysis.render.Csv.render(t);
    assertThat(csv.lines()).anyMatch(l -> l.startsWith("warning,") && l.contains("Bench.other"));
    String json = org.pitfallatlas.analysis.render.Json.render(t);
    assertThat(json).contains("\"details\"").contains("Bench.other (time): not in b.json");
  }

  @Test
  void differentThreadCountsAreFlagged() {
    JmhResult one = entry("avgt", 10);
    JmhResult four =
        new JmhResult(
            one.benchmark(),
            "avgt",
            one.params(),
            one.config(),
            one.primary(),
            one.secondary(),
            1,
            4);
    JmhResult single =
        new JmhResult(
            one.benchmark(),
            "avgt",
            one.params(),
            one.config(),
            one.primary(),
            one.secondary(),
            1,
            1);
    Table t =
        Comparisons.ofRuns(
            List.of(run("a.json", single), run("b.json", four)), Options.withDefaults());
    assertThat(t.warnings())
        .extracting(w -> w.warning().message())
        .anyMatch(
            m ->
                m.contains("different thread counts")
                    && m.contains("1 thread(s) in a.json, 4 in b.json"));
  }

  @Test
  void singleForkInputsSayThatNoRowCanReachAVerdictAndWhatWould() {
    JmhResult a =
        new JmhResult(
            "org.example.Bench.run",
            "avgt",
            Map.of(),
            "default",
            new JmhMetric("primary", "us/op", new double[][] {{10, 10.1, 9.9, 10, 10.2}}, null),
            Map.of());
    JmhResult b =
        new JmhResult(
            "org.example.Bench.run",
            "avgt",
            Map.of(),
            "default",
            new JmhMetric("primary", "us/op", new double[][] {{58, 58.5, 57.9, 58.1, 58.2}}, null),
            Map.of());
    Table t =
        Comparisons.ofRuns(List.of(run("a.json", a), run("b.json", b)), Options.withDefaults());
    assertThat(t.warnings().get(0).warning().message())
        .startsWith("no row can reach a verdict with this design")
        .contains("-f 3")
        .contains("--benchstat");
  }

  private static JmhResult renamed(JmhResult r, String method) {
    return new JmhResult(
        "org.example.Bench." + method,
        r.mode(),
        r.params(),
        r.config(),
        r.primary(),
        r.secondary());
  }
}
