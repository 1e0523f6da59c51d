package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code section reads the real benchmark sources and degrades to a note without them. */
class PairCodeTest {

  private static final Path RUN = Path.of("src/test/resources/testdata/run-boxing");

  private static List<String> names(List<PairCode.Snippet> snippets) {
    return snippets.stream().map(PairCode.Snippet::name).toList();
  }

  @Test
  void readsFanInResultsFromTheCheckout() {
    PairCode.Source s = PairCode.read(AtlasPaths.home(), "org.pitfallatlas.fanin.FanInResults");
    assertThat(names(s.pitfall().methods()))
        .containsExactly("pitfallResultQueue", "pitfallResultArrayQueue", "pitfallResultChannel");
    assertThat(names(s.fix().methods())).containsExactly("fixIndexedArray");
    PairCode.Snippet queue = s.pitfall().methods().get(0);
    assertThat(queue.code())
        .startsWith("@Benchmark\npublic long pitfallResultQueue()")
        .contains("BlockingQueue<Long> results = new LinkedBlockingQueue<>();")
        .contains("    sum += results.take();")
        .endsWith("}");
    // Helpers one level deep, in the column of the side that calls them: the fix's work is in
    // collectIndexed; send and work are called by pitfalls only; baselineSerial is not shown.
    assertThat(names(s.fix().helpers())).containsExactly("collectIndexed");
    assertThat(s.fix().helpers().get(0).code()).contains("long[] results = new long[tasks];");
    assertThat(names(s.pitfall().helpers())).containsExactly("work", "send");
    assertThat(s.shared()).isEmpty();
  }

  @Test
  void keepsCommentsInBodiesAndTakesTheJavadocAsTheLead() {
    PairCode.Source s = PairCode.read(AtlasPaths.home(), "org.pitfallatlas.boxing.IntegerSum");
    PairCode.Snippet list = s.pitfall().methods().get(0);
    assertThat(list.name()).isEqualTo("pitfallList");
    assertThat(list.lead())
        .isEqualTo(
            "Collects into a pre-sized ArrayList<Integer>, then sums: one Integer per element.");
    assertThat(list.code()).doesNotContain("/**").contains("return sum(collectList(values));");
    // sum has three overloads: the pitfalls call sum(List) and sum(Object[]), the fix sum(int[]);
    // told apart by the return types of the collect… calls they are given.
    assertThat(names(s.pitfall().helpers()))
        .containsExactly("collectList", "collectObjectArray", "sum", "sum");
    assertThat(s.pitfall().helpers().get(2).code()).startsWith("static long sum(List<Integer>");
    assertThat(s.pitfall().helpers().get(3).code()).startsWith("static long sum(Object[]");
    assertThat(names(s.fix().helpers())).containsExactly("collectIntArray", "sum");
    assertThat(s.fix().helpers().get(1).code()).startsWith("static long sum(int[]");
    assertThat(s.shared()).isEmpty();
  }

  @Test
  void aMissingSourceFileIsAClearError(@TempDir Path empty) {
    assertThatThrownBy(() -> PairCode.read(empty, "org.pitfallatlas.fanin.FanInResults"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            empty
                .resolve("benchmarks/src/main/java/org/pitfallatlas/fanin/FanInResults.java")
                .toString())
        .hasMessageContaining(AtlasPaths.HOME);
  }

  @Test
  void withoutTheSourcesTheSectionIsANoteBesideTheResults(@TempDir Path empty) {
    FamilyReport report = FamilyReport.load("boxing", RUN);
    List<Output> html = new PairCode(report, () -> empty).html();
    assertThat(html).isNotEmpty();
    Output first = html.get(0);
    assertThat(first.kind()).isEqualTo(Output.Kind.HTML);
    assertThat(first.text())
        .contains("faster than", "fix/pitfall", "95% simultaneous CI")
        .contains("The code: the source of")
        .contains("is not where it was expected")
        .doesNotContain("<pre");
    List<Output> noCheckout =
        new PairCode(
                report,
                () -> {
                  throw new IllegalStateException("cannot find the atlas checkout");
                })
            .markdown();
    assertThat(noCheckout).allSatisfy(o -> assertThat(o.text()).contains("cannot find the atlas"));
  }

  @Test
  void withTheSourcesEachPairClassShowsBothColumns() {
    FamilyReport report = FamilyReport.load("boxing", RUN);
    List<Output> html = report.code().html();
    assertThat(html)
        .anySatisfy(
            o ->
                assertThat(o.text())
                    .contains("<h4>IntegerSum", ">pitfall</th>", ">fix</th>")
                    .contains("public long fixIntArray()")
                    .contains("List&lt;Integer&gt;"));
    // The test run is older than the source: its pitfallBoxedList was renamed since.
    assertThat(html)
        .anySatisfy(
            o ->
                assertThat(o.text())
                    .contains("Measured in this run but not in the source now: pitfallBoxedList"));
    assertThat(report.code().markdown())
        .anySatisfy(o -> assertThat(o.text()).contains("```java\n@Benchmark\npublic long"));
  }

  @Test
  void aWorkloadInAnotherClassIsShownSideBySide() {
    PairCode code = FamilyReport.load("boxing", RUN).code();
    String html = code.workload("org.pitfallatlas.gc.ServiceHeap", "serve", "serveReusing").text();
    int pitfallColumn = html.indexOf("<td valign");
    int fixColumn = html.indexOf("<td valign", pitfallColumn + 1);
    // Both overloads of serve (serve() delegates to serve(int)) on the pitfall side.
    assertThat(html.indexOf("long serve() {")).isBetween(pitfallColumn, fixColumn);
    assertThat(html.indexOf("long serve(int kib) {")).isBetween(pitfallColumn, fixColumn);
    assertThat(html.indexOf("byte[] b = new byte[GARBAGE_CHUNK_BYTES - 16];")).isPositive();
    assertThat(html.indexOf("long serveReusing(Buffers b) {")).isGreaterThan(fixColumn);
    assertThat(html).contains("byte[][] buffers = b.chunks;");
    assertThat(code.workload("org.pitfallatlas.gc.ServiceHeap", "serve", "serveRecycled").text())
        .contains("has no method serveRecycled")
        .doesNotContain("<pre");
  }

  @Test
  void theLeadIsTheJavadocsFirstSentenceInPlainText() {
    assertThat(
            PairCode.firstSentence(
                "{@link #serve()} with {@code kib} KiB, e.g. a burst.\n   Then more. And more."))
        .isEqualTo("serve() with kib KiB, e.g. a burst.");
    assertThat(PairCode.firstSentence("See {@link ServiceHeap#serve the request} here"))
        .isEqualTo("See the request here");
    assertThat(PairCode.firstSentence("Uses ServiceHeap#serve."))
        .isEqualTo("Uses ServiceHeap.serve.");
  }
}
