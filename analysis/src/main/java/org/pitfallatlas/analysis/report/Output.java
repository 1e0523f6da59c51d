package org.pitfallatlas.analysis.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * An Output is one thing a notebook cell shows: Markdown, HTML or a PNG image. {@link #show()}
 * hands it to the Jupyter kernel the code runs in (see {@link KernelDisplay}), so notebooks call
 * {@code report.pairsTable().show();} and need no kernel-specific magics; outside a kernel it
 * prints its text.
 */
public final class Output {

  /** The MIME type of an output. */
  public enum Kind {
    /** {@code text/markdown}: tables and prose, rendered by Jupyter and nbconvert. */
    MARKDOWN("text/markdown"),
    /** {@code text/html}. */
    HTML("text/html"),
    /** {@code image/png}: a chart. */
    PNG("image/png");

    private final String mime;

    Kind(String mime) {
      this.mime = mime;
    }

    /** Returns the MIME type. */
    public String mime() {
      return mime;
    }
  }

  private final Kind kind;
  private final String text;
  private final BufferedImage image;

  private Output(Kind kind, String text, BufferedImage image) {
    this.kind = kind;
    this.text = text;
    this.image = image;
  }

  /** Returns Markdown output. */
  public static Output markdown(String markdown) {
    return new Output(Kind.MARKDOWN, markdown, null);
  }

  /** Returns HTML output. */
  public static Output html(String html) {
    return new Output(Kind.HTML, html, null);
  }

  /**
   * Returns an image output.
   *
   * @param image the image
   * @param alt what the image shows, printed where images cannot be shown
   */
  public static Output png(BufferedImage image, String alt) {
    return new Output(Kind.PNG, alt, image);
  }

  /** Returns the kind. */
  public Kind kind() {
    return kind;
  }

  /** Returns the Markdown or HTML text, or the image's description. */
  public String text() {
    return text;
  }

  /** Returns the image, or null when this is text. */
  public BufferedImage image() {
    return image;
  }

  /**
   * Returns the PNG bytes of an image output, as an indexed (256-colour) PNG: see {@link
   * IndexedPng}.
   */
  public byte[] pngBytes() {
    if (image == null) {
      throw new IllegalStateException("not an image: " + kind);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(IndexedPng.of(image), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Returns the PNG as base64, the way notebooks store images. */
  public String pngBase64() {
    return Base64.getEncoder().encodeToString(pngBytes());
  }

  /** Shows this output in the notebook (or prints it when no kernel is present). */
  public void show() {
    KernelDisplay.show(this);
  }

  @Override
  public String toString() {
    return text;
  }
}
