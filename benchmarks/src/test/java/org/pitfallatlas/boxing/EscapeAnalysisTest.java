package org.pitfallatlas.boxing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class EscapeAnalysisTest {

  private static final String CLASS = "org.pitfallatlas.boxing.EscapeAnalysis";

  @ParameterizedTest
  @ParamValues(of = EscapeAnalysis.class, field = "points")
  void allVariantsComputeTheSameSumOfSquares(int points) {
    EscapeAnalysis benchmark = new EscapeAnalysis();
    benchmark.points = points;
    benchmark.setup();

    long expected = 0;
    for (int i = 0; i < points; i++) {
      expected +=
          (long) benchmark.xs[i] * benchmark.xs[i] + (long) benchmark.ys[i] * benchmark.ys[i];
    }

    assertThat(expected).isPositive();
    assertThat(benchmark.fixNoEscape()).isEqualTo(expected);
    assertThat(benchmark.pitfallEscapesIntoCall()).isEqualTo(expected);
    assertThat(benchmark.pitfallEscapeAnalysisOff()).isEqualTo(expected);
  }

  @Test
  void controlWithEscapeAnalysisOnFailsFast() {
    assertThatThrownBy(
            () -> EscapeAnalysis.requireControlFlag(CLASS + ".pitfallEscapeAnalysisOff", true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-jvmArgsPrepend");
  }

  @Test
  void controlWithEscapeAnalysisOffAndOtherMethodsPass() {
    assertThatCode(
            () -> {
              EscapeAnalysis.requireControlFlag(CLASS + ".pitfallEscapeAnalysisOff", false);
              EscapeAnalysis.requireControlFlag(CLASS + ".fixNoEscape", true);
              EscapeAnalysis.requireControlFlag(CLASS + ".pitfallEscapesIntoCall", true);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void escapeAnalysisFlagIsReadFromTheRunningJvm() {
    boolean disabledOnCommandLine =
        ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:-DoEscapeAnalysis");

    assertThat(EscapeAnalysis.escapeAnalysisEnabled()).isEqualTo(!disabledOnCommandLine);
  }
}
