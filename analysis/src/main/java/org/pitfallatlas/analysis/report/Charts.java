package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
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
    return lines(title, xTitle, yTitle, series, logX, logY, colors, WIDTH, HEIGHT);
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
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    int i = 0;
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      XYSeries s = c.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
      Color color = colors.getOrDefault(e.getKey(), PALETTE[i % PALETTE.length]);
      s.setLineColor(color);
      s.setMarkerColor(color);
      s.setMarker(SeriesMarkers.CIRCLE);
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
    CategoryChart c = new CategoryChart(WIDTH, HEIGHT);
    style(c, title, xTitle, yTitle);
    c.getStyler().setYAxisLogarithmic(logY);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    c.getStyler().setOverlapped(false);
    int i = 0;
    for (Map.Entry<String, List<Double>> e : series.entrySet()) {
      CategorySeries s = c.addSeries(e.getKey(), categories, e.getValue());
      s.setFillColor(colors.getOrDefault(e.getKey(), PALETTE[i % PALETTE.length]));
      i++;
    }
    return c;
  }

  /** Renders any XChart chart as a PNG output. */
  public static Output output(Chart<?, ?> chart, String alt) {
    BufferedImage img = BitmapEncoder.getBufferedImage(chart);
    return Output.png(img, alt);
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
    if (a >= 1000 || a < 0.01) {
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
