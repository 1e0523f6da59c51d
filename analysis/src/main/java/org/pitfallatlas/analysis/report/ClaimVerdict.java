package org.pitfallatlas.analysis.report;

/** A ClaimVerdict is what the measurements say about a claim from the Go sources. */
public enum ClaimVerdict {
  /**
   * The fix is significantly better and the claimed figure, read with its tolerance, overlaps the
   * measured interval (a claim without a figure reproduces when the fix is better).
   */
  REPRODUCES("reproduces"),
  /** The fix is significantly better, by more than the claimed figure allows. */
  STRONGER("stronger on the JVM"),
  /** The fix is significantly better, by less than the claimed figure allows. */
  WEAKER("weaker on the JVM"),
  /** The fix and the pitfall are equivalent: the JVM does not show the claimed effect. */
  NO_EFFECT("no effect on the JVM"),
  /** The fix is significantly worse (or, for a claim that the "fix" is worse, better). */
  CONTRADICTED("contradicted"),
  /**
   * Not enough evidence either way ({@code ~}): too few forks or samples, or too much noise. A
   * longer run decides it; it is not a refutation.
   */
  INCONCLUSIVE("inconclusive"),
  /** Rows under one Go claim whose verdicts differ; the rows say how. */
  MIXED("mixed"),
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
