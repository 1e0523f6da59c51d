package org.pitfallatlas.analysis.render;

import org.pitfallatlas.analysis.compare.Table;

/** The output formats of {@code atlas compare} and {@code atlas pairs}. */
public enum Format {
  /** Aligned plain text, benchstat-style. */
  TEXT,
  /** GitHub-flavoured Markdown. */
  MARKDOWN,
  /** CSV with every column. */
  CSV,
  /** JSON in the documented schema. */
  JSON;

  /**
   * Renders {@code t} in this format.
   *
   * @param t the table
   * @return the rendered table
   */
  public String render(Table t) {
    return switch (this) {
      case TEXT -> Text.render(t);
      case MARKDOWN -> Markdown.render(t);
      case CSV -> Csv.render(t);
      case JSON -> Json.render(t);
    };
  }
}
