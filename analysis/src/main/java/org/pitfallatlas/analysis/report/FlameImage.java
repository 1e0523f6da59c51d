package org.pitfallatlas.analysis.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pitfallatlas.analysis.profile.CollapsedStacks;

/**
 * A FlameImage is a small PNG of flame graphs, for places that show a flame graph's HTML as source
 * (a code host's notebook view): one panel per graph, stacked, each a flame graph with the root at
 * the bottom, frames narrower than a pixel dropped and labels (names without their package) where
 * they fit.
 *
 * <p>A plain panel colours frames by type as async-profiler does (Java green, inlined aqua, native
 * red, JVM C++ yellow, kernel orange). A differential panel has the pitfall's shape and async-
 * profiler's diff colouring ({@code jfrconv --diff}): each frame's self weight in the pitfall minus
 * its self weight in the fix, red where the pitfall has more, blue where less (four shades by size
 * of the difference against the largest), yellow where the fix has no such frame, grey where equal.
 * The image uses an indexed palette of a few colours, so a panel is a few kilobytes.
 */
final class FlameImage {

  static final int WIDTH = 640;
  static final int ROW = 13;
  static final int MAX_ROWS = 16;
  static final int TITLE = 15;
  static final int GAP = 6;

  /** async-profiler's base colour per frame type ({@code flame.html}'s palette). */
  private static final Color[] TYPE =
      new Color[] {
        new Color(0xb2e1b2),
        new Color(0x50e150),
        new Color(0x50cccc),
        new Color(0xe15a5a),
        new Color(0xc8c83c),
        new Color(0xe17d00),
        new Color(0xcce880)
      };

  static final Color SAME = new Color(0xe0e0e0);
  static final Color NEW = new Color(0xffdd33);
  private static final int[] SHADES = {96, 139, 181, 224};

  private static final IndexColorModel PALETTE = palette();

  /**
   * A Panel is one flame graph in the image.
   *
   * @param title the line above it
   * @param stacks the graph's stacks
   * @param base for a differential panel, the stacks it is compared with (the fix); else null
   */
  record Panel(String title, CollapsedStacks stacks, CollapsedStacks base) {}

  /** One frame of the merged call tree. */
  static final class Node {
    final String name;
    final CollapsedStacks.FrameType type;
    long total;
    long self;
    final Map<String, Node> children = new TreeMap<>();

    Node(String name, CollapsedStacks.FrameType type) {
      this.name = name;
      this.type = type;
    }

    /**
     * Levels of frames at least {@code minTotal} wide, this one included, counting no deeper than
     * {@code limit} levels (a recursion thousands of frames deep is drawn to the image's height,
     * and counting it all would overflow the stack).
     */
    int depth(double minTotal, int limit) {
      if (limit <= 1) {
        return 1;
      }
      return 1
          + children.values().stream()
              .filter(c -> c.total >= minTotal)
              .mapToInt(c -> c.depth(minTotal, limit - 1))
              .max()
              .orElse(0);
    }
  }

  private FlameImage() {}

  /** Merges stacks into a call tree under an unnamed root. */
  static Node tree(CollapsedStacks stacks) {
    Node root = new Node("", CollapsedStacks.FrameType.NATIVE);
    stacks
        .weights()
        .forEach(
            (stack, w) -> {
              Node n = root;
              n.total += w;
              for (String raw : stack.split(";")) {
                String name = CollapsedStacks.name(raw);
                Node parent = n;
                n =
                    parent.children.computeIfAbsent(
                        name, k -> new Node(k, CollapsedStacks.type(raw)));
                n.total += w;
              }
              n.self += w;
            });
    return root;
  }

  /** Renders panels one under the other. */
  static BufferedImage render(List<Panel> panels) {
    List<Node> trees = new ArrayList<>();
    int height = 0;
    for (Panel p : panels) {
      Node t = tree(p.stacks());
      trees.add(t);
      height += TITLE + rows(t) * ROW + GAP;
    }
    BufferedImage img =
        new BufferedImage(WIDTH, Math.max(1, height), BufferedImage.TYPE_BYTE_INDEXED, PALETTE);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    int y = 0;
    for (int i = 0; i < panels.size(); i++) {
      Panel p = panels.get(i);
      Node t = trees.get(i);
      g.setColor(Color.BLACK);
      g.setFont(g.getFont().deriveFont(Font.BOLD, 11f));
      g.drawString(fit(g.getFontMetrics(), p.title(), WIDTH - 4), 2, y + TITLE - 4);
      g.setFont(g.getFont().deriveFont(Font.PLAIN, 10f));
      int rows = rows(t);
      Node base = p.base() == null ? null : tree(p.base());
      long maxDiff = base == null ? 0 : maxDiff(t, base, true, rows);
      int bottom = y + TITLE + rows * ROW;
      double scale = t.total == 0 ? 0 : (double) WIDTH / t.total;
      double x = 0;
      for (Node child : t.children.values()) {
        draw(
            g,
            child,
            base == null ? null : base.children.get(child.name),
            base != null,
            0,
            x,
            scale,
            bottom,
            rows,
            maxDiff);
        x += child.total * scale;
      }
      y = bottom + GAP;
    }
    g.dispose();
    return img;
  }

  /** Rows of one panel: the levels of frames at least a pixel wide, at most {@link #MAX_ROWS}. */
  private static int rows(Node t) {
    return Math.max(1, Math.min(MAX_ROWS, t.depth(t.total / (double) WIDTH, MAX_ROWS + 1) - 1));
  }

  private static void draw(
      Graphics2D g,
      Node n,
      Node base,
      boolean diff,
      int level,
      double x,
      double scale,
      int bottom,
      int rows,
      long maxDiff) {
    double w = n.total * scale;
    if (w < 1 || level >= rows) {
      return;
    }
    int left = (int) Math.round(x);
    int width = Math.max(1, (int) Math.round(x + w) - left - 1);
    int top = bottom - (level + 1) * ROW;
    g.setColor(diff ? diffColor(base == null ? null : n.self - base.self, maxDiff) : typeColor(n));
    g.fillRect(left, top, width, ROW - 1);
    if (width > 20) {
      g.setColor(Color.BLACK);
      String label = fit(g.getFontMetrics(), CollapsedStacks.shortName(n.name), width - 4);
      if (!label.isEmpty()) {
        g.drawString(label, left + 2, top + ROW - 3);
      }
    }
    double cx = x;
    for (Node child : n.children.values()) {
      draw(
          g,
          child,
          base == null ? null : base.children.get(child.name),
          diff,
          level + 1,
          cx,
          scale,
          bottom,
          rows,
          maxDiff);
      cx += child.total * scale;
    }
  }

  /**
   * The largest absolute self difference of any frame the pitfall and the fix share, within the
   * {@code levels} levels that are drawn.
   */
  private static long maxDiff(Node n, Node base, boolean root, int levels) {
    long m = root || base == null ? 0 : Math.abs(n.self - base.self);
    if (levels <= 0) {
      return m;
    }
    for (Node c : n.children.values()) {
      Node b = base == null ? null : base.children.get(c.name);
      if (b != null) {
        m = Math.max(m, maxDiff(c, b, false, levels - 1));
      }
    }
    return m;
  }

  private static Color typeColor(Node n) {
    return TYPE[n.type.ordinal()];
  }

  /**
   * async-profiler's diff colour, in four shades: {@code null} (not in the fix) yellow, 0 grey,
   * more in the pitfall red, less blue; the larger the difference against the largest, the deeper.
   */
  static Color diffColor(Long diff, long maxDiff) {
    if (diff == null) {
      return NEW;
    }
    if (diff == 0 || maxDiff == 0) {
      return SAME;
    }
    double v = 128.0 * (maxDiff - Math.abs(diff)) / maxDiff + 96;
    int shade = SHADES[SHADES.length - 1];
    for (int s : SHADES) {
      if (v <= s + 21) {
        shade = s;
        break;
      }
    }
    return diff > 0 ? new Color(255, shade, shade) : new Color(shade, shade, 255);
  }

  /** Cuts a label to fit a width, ending in "…"; empty when not three characters fit. */
  static String fit(FontMetrics fm, String s, int width) {
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    for (int n = s.length() - 1; n >= 3; n--) {
      String cut = s.substring(0, n) + "…";
      if (fm.stringWidth(cut) <= width) {
        return cut;
      }
    }
    return "";
  }

  private static IndexColorModel palette() {
    List<Color> colors = new ArrayList<>(List.of(Color.WHITE, Color.BLACK, SAME, NEW));
    colors.addAll(List.of(TYPE));
    for (int s : SHADES) {
      colors.add(new Color(255, s, s));
      colors.add(new Color(s, s, 255));
    }
    byte[] r = new byte[colors.size()];
    byte[] gr = new byte[colors.size()];
    byte[] b = new byte[colors.size()];
    for (int i = 0; i < colors.size(); i++) {
      r[i] = (byte) colors.get(i).getRed();
      gr[i] = (byte) colors.get(i).getGreen();
      b[i] = (byte) colors.get(i).getBlue();
    }
    return new IndexColorModel(8, colors.size(), r, gr, b);
  }
}
