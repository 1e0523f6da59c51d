package org.pitfallatlas.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pitfallatlas.analysis.compare.Column;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.stats.Direction;
import org.pitfallatlas.analysis.stats.Verdict;
import org.pitfallatlas.analysis.suite.PairSpec;

/**
 * The verdict section of a family report, written from the data: per pair class, the fix against
 * the pitfall at the profiled point (time and B/op) and how the class's comparisons came out.
 */
final class Verdicts {

  private final FamilyReport report;

  Verdicts(FamilyReport report) {
    this.report = report;
  }

  /**
   * Returns the verdict, written from the data: per pair class, the fix against the pitfall at the
   * profiled point (time and B/op), and how the class's comparisons came out.
   */
  public Output verdict() {
    StringBuilder md = new StringBuilder();
    int faster = 0;
    int total = 0;
    List<String> vanish = new ArrayList<>();
    for (String cls : report.pairClasses()) {
      List<Row> time = report.rows(cls, FamilyReport.TIME);
      if (time.isEmpty()) {
        time = report.rows(cls, "throughput");
      }
      List<Row> bytes = report.rows(cls, Metrics.ALLOC);
      Map<Verdict, Integer> counts = new LinkedHashMap<>();
      for (Row r : time) {
        counts.merge(r.deltas().get(0).verdict(), 1, Integer::sum);
        total++;
        if (r.deltas().get(0).verdict() == Verdict.FASTER) {
          faster++;
        } else {
          vanish.add(FamilyReport.shortName(r) + " (" + r.deltas().get(0).verdict().label() + ")");
        }
      }
      md.append("- **").append(cls).append("**: ");
      Optional<Row> headline = headline(cls, time);
      if (headline.isPresent()) {
        Row r = headline.get();
        Delta d = r.deltas().get(0);
        md.append(sentence(r, d));
        Optional<Row> b = bytes.stream().filter(x -> x.name().equals(r.name())).findFirst();
        b.ifPresent(x -> md.append("; ").append(bytesSentence(x)));
        md.append(". ");
      }
      md.append("Over its ")
          .append(time.size())
          .append(" time comparison")
          .append(time.size() == 1 ? "" : "s")
          .append(": ");
      List<String> parts = new ArrayList<>();
      counts.forEach((v, k) -> parts.add(k + " " + v.label()));
      md.append(String.join(", ", parts)).append(".\n");
    }
    StringBuilder head = new StringBuilder();
    head.append("**Verdict (from ")
        .append(report.info().machine())
        .append(", ")
        .append(report.info().budget().split(" ")[0])
        .append(" budget):** the fix is significantly faster in ")
        .append(faster)
        .append(" of ")
        .append(total)
        .append(" pitfall-vs-fix comparisons");
    if (!vanish.isEmpty()) {
      head.append("; no speed-up in ")
          .append(String.join(", ", vanish))
          .append(" — there the JVM does not show the pitfall (or the budget cannot tell)");
    }
    head.append(".\n\n");
    return Output.markdown(head + md.toString());
  }

  /** The row at the suite's profiled point with the largest speedup, else the largest overall. */
  Optional<Row> headline(String cls, List<Row> time) {
    Map<String, String> point = report.spec(cls).map(PairSpec::profileParams).orElse(Map.of());
    List<Row> candidates = time.stream().filter(r -> r.params().equals(point)).toList();
    if (candidates.isEmpty()) {
      candidates = time;
    }
    return candidates.stream().max((a, b) -> Double.compare(speed(a), speed(b)));
  }

  private static double speed(Row r) {
    double s = r.deltas().get(0).speedup(r.direction());
    return Double.isNaN(s) ? -1 : s;
  }

  static String sentence(Row r, Delta d) {
    String pit = r.columns().get(0).label();
    String fix = r.columns().get(1).label();
    String at =
        r.params().isEmpty()
            ? ""
            : " at " + FamilyReport.params(r.params()).substring(1).replace('/', ' ');
    double s = d.speedup(r.direction());
    String ci =
        "fix/pitfall "
            + ClaimsLedger.ratio(d.ratio())
            + ", 95% simultaneous CI ["
            + ClaimsLedger.ratio(d.lo())
            + ", "
            + ClaimsLedger.ratio(d.hi())
            + "]";
    if (!d.tested()) {
      return fix
          + " against "
          + pit
          + at
          + ": not tested, because a side has a single fork or forks that never reached a steady"
          + " state (fix/pitfall "
          + ClaimsLedger.ratio(d.ratio())
          + ", no interval; the warnings under the pairs table say which)";
    }
    return switch (d.verdict()) {
      case FASTER -> fix + " is " + Numbers.times(s) + " faster than " + pit + at + " (" + ci + ")";
      case SLOWER ->
          fix + " is " + Numbers.times(1 / s) + " slower than " + pit + at + " (" + ci + ")";
      case EQUIVALENT -> fix + " and " + pit + " are equivalent" + at + " (" + ci + ", within ±2%)";
      case NO_DIFFERENCE ->
          "no significant difference between " + fix + " and " + pit + at + " (" + ci + ")";
    };
  }

  static String bytesSentence(Row r) {
    Column p = r.columns().get(0);
    Column f = r.columns().get(1);
    Delta d = r.deltas().get(0);
    String figures = Numbers.value(p.center()) + " → " + Numbers.value(f.center()) + " B/op";
    if (p.center() < Metrics.ALLOCATION_FREE_BELOW && f.center() < Metrics.ALLOCATION_FREE_BELOW) {
      return "neither allocates ("
          + figures
          + ": less than one object per operation, i.e. noise of the allocation counter)";
    }
    if (!d.tested()) {
      return "allocation is not tested (" + figures + ")";
    }
    if (d.verdict() == Verdict.FASTER) {
      return f.center() < Metrics.ALLOCATION_FREE_BELOW
          ? "it allocates nothing where the pitfall allocates "
              + Numbers.value(p.center())
              + " B/op"
          : "it allocates "
              + Numbers.times(d.speedup(Direction.LOWER_IS_BETTER))
              + " less ("
              + figures
              + ")";
    }
    if (d.verdict() == Verdict.SLOWER) {
      return "it allocates more (" + figures + ")";
    }
    if (d.verdict() == Verdict.EQUIVALENT) {
      return "allocation is the same (" + figures + ", within ±2%)";
    }
    return "no significant difference in allocation (" + figures + ")";
  }
}
