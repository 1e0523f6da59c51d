package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class IndexedPngTest {

  @Test
  void anImageOfFewColoursKeepsThemExactly() {
    BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 40, 20);
    g.setColor(Charts.PITFALL);
    g.fillRect(0, 0, 20, 20);
    g.dispose();
    BufferedImage out = IndexedPng.of(img);
    assertThat(out.getType()).isIn(BufferedImage.TYPE_BYTE_BINARY, BufferedImage.TYPE_BYTE_INDEXED);
    for (int x = 0; x < 40; x++) {
      assertThat(out.getRGB(x, 5)).isEqualTo(img.getRGB(x, 5));
    }
  }

  @Test
  void anAntialiasedChartIsSmallerAndEveryPixelStaysCloseToItsColour() {
    BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 400, 300);
    for (int i = 0; i < 40; i++) {
      g.setColor(Charts.PALETTE[i % Charts.PALETTE.length]);
      g.drawOval(5 + i * 3, 5 + i * 2, 200, 150);
      g.drawString("label " + i, 10 + i * 5, 280 - i * 5);
    }
    g.dispose();
    BufferedImage out = IndexedPng.of(img);
    assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_BYTE_INDEXED);
    int far = 0;
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 400; x++) {
        int a = img.getRGB(x, y);
        int b = out.getRGB(x, y);
        int d =
            Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF))
                + Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF))
                + Math.abs((a & 0xFF) - (b & 0xFF));
        if (d > 96) {
          far++;
        }
      }
    }
    // Only antialiased edge pixels move, and few of them move far.
    assertThat(far).isLessThan(400 * 300 / 100);
    assertThat(Output.png(img, "x").pngBytes().length).isLessThan(pngLength(img));
  }

  private static int pngLength(BufferedImage img) {
    var out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(img, "png", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.size();
  }
}
