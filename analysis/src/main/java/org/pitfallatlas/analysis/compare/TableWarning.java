package org.pitfallatlas.analysis.compare;

import org.pitfallatlas.analysis.stats.Warning;

/**
 * A TableWarning is a {@link Warning} placed in a table: which row and column it is about (null
 * when it is about the whole table).
 *
 * @param row the row name, or null
 * @param column the column label, or null
 * @param warning the warning
 * @param details every item the message stands for, when it names only a few (e.g. each row left
 *     out and the inputs it is missing from); the JSON output carries them all
 */
public record TableWarning(
    String row, String column, Warning warning, java.util.List<String> details) {
  /** Copies the details (null reads as none). */
  public TableWarning {
    details = details == null ? java.util.List.of() : java.util.List.copyOf(details);
  }

  /** A warning without details. */
  public TableWarning(String row, String column, Warning warning) {
    this(row, column, warning, null);
  }

  /** Returns the message with its row and column, as printed under text tables. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (row != null) {
      sb.append(row);
      if (column != null) {
        sb.append(" [").append(column).append(']');
      }
      sb.append(": ");
    }
    return sb.append(warning.message()).toString();
  }
}
