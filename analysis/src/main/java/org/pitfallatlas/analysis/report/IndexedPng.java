package org.pitfallatlas.analysis.report;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IndexedPng turns a chart into a 256-colour indexed image before it is written as PNG: charts are
 * flat colours with antialiased edges, so an indexed PNG is a third to a half of the RGB one and
 * the committed notebooks stay lean. An image of at most 256 colours keeps them exactly; otherwise
 * the palette is the 256 most frequent colours and every other colour (an antialiased edge pixel)
 * takes the nearest of them.
 */
final class IndexedPng {

  private IndexedPng() {}

  /** Returns the image as an indexed image (the same object when it already is one). */
  static BufferedImage of(BufferedImage src) {
    if (src.getType() == BufferedImage.TYPE_BYTE_INDEXED
        || src.getType() == BufferedImage.TYPE_BYTE_BINARY) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    int[] px = src.getRGB(0, 0, w, h, null, 0, w);
    Map<Integer, Integer> counts = new HashMap<>();
    for (int p : px) {
      counts.merge(p & 0xFFFFFF, 1, Integer::sum);
    }
    List<Map.Entry<Integer, Integer>> byCount = new ArrayList<>(counts.entrySet());
    byCount.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
    int n = Math.min(256, byCount.size());
    int[] palette = new int[n];
    for (int i = 0; i < n; i++) {
      palette[i] = byCount.get(i).getKey();
    }
    Map<Integer, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(palette[i], i);
    }
    byte[] r = new byte[n];
    byte[] g = new byte[n];
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      r[i] = (byte) (palette[i] >> 16);
      g[i] = (byte) (palette[i] >> 8);
      b[i] = (byte) palette[i];
    }
    int bits = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
    IndexColorModel model = new IndexColorModel(bits, n, r, g, b);
    BufferedImage out =
        new BufferedImage(
            w,
            h,
            bits == 8 ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_BYTE_BINARY,
            model);
    var raster = out.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int c = px[y * w + x] & 0xFFFFFF;
        raster.setSample(x, y, 0, index.computeIfAbsent(c, k -> nearest(k, palette)));
      }
    }
    return out;
  }

  /** The palette entry nearest to a colour (squared RGB distance). */
  static int nearest(int c, int[] palette) {
    int best = 0;
    long bestD = Long.MAX_VALUE;
    for (int i = 0; i < palette.length; i++) {
      long dr = ((c >> 16) & 0xFF) - ((palette[i] >> 16) & 0xFF);
      long dg = ((c >> 8) & 0xFF) - ((palette[i] >> 8) & 0xFF);
      long db = (c & 0xFF) - (palette[i] & 0xFF);
      long d = dr * dr + dg * dg + db * db;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }
}
