package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ChartsTest {

  @Test
  void aNarrowRatioAxisGetsSeveralLabelledTicks() {
    // fanin's forest plot spans about 0.3x to 1.2x: XChart's decades alone label only "1".
    List<Double> ticks = Charts.logTicks(0.3, 1.2);
    assertThat(ticks).hasSizeGreaterThanOrEqualTo(5).contains(0.5, 1.0).allMatch(t -> t >= 0.3);
  }

  @Test
  void wideAxesStepBy1_3OrByDecades() {
    assertThat(Charts.logTicks(1, 100)).containsExactly(1.0, 3.0, 10.0, 30.0, 100.0);
    assertThat(Charts.logTicks(1, 1e5))
        .containsExactly(1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0);
    assertThat(Charts.logTicks(0.5, 20)).contains(0.5, 1.0, 2.0, 5.0, 10.0, 20.0);
  }

  @Test
  void logTicksRejectBoundsALogAxisCannotHave() {
    assertThatThrownBy(() -> Charts.logTicks(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void oneNumberFormatOnAnAxis() {
    // No "1000" beside "1E4": thousands with k, small values as plain decimals.
    assertThat(Charts.compact(1000.0)).isEqualTo("1k");
    assertThat(Charts.compact(10000.0)).isEqualTo("10k");
    assertThat(Charts.compact(20000.0)).isEqualTo("20k");
    assertThat(Charts.compact(0.0001)).isEqualTo("0.0001");
    assertThat(Charts.compact(0.5)).isEqualTo("0.5");
  }

  @Test
  void aLogAxisRangeHoldsAPowerOfTen() {
    double[] b = Charts.logBounds(new double[] {1200, 6000}, null, null);
    assertThat(Math.floor(Math.log10(b[1]))).isGreaterThanOrEqualTo(Math.ceil(Math.log10(b[0])));
    assertThat(b[0]).isLessThan(1200);
    assertThat(b[1]).isGreaterThan(6000);
  }

  @Test
  void aLogAxisIsLabelledBetweenDecades() {
    Map<String, double[][]> s = new LinkedHashMap<>();
    s.put("a", new double[][] {{1, 2, 3}, {1200, 3000, 6000}});
    XYChart c = Charts.lines("t", "x", "y", s, false, true, Map.of());
    BufferedImage img = Charts.image(c);
    // A "2k" label left of the plot (right-aligned a few pixels before it; the linear x axis puts
    // its first value ~4% of the plot inside), at the height XChart maps 2000 to.
    int right = (int) Math.round(c.getScreenXFromChart(1.0)) - 25;
    int y = (int) Math.round(c.getScreenYFromChart(2000));
    assertThat(darkPixels(img, 30, right, y - 4, y + 4)).isPositive();
    // Nothing is written between two ticks (2k and 3k are ~60 px apart here).
    int between = (int) Math.round(c.getScreenYFromChart(2450));
    assertThat(darkPixels(img, 30, right, between - 1, between + 1)).isZero();
  }

  @Test
  void legendsSitBesideThePlot() {
    Map<String, double[][]> s = Map.of("pitfallLongName", new double[][] {{1, 2}, {1, 2}});
    XYChart c = Charts.lines("t", "x", "y", s, false, false, Map.of());
    assertThat(c.getStyler().getLegendPosition())
        .isEqualTo(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    assertThat(c.getWidth()).isGreaterThan(Charts.WIDTH);
  }

  private static int darkPixels(BufferedImage img, int x0, int x1, int y0, int y1) {
    int n = 0;
    for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
      for (int y = Math.max(0, y0); y <= Math.min(img.getHeight() - 1, y1); y++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        if (r < 128) {
          n++;
        }
      }
    }
    return n;
  }
}
