package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RowPlotTest {

  @Test
  void theLeftMarginFitsTheLongestLabel() {
    RowPlot shortRows = new RowPlot("t", "x", true);
    shortRows.interval(shortRows.row("short"), 0.5, 0.7, 0.9, Color.GREEN);
    String longLabel =
        "FanInResults.pitfallResultArrayQueue vs fixIndexedArray/executor=PLATFORM/tasks=1000"
            + "/workMicros=1";
    RowPlot longRows = new RowPlot("t", "x", true);
    longRows.interval(longRows.row(longLabel), 0.5, 0.7, 0.9, Color.GREEN);
    assertThat(shortRows.image().getWidth()).isEqualTo(760);
    // Wider, not clipped: the label plus a plot area of at least 400 px.
    BufferedImage img = longRows.image();
    assertThat(img.getWidth()).isGreaterThan(760);
    assertThat(img.getWidth()).isGreaterThanOrEqualTo(400 + longLabel.length() * 4);
  }

  @Test
  void aLongLegendWrapsBelowThePlot() {
    RowPlot one = new RowPlot("t", "x", false).legend("fork 1", Color.RED);
    RowPlot many = new RowPlot("t", "x", false);
    for (int r = 0; r < 15; r++) {
      one.point(one.row("row " + r), 1, Color.RED, RowPlot.Shape.CIRCLE, 0);
      many.point(many.row("row " + r), 1, Color.RED, RowPlot.Shape.CIRCLE, 0);
    }
    for (int f = 1; f <= 30; f++) {
      many.legend("a long legend entry " + f, Color.RED);
    }
    // 30 entries need several 18 px lines below the axis title; one entry needs one.
    assertThat(many.image().getHeight()).isGreaterThan(one.image().getHeight() + 18);
  }
}
