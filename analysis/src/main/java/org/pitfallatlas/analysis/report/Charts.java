package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * Charts builds the report's XChart charts with one look: small (640 px wide), white, readable
 * fonts, labelled rows. Each method returns the XChart chart, so a notebook can restyle it, and
 * {@link #output} turns any chart into a PNG {@link Output}.
 */
public final class Charts {

  /** Default width of a chart, in pixels. */
  public static final int WIDTH = 640;

  /** Default height of a chart, in pixels. */
  public static final int HEIGHT = 400;

  static final Color PITFALL = new Color(0xC0392B);
  static final Color FIX = new Color(0x1E8449);
  static final Color NEUTRAL = new Color(0x7F8C8D);
  static final Color SLOWER = new Color(0xD35400);
  static final Color EQUIVALENT = new Color(0x2E86C1);
  static final Color[] PALETTE = {
    new Color(0x1F77B4),
    new Color(0xFF7F0E),
    new Color(0x2CA02C),
    new Color(0xD62728),
    new Color(0x9467BD),
    new Color(0x8C564B),
    new Color(0xE377C2),
    new Color(0x17BECF),
    new Color(0xBCBD22),
    new Color(0x7F7F7F)
  };

  private Charts() {}

  /**
   * Returns a line chart of y against a numeric x, one series per name, log axes when asked.
   *
   * @param series per name, the (x, y) points in x order
   */
  public static XYChart lines(
      String title,
      String xTitle,
      String yTitle,
      Map<String, double[][]> series,
      boolean logX,
      boolean logY,
      Map<String, Color> colors) {
    return lines(
        title,
        xTitle,
        yTitle,
        series,
        logX,
        logY,
        colors,
        WIDTH + legendWidth(series.keySet()),
        HEIGHT);
  }

  /** The same line chart at another size in pixels (small multiples). */
  public static XYChart lines(
      String title,
      String xTitle,
      String yTitle,
      Map<String, double[][]> series,
      boolean logX,
      boolean logY,
      Map<String, Color> colors,
      int width,
      int height) {
    XYChart c = base(new XYChart(width, height), title, xTitle, yTitle);
    c.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(logY);
    int i = 0;
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      XYSeries s = c.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
      Color color = colors.getOrDefault(e.getKey(), PALETTE[i % PALETTE.length]);
      s.setLineColor(color);
      s.setMarkerColor(color);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setLineStyle(SeriesLines.SOLID);
      i++;
    }
    return c;
  }

  /**
   * Returns a grouped bar chart: one group per category, one bar per series.
   *
   * @param series per name, one value per category
   */
  public static CategoryChart bars(
      String title,
      String xTitle,
      String yTitle,
      List<String> categories,
      Map<String, List<Double>> series,
      boolean logY,
      Map<String, Color> colors) {
    CategoryChart c = new CategoryChart(WIDTH + legendWidth(series.keySet()), HEIGHT);
    style(c, title, xTitle, yTitle);
    c.getStyler().setYAxisLogarithmic(logY);
    c.getStyler().setOverlapped(false);
    int i = 0;
    for (Map.Entry<String, List<Double>> e : series.entrySet()) {
      CategorySeries s = c.addSeries(e.getKey(), categories, e.getValue());
      s.setFillColor(colors.getOrDefault(e.getKey(), PALETTE[i % PALETTE.length]));
      i++;
    }
    return c;
  }

  /**
   * Renders any XChart chart as a PNG output. On an {@link XYChart}, a logarithmic axis gets
   * labelled ticks at 1-2-5 steps (see {@link #logTicks}) instead of XChart's decades only, and a
   * linear axis the same number format ({@link #compact}: 1k, 10k).
   */
  public static Output output(Chart<?, ?> chart, String alt) {
    BufferedImage img =
        chart instanceof XYChart xy ? image(xy) : BitmapEncoder.getBufferedImage(chart);
    return Output.png(img, alt);
  }

  /**
   * Renders an XY chart with readable log axes. XChart 3.8 labels a log axis at decades only and
   * has no way to place ticks elsewhere, so a log axis keeps XChart's layout and grid (its decade
   * labels drawn transparent, in a pattern as wide as ours, so the space for them stays) and the
   * 1-2-5 labels are drawn over the rendered chart at the positions XChart maps them to. The axis
   * range is fixed to cover the data (intervals drawn as series included) and at least one decade.
   */
  static BufferedImage image(XYChart c) {
    return image(c, "");
  }

  /**
   * Renders an XY chart as a PNG output, with {@code ySuffix} after every label of a log y axis
   * (e.g. {@code "×"} on an axis of ratios).
   */
  static Output output(XYChart c, String alt, String ySuffix) {
    return Output.png(image(c, ySuffix), alt);
  }

  /** {@link #image(XYChart)} with a suffix after every label of a log y axis. */
  static BufferedImage image(XYChart c, String ySuffix) {
    XYStyler s = c.getStyler();
    Color transparent = new Color(0, 0, 0, 0);
    double[] xr = range(c, true);
    double[] yr = range(c, false);
    List<Double> xTicks = List.of();
    List<Double> yTicks = List.of();
    if (s.isXAxisLogarithmic() && xr != null) {
      double[] b = logBounds(xr, s.getXAxisMin(), s.getXAxisMax());
      s.setXAxisMin(b[0]).setXAxisMax(b[1]);
      xTicks = logTicks(b[0], b[1]);
      s.setXAxisTickLabelsColor(transparent);
      s.setXAxisDecimalPattern("0".repeat(widest(xTicks)));
    } else if (s.getxAxisTickLabelsFormattingFunction() == null) {
      s.setxAxisTickLabelsFormattingFunction(Charts::compact);
    }
    if (s.isYAxisLogarithmic() && yr != null) {
      double[] b = logBounds(yr, s.getYAxisMin(), s.getYAxisMax());
      b = widen(b, s.getYAxisMin(), s.getYAxisMax());
      s.setYAxisMin(b[0]).setYAxisMax(b[1]);
      yTicks = logTicks(b[0], b[1]);
      s.setYAxisTickLabelsColor(transparent);
      s.setYAxisDecimalPattern("0".repeat(widest(yTicks) + ySuffix.length()));
    } else if (s.getyAxisTickLabelsFormattingFunction() == null) {
      s.setyAxisTickLabelsFormattingFunction(Charts::compact);
    }
    BufferedImage img = BitmapEncoder.getBufferedImage(c);
    if (xTicks.isEmpty() && yTicks.isEmpty()) {
      return img;
    }
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(s.getAxisTickLabelsFont());
    g.setColor(s.getAxisTickLabelsColor());
    FontMetrics fm = g.getFontMetrics();
    // The plot's edges: XChart insets the data range by (1 - plotContentSize) / 2 of the plot.
    double inset = (1 - s.getPlotContentSize()) / (2 * s.getPlotContentSize());
    double x0 = c.getScreenXFromChart(s.getXAxisMin() != null ? s.getXAxisMin() : xr[0]);
    double x1 = c.getScreenXFromChart(s.getXAxisMax() != null ? s.getXAxisMax() : xr[1]);
    double y0 = c.getScreenYFromChart(s.getYAxisMin() != null ? s.getYAxisMin() : yr[0]);
    double y1 = c.getScreenYFromChart(s.getYAxisMax() != null ? s.getYAxisMax() : yr[1]);
    double plotLeft = x0 - (x1 - x0) * inset;
    double plotBottom = y0 + (y0 - y1) * inset;
    int gap = s.getAxisTickMarkLength() + s.getAxisTickPadding() + 2;
    int lastLabelTop = Integer.MAX_VALUE;
    for (double t : yTicks) { // ascending values: upwards on the image
      String label = compact(t) + ySuffix;
      int py = (int) Math.round(c.getScreenYFromChart(t));
      int baseline = py + fm.getAscent() / 2 - 1;
      if (baseline < lastLabelTop - 2) { // a label that would touch the one below is left out
        g.drawString(label, (int) Math.round(plotLeft) - gap - fm.stringWidth(label), baseline);
        lastLabelTop = baseline - fm.getAscent();
      }
    }
    int lastLabelEnd = Integer.MIN_VALUE;
    for (double t : xTicks) {
      String label = compact(t);
      int sx = (int) Math.round(c.getScreenXFromChart(t)) - fm.stringWidth(label) / 2;
      if (sx > lastLabelEnd + 4) { // a label that would touch the previous one is left out
        g.drawString(label, sx, (int) Math.round(plotBottom) + gap + fm.getAscent());
        lastLabelEnd = sx + fm.stringWidth(label);
      }
    }
    g.dispose();
    return img;
  }

  /** Tick mantissas from sparse to dense: 1-10-100, 1-3-10, 1-2-5, then finer within a decade. */
  private static final double[][] MANTISSAS = {
    {1}, {1, 3}, {1, 2, 5}, {1, 1.5, 2, 3, 5, 7}, {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9}
  };

  /**
   * Returns the ticks of a log axis from {@code lo} to {@code hi} (both > 0): the sparsest of
   * 1-10-100, 1-3-10, 1-2-5, 1-1.5-2-3-5-7 and 1-1.2-1.5-…-9 that puts at least five ticks on the
   * axis (every second, third… decade beyond twelve decades).
   *
   * @throws IllegalArgumentException if a bound is not positive or {@code hi < lo}
   */
  public static List<Double> logTicks(double lo, double hi) {
    if (!(lo > 0) || !(hi >= lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException(
          "log axis bounds must be positive, finite and ordered, got [" + lo + ", " + hi + "]");
    }
    return ticks(lo, hi, mantissas(lo, hi), step(lo, hi));
  }

  /** The sparsest mantissa set that puts five ticks or more between {@code lo} and {@code hi}. */
  private static double[] mantissas(double lo, double hi) {
    for (double[] m : MANTISSAS) {
      if (ticks(lo, hi, m, step(lo, hi)).size() >= 5) {
        return m;
      }
    }
    return MANTISSAS[MANTISSAS.length - 1];
  }

  private static int step(double lo, double hi) {
    double decades = Math.log10(hi / lo);
    return decades <= 12 ? 1 : (int) Math.ceil(decades / 8);
  }

  private static List<Double> ticks(double lo, double hi, double[] mantissas, int step) {
    List<Double> out = new ArrayList<>();
    for (int d = (int) Math.floor(Math.log10(lo)) - 1; d <= Math.ceil(Math.log10(hi)); d++) {
      if (Math.floorMod(d, step) != 0) {
        continue;
      }
      for (double m : mantissas) {
        // Rounded to 12 significant digits: 3 * 10^-1 is 0.3, not 0.30000000000000004.
        double t = Double.parseDouble(String.format(Locale.ROOT, "%.12g", m * Math.pow(10, d)));
        if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /**
   * Widens {@code [lo, hi]} to the nearest ticks outside it, so that both ends of a log axis carry
   * a label.
   */
  static double[] toTicks(double lo, double hi) {
    double[] m = mantissas(lo, hi);
    List<Double> wide = ticks(lo / 10, hi * 10, m, step(lo, hi));
    double a = wide.stream().filter(t -> t <= lo * (1 + 1e-9)).reduce((x, y) -> y).orElse(lo);
    double b = wide.stream().filter(t -> t >= hi * (1 - 1e-9)).findFirst().orElse(hi);
    return new double[] {a, b};
  }

  /**
   * The bounds of a log axis for data in {@code [lo, hi]}: a tenth of a decade of margin each side,
   * widened to contain at least one power of ten (XChart reserves room for tick labels only when a
   * decade is in range); an explicit minimum or maximum the chart already has is kept.
   */
  static double[] logBounds(double[] data, Double min, Double max) {
    double lo = min != null && min > 0 ? min : data[0] / Math.pow(10, 0.05);
    double hi = max != null && max > 0 ? max : data[1] * Math.pow(10, 0.05);
    if (Math.floor(Math.log10(hi)) < Math.ceil(Math.log10(lo))) {
      double down = lo / Math.pow(10, Math.floor(Math.log10(lo)));
      double up = Math.pow(10, Math.ceil(Math.log10(hi))) / hi;
      if (min == null && (down <= up || max != null)) {
        lo = Math.pow(10, Math.floor(Math.log10(lo)));
      } else if (max == null) {
        hi = Math.pow(10, Math.ceil(Math.log10(hi)));
      }
    }
    return new double[] {lo, hi};
  }

  /**
   * {@link #toTicks} where the next tick is near, keeping a minimum or maximum the chart was given
   * (y axes only: on x, the swept values, widening would waste width).
   */
  private static double[] widen(double[] b, Double min, Double max) {
    double[] t = toTicks(b[0], b[1]);
    // Only when the next tick is near: a decade of empty axis would squash the data.
    double most = 0.15 * Math.log10(b[1] / b[0]);
    boolean lo = min == null && Math.log10(b[0] / t[0]) <= most;
    boolean hi = max == null && Math.log10(t[1] / b[1]) <= most;
    return new double[] {lo ? t[0] : b[0], hi ? t[1] : b[1]};
  }

  /** The range of the positive x (or y) values of a chart's series, or null when there is none. */
  private static double[] range(XYChart c, boolean x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (XYSeries s : c.getSeriesMap().values()) {
      for (double v : x ? s.getXData() : s.getYData()) {
        if (v > 0 && Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return lo <= hi ? new double[] {lo, hi} : null;
  }

  private static int widest(List<Double> ticks) {
    return ticks.stream().mapToInt(t -> compact(t).length()).max().orElse(1);
  }

  /**
   * The extra width for a legend to the right of the plot (XChart's {@code OutsideE}), so that the
   * plot keeps the width it had with the legend inside.
   */
  static int legendWidth(java.util.Collection<String> names) {
    int chars = names.stream().mapToInt(String::length).max().orElse(0);
    return Math.min(320, 40 + 5 * chars);
  }

  /**
   * Draws an interval as a vertical segment from {@code lo} to {@code hi} at {@code x}, in the
   * series' colour and left out of the legend (XChart's error bars are symmetric; an interval on a
   * log axis is not).
   */
  static void interval(XYChart c, String name, double x, double lo, double hi, Color color) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return;
    }
    XYSeries s = c.addSeries(name, new double[] {x, x}, new double[] {lo, hi});
    s.setLineColor(color);
    s.setMarker(SeriesMarkers.NONE);
    s.setShowInLegend(false);
    s.setLineStyle(SeriesLines.SOLID);
    s.setLineWidth(1.5f);
  }

  /** Colours by role: pitfall methods red, fix methods green, others grey. */
  public static Color roleColor(String method) {
    return method.startsWith("pitfall") ? PITFALL : method.startsWith("fix") ? FIX : NEUTRAL;
  }

  /** A short number for tick labels: 1.5k, 20M, 0.25. */
  static String compact(Double v) {
    if (v == null || Double.isNaN(v)) {
      return "";
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a < 0.01) {
      // Plain decimals, as on the rest of the axis: 0.001, not 1.000m.
      return new java.math.BigDecimal(v)
          .round(new java.math.MathContext(3))
          .stripTrailingZeros()
          .toPlainString();
    }
    if (a >= 1000) {
      return Numbers.value(v).replaceAll("\\.?0+(?=[kMGT]?$)", "");
    }
    String s = String.format(Locale.ROOT, a >= 10 ? "%.0f" : a >= 1 ? "%.2f" : "%.3f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  private static XYChart base(XYChart c, String title, String xTitle, String yTitle) {
    style(c, title, xTitle, yTitle);
    return c;
  }

  static void style(Chart<?, ?> c, String title, String xTitle, String yTitle) {
    c.setTitle(title);
    c.setXAxisTitle(xTitle);
    c.setYAxisTitle(yTitle);
    var s = (org.knowm.xchart.style.AxesChartStyler) c.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    s.setLegendBorderColor(Color.WHITE);
    // Legends go beside the plot, never on the data.
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setPlotGridLinesColor(new Color(0xE5E7E9));
    s.setAntiAlias(true);
  }

  static Map<String, Color> roleColors(List<String> methods) {
    Map<String, Color> m = new LinkedHashMap<>();
    int pit = 0;
    int fix = 0;
    for (String method : methods) {
      Color base = roleColor(method);
      int k = method.startsWith("pitfall") ? pit++ : method.startsWith("fix") ? fix++ : 0;
      m.put(method, k == 0 ? base : k == 1 ? base.darker() : base.brighter());
    }
    return m;
  }
}
