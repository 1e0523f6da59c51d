package org.pitfallatlas.analysis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pitfallatlas.analysis.Testdata;
import picocli.CommandLine;

/** The commands' exit codes and messages, run in-process. */
class CliTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new AtlasCli());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static String fx(String name) {
    return Testdata.path(name).toString();
  }

  @Test
  void compareWorks() {
    Run r = run("compare", fx("base.json"), fx("new.json"));
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("IntegerSum.fixIntArray/size=100").contains("faster");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void pairsWorksOnARunFolderInEveryFormat() {
    for (String f : new String[] {"text", "markdown", "csv", "json"}) {
      Run r = run("pairs", fx("run-boxing"), "--format", f);
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("fixIntArray");
    }
    assertThat(run("pairs", fx("run-boxing")).out()).contains("speedup (pitfall/fix)");
  }

  @ParameterizedTest
  @CsvSource({
    "missing.json, no such file or directory",
    "bad-not-json.json, not JSON",
    "bad-not-jmh.json, not JMH output",
    "bad-empty.json, no benchmark results",
    "bad-zero.json, has the value 0.0 ns/op",
    "bad-negative.json, has the value -5.0 ns/op",
    "bad-nan.json, has the value NaN ns/op"
  })
  void badInputExits2WithAClearMessageAndNoTable(String file, String message) {
    String path = file.equals("missing.json") ? "missing.json" : fx(file);
    Run r = run("compare", fx("base.json"), path);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("atlas compare: ").contains(message).contains(file);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unitsOfOneDimensionAreRescaledNotRefused() {
    // units-us.json holds base.json's benchmarks in us/op; base.json is in ns/op.
    Run r = run("compare", fx("base.json"), fx("units-us.json"));
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("units converted to the base's").contains("us/op → ns/op");
  }

  @Test
  void badInputForPairsExits2() {
    Run r = run("pairs", fx("bad-not-jmh.json"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not JMH output");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void pairsWithoutPairsExits2(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("nopairs.json");
    Files.writeString(
        f,
        Files.readString(Testdata.path("base.json"))
            .replace("pitfall", "slow")
            .replace("fixIntArray", "fastIntArray"));
    Run r = run("pairs", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no pairs");
  }

  @Test
  void badOptionsExit2() {
    assertThat(run("compare", fx("base.json"), fx("new.json"), "--alpha", "2").code()).isEqualTo(2);
    assertThat(run("compare", fx("base.json"), fx("new.json"), "--format", "xml").code())
        .isEqualTo(2);
    assertThat(run("compare", fx("base.json"), fx("new.json"), "--filter", "(").code())
        .isEqualTo(2);
    assertThat(run("compare", fx("base.json")).code()).isEqualTo(2);
    assertThat(run("compare", fx("base.json"), fx("new.json"), "--filter", "NoSuchRow").err())
        .contains("no rows match --filter");
  }

  @Test
  void failOnRegressionTripsOnlyOnSignificantRegressionsAboveTheLimit() {
    // new.json -> base.json: fixIntArray gets ~17% slower.
    Run tripped = run("compare", fx("new.json"), fx("base.json"), "--fail-on-regression", "5");
    assertThat(tripped.code()).isEqualTo(1);
    assertThat(tripped.out()).contains("slower");
    assertThat(tripped.err()).contains("regression: IntegerSum.fixIntArray/size=100 (time)");
    assertThat(run("compare", fx("new.json"), fx("base.json"), "--fail-on-regression", "25").code())
        .isZero();
    // base.json -> new.json only improves.
    assertThat(run("compare", fx("base.json"), fx("new.json"), "--fail-on-regression", "1").code())
        .isZero();
  }

  @Test
  void aBadEquivalenceIsEchoedAsTyped() {
    Run r = run("compare", fx("base.json"), fx("new.json"), "--equivalence", "-3");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not -3").doesNotContain("0.03");
  }

  @Test
  void labelsNameTheColumnsOneToOne() {
    Run r = run("compare", fx("base.json"), fx("new.json"), "--labels", "before,after");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("before").contains("after").doesNotContain("new.json");
    Run wrong = run("compare", fx("base.json"), fx("new.json"), "--labels", "only-one");
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("1 label(s) for 2 input(s)");
    assertThat(run("compare", fx("base.json"), fx("new.json"), "--labels", "a,a").err())
        .contains("distinct");
  }

  @Test
  void benchstatModeAndEquivalenceOptions() {
    Run r = run("compare", fx("base.json"), fx("new.json"), "--benchstat");
    assertThat(r.out()).contains("(p=").contains("n=15").contains("benchstat mode");
    Run noEq = run("compare", fx("base.json"), fx("new.json"), "--equivalence", "0");
    assertThat(noEq.out().lines().skip(2)).noneMatch(l -> l.endsWith("equivalent"));
    assertThat(r.out().lines()).noneMatch(l -> l.endsWith("equivalent"));
    assertThat(run("compare", fx("base.json"), fx("new.json")).out().lines())
        .anyMatch(l -> l.endsWith("equivalent"));
  }
}
