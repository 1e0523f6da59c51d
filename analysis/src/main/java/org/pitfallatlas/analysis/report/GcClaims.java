package org.pitfallatlas.analysis.report;

import java.util.List;
import java.util.Optional;
import org.pitfallatlas.analysis.render.Markdown;

/**
 * GcClaims are the gc notebook's comparisons: the suite's pitfall-configuration vs
 * fix-configuration table through the statistics engine, and the gc rows of the claims ledger
 * evaluated against this run.
 *
 * @param run the loaded run
 */
record GcClaims(GcRun run) {

  /** The suite's comparisons: the same table as the run's {@code summary.md}, with its warnings. */
  Output configPairs() {
    FamilyReport base = run.base();
    StringBuilder md = new StringBuilder(Markdown.render(base.table()));
    // Comparisons with a side that has no result are table warnings, not rows: say which.
    base.table().warnings().forEach(w -> md.append("- ⚠ ").append(w.describe()).append('\n'));
    return Output.markdown(md.toString());
  }

  /** The gc rows of the claims ledger, by the same rules as the overview's ledger. */
  Output claims() {
    ClaimsLedger ledger;
    try {
      ledger = ClaimsLedger.load(AtlasPaths.home());
    } catch (RuntimeException e) {
      return Output.markdown("_No checkout here, so no claims ledger: " + e.getMessage() + "_");
    }
    List<ClaimsLedger.Entry> entries =
        ledger.claims("gc").stream()
            .map(c -> ClaimsLedger.evaluate(c, Optional.of(run.base().table())))
            .toList();
    return Output.markdown(ClaimsLedger.markdown(entries));
  }
}
