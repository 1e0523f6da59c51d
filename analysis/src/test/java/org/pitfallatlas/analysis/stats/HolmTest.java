package org.pitfallatlas.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HolmTest {
  @Test
  void matchesR() {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm")  -> 0.03 0.06 0.06 0.02
    double[] adj = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
    assertThat(adj[0]).isCloseTo(0.03, within(1e-12));
    assertThat(adj[1]).isCloseTo(0.06, within(1e-12));
    assertThat(adj[2]).isCloseTo(0.06, within(1e-12));
    assertThat(adj[3]).isCloseTo(0.02, within(1e-12));
  }

  @Test
  void nanIsLeftOutOfTheFamily() {
    // R: p.adjust(c(0.02, NA, 0.5), "holm")  -> 0.04 NA 0.5
    double[] adj = Holm.adjust(new double[] {0.02, Double.NaN, 0.5});
    assertThat(adj[0]).isCloseTo(0.04, within(1e-12));
    assertThat(adj[1]).isNaN();
    assertThat(adj[2]).isCloseTo(0.5, within(1e-12));
  }
}
