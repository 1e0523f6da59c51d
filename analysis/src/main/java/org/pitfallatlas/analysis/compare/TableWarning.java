package org.pitfallatlas.analysis.compare;

import org.pitfallatlas.analysis.stats.Warning;

/**
 * A TableWarning is a {@link Warning} placed in a table: which row and column it is about (null
 * when it is about the whole table).
 *
 * @param row the row name, or null
 * @param column the column label, or null
 * @param warning the warning
 */
public record TableWarning(String row, String column, Warning warning) {
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
