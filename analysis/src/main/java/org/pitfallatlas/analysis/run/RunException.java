package org.pitfallatlas.analysis.run;

/**
 * A RunException is a run that cannot start or go on, with the exit code the command returns and a
 * message that says what was wrong and what to do.
 */
public final class RunException extends RuntimeException {

  private final int exitCode;

  public RunException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
