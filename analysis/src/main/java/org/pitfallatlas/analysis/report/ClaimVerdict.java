package org.pitfallatlas.analysis.report;

/** A ClaimVerdict is what the measurements say about a claim from the Go sources. */
public enum ClaimVerdict {
  /**
   * The fix is significantly better and the claimed effect lies within (or below) the measured
   * interval.
   */
  REPRODUCES("reproduces"),
  /** The fix is significantly better, but by less than the claim says. */
  PARTLY("partly"),
  /**
   * The fix is equivalent to the pitfall or worse: the JVM does not show the pitfall (or the fix
   * does not help).
   */
  DOES_NOT_REPRODUCE("does not reproduce"),
  /**
   * Not enough evidence either way ({@code ~}): too few forks or samples, or too much noise. A
   * longer run decides it; it is not a refutation.
   */
  INCONCLUSIVE("inconclusive"),
  /**
   * No JVM pair can test the claim directly (a Go-runtime figure, a whole-service number, a share
   * that is not a fix/pitfall ratio); the claim says why.
   */
  NOT_COMPARABLE("not comparable"),
  /** No pair tests the claim yet, or the run has no row for it. */
  NOT_MEASURED("not measured");

  private final String label;

  ClaimVerdict(String label) {
    this.label = label;
  }

  /** Returns the label shown in the ledger. */
  public String label() {
    return label;
  }
}
