package org.pitfallatlas.analysis.jmh;

/** Thrown when an input is not readable JMH JSON output; the message names the file. */
public final class JmhInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the file and what was expected
   */
  public JmhInputException(String message) {
    super(message);
  }
}
