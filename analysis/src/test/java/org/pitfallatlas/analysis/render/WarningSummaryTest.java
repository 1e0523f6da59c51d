package org.pitfallatlas.analysis.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.Testdata;
import org.pitfallatlas.analysis.compare.Comparisons;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.compare.Pairs;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.stats.Diagnostics;

class WarningSummaryTest {
  static final String ONE_FORK = Diagnostics.ONE_FORK;

  /** The boxing smoke run: 1 fork x 1 iteration per point, 38 rows. */
  private static final Table SMOKE = Pairs.of(Testdata.path("run-smoke"));

  /** Lines of {@code text} that contain {@code needle}. */
  private static long count(String text, String needle) {
    return Arrays.stream(text.split("\n")).filter(l -> l.contains(needle)).count();
  }

  /** Occurrences of {@code needle} in {@code text}. */
  private static int occurrences(String text, String needle) {
    return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }

  @Test
  void aWarningSharedByManyRowsIsPrintedOnceWithItsCountAndExamples() {
    assertThat(SMOKE.rows()).hasSize(38);
    String text = Text.render(SMOKE);
    assertThat(count(text, ONE_FORK)).isEqualTo(1);
    assertThat(text)
        .contains(
            "warning: time, B/op: "
                + ONE_FORK
                + " — 38 rows, e.g. EscapeAnalysis.pitfallEscapeAnalysisOff vs"
                + " fixNoEscape/points=100, EscapeAnalysis.pitfallEscapesIntoCall vs"
                + " fixNoEscape/points=100, EscapeAnalysis.pitfallEscapeAnalysisOff vs"
                + " fixNoEscape/points=10000, …\n");
    String markdown = Markdown.render(SMOKE);
    assertThat(count(markdown, ONE_FORK)).isEqualTo(1);
    assertThat(markdown).contains("- ⚠ time, B/op: " + ONE_FORK + " — 38 rows, e.g. ");
  }

  @Test
  void noWarningLineIsRepeated() {
    for (String s : List.of(Text.render(SMOKE), Markdown.render(SMOKE))) {
      List<String> lines =
          Arrays.stream(s.split("\n"))
              .filter(l -> l.startsWith("- ⚠") || l.startsWith("warning: "))
              .toList();
      assertThat(lines).doesNotHaveDuplicates().hasSizeBetween(1, 5);
    }
  }

  @Test
  void rowsAndJsonKeepEveryWarning() {
    // Each row warns about both of its columns: the data are not deduplicated, only the print.
    assertThat(SMOKE.rows())
        .allSatisfy(
            r ->
                assertThat(r.warnings())
                    .contains(
                        r.columns().get(0).label() + ": " + ONE_FORK,
                        r.columns().get(1).label() + ": " + ONE_FORK));
    assertThat(SMOKE.warnings().stream().filter(w -> w.warning().message().equals(ONE_FORK)))
        .hasSize(76);
    // Once in each row's "warnings" and once in the table-level list, per row and column.
    assertThat(occurrences(Json.render(SMOKE), ONE_FORK)).isEqualTo(2 * 76);
  }

  @Test
  void aWarningOfASingleRowKeepsItsRowAndColumn() {
    Table t =
        Comparisons.of(
            List.of(Testdata.path("base.json"), Testdata.path("new.json")), Options.withDefaults());
    assertThat(WarningSummary.lines(t))
        .anyMatch(
            w -> w.startsWith("time: FieldBag.pitfallMap [new.json]: fork variance dominates"))
        .noneMatch(w -> w.contains(" rows, e.g. "));
  }

  @Test
  void aWarningSharedByAFewRowsSaysHowMany() {
    // run-boxing: three pairs whose fix allocates 0 B/op in some iterations.
    assertThat(WarningSummary.lines(Pairs.of(Testdata.path("run-boxing"))))
        .containsExactly(
            "B/op: some values are 0 B/op: no ratio interval; the verdict comes from Welch's t on the"
                + " forks' arithmetic means — 3 rows, e.g. IntegerSum.pitfallBoxedList vs"
                + " fixIntArray/size=100, IntegerSum.pitfallBoxedList vs fixIntArray/size=10000,"
                + " FieldBag.pitfallMap vs fixRecord");
  }

  @Test
  void warningsOfOneKindWithTheirOwnFiguresArePrintedOnceWithEachExamplesFigures() {
    // A real file (develar/jvm-collection-lib-benchmarks, single-shot, 40 iterations, 1 fork):
    // two rows whose iterations drift, each with its own percentage and p-value.
    Path f = Testdata.path("wild/develar-jvm-collection-lib-benchmarks-ss-params-linux.json");
    Table t = Comparisons.of(List.of(f, f), Options.withDefaults(), List.of("a", "b"));
    List<String> drift =
        WarningSummary.lines(t).stream()
            .filter(l -> l.contains("steady state not reached"))
            .toList();
    assertThat(drift)
        .containsExactly(
            "time: steady state not reached: values fall … from the first to the second half of the"
                + " iterations (Mann-Kendall p=… over 1 forks); lengthen warm-up — 2 rows, e.g."
                + " EcIntToIntBenchmark.get/loadFactor=0.75/mapSize=1K/oneFailureOutOf=2 [a] (8.8%,"
                + " 4e-08), EcIntToIntBenchmark.get/loadFactor=0.75/mapSize=10K/oneFailureOutOf=2 [a]"
                + " (7.7%, 9e-09); each row's own figures are in the JSON and CSV output");
    // The rows keep their own full messages.
    assertThat(t.rows().stream().flatMap(r -> r.warnings().stream()))
        .anyMatch(w -> w.contains("values fall 8.8% from the first"))
        .anyMatch(w -> w.contains("values fall 7.7% from the first"));
  }

  @Test
  void linesAreRankedSteadyStateFirstThenWarmUpThenForkVarianceThenTheRest() {
    assertThat(WarningSummary.rank("fork 6 of a variant never settled (1 level shift …)")).isZero();
    assertThat(WarningSummary.rank("steady state not reached: values fall 8.8%")).isZero();
    assertThat(WarningSummary.rank("fork 2 of a variant: warm-up, steady from iteration 2"))
        .isEqualTo(1);
    assertThat(WarningSummary.rank("fork variance dominates: fork means differ")).isEqualTo(2);
    assertThat(WarningSummary.rank(ONE_FORK)).isEqualTo(3);
    // In a rendered list: every steady-state line comes before every fork-variance line.
    Path f = Testdata.path("wild/develar-jvm-collection-lib-benchmarks-ss-params-linux.json");
    List<String> lines =
        WarningSummary.lines(
            Comparisons.of(List.of(f, f), Options.withDefaults(), List.of("a", "b")));
    List<Integer> ranks = lines.stream().map(WarningSummary::rank).toList();
    assertThat(ranks).isSorted();
  }

  @Test
  void theSameMessageAboutDifferentVariantsIsOneLine() {
    List<String> lines = WarningSummary.lines(Pairs.of(Testdata.path("run-boxing")));
    assertThat(lines).noneMatch(l -> l.contains(" of a variant") && !l.contains(" rows, e.g. "));
  }

  @Test
  void aKindIsTheMessageWithItsFiguresMasked() {
    assertThat(WarningSummary.kind("values fall 8.8% (p=4e-08 over 1 forks)"))
        .isEqualTo("values fall # (p=# over # forks)");
  }
}
