package org.pitfallatlas.analysis.compare;

/**
 * Thrown when inputs cannot be compared (mismatched units, non-positive values where a ratio needs
 * positives, no pairs); the message says which input and row.
 */
public final class CompareException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public CompareException(String message) {
    super(message);
  }
}
