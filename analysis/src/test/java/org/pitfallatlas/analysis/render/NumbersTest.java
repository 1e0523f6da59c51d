package org.pitfallatlas.analysis.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void millisecondsReadAsThreeDigitsWithoutPrefixes() {
    assertThat(Numbers.millis(12.34)).isEqualTo("12.3");
    assertThat(Numbers.millis(0.42)).isEqualTo("0.42");
    assertThat(Numbers.millis(0.008207)).isEqualTo("0.00821");
    assertThat(Numbers.millis(7.0)).isEqualTo("7");
    assertThat(Numbers.millis(1234.5)).isEqualTo("1,235");
    assertThat(Numbers.millis(Double.NaN)).isEqualTo("?");
  }

  @Test
  void tinyValuesGetAPrefixNotARunOfZeros() {
    assertThat(Numbers.value(3.246e-9)).isEqualTo("3.246n");
    assertThat(Numbers.value(0.0009996)).isEqualTo("999.6µ");
    assertThat(Numbers.value(0.0123)).isEqualTo("0.01230");
    assertThat(Numbers.value(1234)).isEqualTo("1.234k");
  }

  @Test
  void benchstatFiguresRoundLikeGoTiesToEvenOnTheExactValue() {
    // Go: fmt.Sprintf("%.0f", 2.5) == "2", ("%.0f", 3.5) == "4", ("%.2f", 0.125) == "0.12";
    // Java's %f gives "3", "4", "0.13".
    assertThat(Numbers.goFixed(2.5, 0)).isEqualTo("2");
    assertThat(Numbers.goFixed(3.5, 0)).isEqualTo("4");
    assertThat(Numbers.goFixed(0.125, 2)).isEqualTo("0.12");
    // 1.005 is 1.00499999999999989... in binary: both round down.
    assertThat(Numbers.goFixed(1.005, 2)).isEqualTo("1.00");
    assertThat(Numbers.benchstatChange(0.8280)).isEqualTo("-17.20%");
    assertThat(Numbers.benchstatChange(1.5)).isEqualTo("+50.00%");
  }
}
