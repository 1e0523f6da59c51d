package org.pitfallatlas.analysis.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A RowPlot is a chart with one labelled row per item and a shared x axis (log or linear): a forest
 * plot (intervals with a point estimate), a dot plot, a strip plot of many values per row, or
 * horizontal bars (grouped by offset; on a log axis too, which XChart's bar charts refuse). Drawn
 * with Java2D, because XChart cannot put text labels on y-axis rows.
 */
public final class RowPlot {

  /** What is drawn in a row. */
  private record Mark(
      int row, double lo, double center, double hi, Color color, Shape shape, double offset) {}

  /** The shape of a point estimate. */
  public enum Shape {
    /** A filled diamond. */
    DIAMOND,
    /** A filled circle. */
    CIRCLE,
    /** A cross (e.g. a claimed figure). */
    CROSS,
    /** A horizontal bar from the axis' start (0 on a linear axis) to the value. */
    BAR
  }

  private final String title;
  private final String xTitle;
  private final boolean log;
  private final List<String> rows = new ArrayList<>();
  private final List<Mark> marks = new ArrayList<>();
  private final Map<String, Color> legend = new LinkedHashMap<>();
  private double reference = Double.NaN;
  private String tickSuffix = "";
  private int rowHeight;

  /** The image's width when the row labels fit in 45% of it; it grows for longer labels. */
  private static final int WIDTH = 760;

  /** The narrowest the plot area gets beside long row labels, in pixels. */
  private static final int MIN_PLOT_WIDTH = 400;

  /** The widest the image gets; labels longer than that leaves room for are shortened with "…". */
  private static final int MAX_WIDTH = 1100;

  /**
   * Creates an empty plot.
   *
   * @param title the title
   * @param xTitle the x axis title
   * @param log whether the x axis is logarithmic (values <= 0 are skipped)
   */
  public RowPlot(String title, String xTitle, boolean log) {
    this.title = title;
    this.xTitle = xTitle;
    this.log = log;
  }

  /** Sets the height of a row in pixels (default: 19, or 14 beyond 24 rows), e.g. for bars. */
  public RowPlot rowHeight(int pixels) {
    this.rowHeight = pixels;
    return this;
  }

  /**
   * Appends {@code suffix} to every tick label, e.g. {@code "×"} on an axis of ratios (0.5×, 1×,
   * 2×).
   */
  public RowPlot tickSuffix(String suffix) {
    this.tickSuffix = suffix;
    return this;
  }

  /** Adds a row and returns its index. */
  public int row(String label) {
    rows.add(label);
    return rows.size() - 1;
  }

  /** Draws an interval with a point estimate in a row. */
  public RowPlot interval(int row, double lo, double center, double hi, Color color) {
    marks.add(new Mark(row, lo, center, hi, color, Shape.DIAMOND, 0));
    return this;
  }

  /** Draws a point in a row, shifted vertically by {@code offset} (a fraction of the row). */
  public RowPlot point(int row, double x, Color color, Shape shape, double offset) {
    marks.add(new Mark(row, Double.NaN, x, Double.NaN, color, shape, offset));
    return this;
  }

  /**
   * Draws a horizontal bar in a row from the axis' start to {@code x}, {@code thickness} of the row
   * high, shifted vertically by {@code offset} (a fraction of the row); grouped bars use offsets.
   */
  public RowPlot bar(int row, double x, Color color, double offset, double thickness) {
    marks.add(new Mark(row, Double.NaN, x, thickness, color, Shape.BAR, offset));
    return this;
  }

  /** Draws a dashed vertical line at {@code x} (1 for ratios). */
  public RowPlot reference(double x) {
    this.reference = x;
    return this;
  }

  /** Adds a legend entry. */
  public RowPlot legend(String name, Color color) {
    legend.put(name, color);
    return this;
  }

  /** Renders the plot. */
  public BufferedImage image() {
    int rowHeight = this.rowHeight > 0 ? this.rowHeight : rows.size() > 24 ? 14 : 19;
    int top = 34;
    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, rows.size() > 24 ? 9 : 10);
    // Measure the labels first: the left margin fits the longest, widening the image if needed.
    FontMetrics fm =
        new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(small);
    int labelWidth = 0;
    for (String r : rows) {
      labelWidth = Math.max(labelWidth, fm.stringWidth(r));
    }
    final int width = Math.min(MAX_WIDTH, Math.max(WIDTH, labelWidth + 30 + MIN_PLOT_WIDTH));
    labelWidth = Math.min(labelWidth, width - 30 - MIN_PLOT_WIDTH);
    List<List<Map.Entry<String, Color>>> legendLines = legendLines(fm, width);
    int bottom = 46 + 18 * legendLines.size();
    int height = Math.max(200, top + bottom + rowHeight * rows.size());
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setFont(small);
    int left = labelWidth + 14;
    int right = width - 16;
    int plotBottom = top + rowHeight * rows.size();

    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (Mark m : marks) {
      double[] values =
          m.shape() == Shape.BAR
              ? new double[] {log ? m.center() : 0, m.center()}
              : new double[] {m.lo(), m.center(), m.hi()};
      for (double v : values) {
        if (Double.isFinite(v) && (!log || v > 0)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (Double.isFinite(reference)) {
      min = Math.min(min, reference);
      max = Math.max(max, reference);
    }
    if (min > max) {
      min = log ? 0.1 : 0;
      max = log ? 10 : 1;
    }
    double a = log ? Math.log10(min) : min;
    double b = log ? Math.log10(max) : max;
    if (b - a < 1e-9) {
      a -= log ? 0.5 : Math.max(Math.abs(a) * 0.1, 1);
      b += log ? 0.5 : Math.max(Math.abs(b) * 0.1, 1);
    }
    double pad = (b - a) * 0.05;
    final double lo = a - pad;
    final double hi = b + pad;
    java.util.function.DoubleUnaryOperator x =
        v -> left + (right - left) * ((log ? Math.log10(v) : v) - lo) / (hi - lo);

    // Title.
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    FontMetrics tf = g.getFontMetrics();
    g.drawString(title, Math.max(4, (width - tf.stringWidth(title)) / 2), 20);
    g.setFont(small);

    // Grid and ticks.
    g.setStroke(new BasicStroke(1f));
    int lastLabelEnd = Integer.MIN_VALUE;
    for (double t : ticks(lo, hi)) {
      int px = (int) Math.round(x.applyAsDouble(log ? Math.pow(10, t) : t));
      g.setColor(new Color(0xE5E7E9));
      g.drawLine(px, top, px, plotBottom);
      g.setColor(Color.DARK_GRAY);
      String s = Charts.compact(log ? Math.pow(10, t) : t) + tickSuffix;
      int sx = px - fm.stringWidth(s) / 2;
      if (sx > lastLabelEnd + 4) { // a label that would touch the previous one is left out
        g.drawString(s, sx, plotBottom + 14);
        lastLabelEnd = sx + fm.stringWidth(s);
      }
    }
    g.setColor(Color.GRAY);
    g.drawLine(left, plotBottom, right, plotBottom);
    g.setColor(Color.BLACK);
    g.drawString(xTitle, left + (right - left - fm.stringWidth(xTitle)) / 2, plotBottom + 30);

    // Row labels and stripes.
    for (int i = 0; i < rows.size(); i++) {
      int cy = top + rowHeight * i + rowHeight / 2;
      if (i % 2 == 1) {
        g.setColor(new Color(0xF6F7F8));
        g.fillRect(left, top + rowHeight * i, right - left, rowHeight);
      }
      g.setColor(Color.DARK_GRAY);
      String label = clip(rows.get(i), fm, labelWidth);
      g.drawString(label, left - 8 - fm.stringWidth(label), cy + fm.getAscent() / 2 - 1);
    }
    if (Double.isFinite(reference)) {
      g.setColor(Color.DARK_GRAY);
      g.setStroke(
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
      int px = (int) Math.round(x.applyAsDouble(reference));
      g.drawLine(px, top - 2, px, plotBottom);
    }
    // Marks.
    for (Mark m : marks) {
      double cy = top + rowHeight * m.row() + rowHeight / 2.0 + m.offset() * rowHeight;
      g.setColor(m.color());
      if (m.shape() == Shape.BAR) {
        if (Double.isFinite(m.center()) && (!log || m.center() > 0)) {
          double from = log ? left : x.applyAsDouble(0);
          double to = x.applyAsDouble(m.center());
          double h = m.hi() * rowHeight;
          g.fill(
              new java.awt.geom.Rectangle2D.Double(
                  Math.min(from, to), cy - h / 2, Math.abs(to - from), h));
        }
        continue;
      }
      if (Double.isFinite(m.lo()) && Double.isFinite(m.hi()) && (!log || m.lo() > 0)) {
        g.setStroke(new BasicStroke(2.2f));
        g.draw(new Line2D.Double(x.applyAsDouble(m.lo()), cy, x.applyAsDouble(m.hi()), cy));
      }
      if (!Double.isFinite(m.center()) || (log && m.center() <= 0)) {
        continue;
      }
      double cx = x.applyAsDouble(m.center());
      double r = m.shape() == Shape.CIRCLE ? 2.6 : 4.5;
      switch (m.shape()) {
        case DIAMOND -> {
          Path2D p = new Path2D.Double();
          p.moveTo(cx, cy - r);
          p.lineTo(cx + r, cy);
          p.lineTo(cx, cy + r);
          p.lineTo(cx - r, cy);
          p.closePath();
          g.fill(p);
        }
        case CIRCLE -> g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        case CROSS -> {
          g.setStroke(new BasicStroke(2f));
          g.draw(new Line2D.Double(cx - r, cy - r, cx + r, cy + r));
          g.draw(new Line2D.Double(cx - r, cy + r, cx + r, cy - r));
        }
        case BAR -> {
          // drawn above
        }
      }
    }
    // Legend, below the axis title: never on the data.
    int ly = plotBottom + 30 + 18;
    for (List<Map.Entry<String, Color>> line : legendLines) {
      int lx = 8;
      for (Map.Entry<String, Color> e : line) {
        g.setColor(e.getValue());
        g.fillRect(lx, ly - 8, 10, 8);
        g.setColor(Color.DARK_GRAY);
        g.drawString(e.getKey(), lx + 14, ly);
        lx += 14 + fm.stringWidth(e.getKey()) + 16;
      }
      ly += 18;
    }
    g.dispose();
    return img;
  }

  /** The legend's entries laid out in lines that fit the width. */
  private List<List<Map.Entry<String, Color>>> legendLines(FontMetrics fm, int width) {
    List<List<Map.Entry<String, Color>>> lines = new ArrayList<>();
    List<Map.Entry<String, Color>> line = new ArrayList<>();
    int lx = 8;
    for (Map.Entry<String, Color> e : legend.entrySet()) {
      int w = 14 + fm.stringWidth(e.getKey()) + 16;
      if (!line.isEmpty() && lx + w > width - 8) {
        lines.add(line);
        line = new ArrayList<>();
        lx = 8;
      }
      line.add(e);
      lx += w;
    }
    if (!line.isEmpty()) {
      lines.add(line);
    }
    return lines;
  }

  /** Renders the plot as an output. */
  public Output output(String alt) {
    return Output.png(image(), alt);
  }

  private List<Double> ticks(double lo, double hi) {
    List<Double> out = new ArrayList<>();
    if (log) {
      for (double t : Charts.logTicks(Math.pow(10, lo), Math.pow(10, hi))) {
        out.add(Math.log10(t));
      }
      return out;
    }
    double raw = (hi - lo) / 6;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
    if (raw / mag < 1.5) {
      step = mag;
    }
    for (double t = Math.ceil(lo / step) * step; t <= hi; t += step) {
      out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return out;
  }

  private static String clip(String s, FontMetrics fm, int width) {
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    String t = s;
    while (t.length() > 4 && fm.stringWidth("…" + t) > width) {
      t = t.substring(1);
    }
    return "…" + t;
  }
}
