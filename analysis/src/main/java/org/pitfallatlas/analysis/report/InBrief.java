package org.pitfallatlas.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pitfallatlas.analysis.compare.Delta;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * InBrief is what a family notebook opens with: its verdicts in three sentences, written from the
 * run it reads — where the fix wins and by how much at most, how the Go sources' claims came out,
 * and where the JVM does not show the pitfall. Each sentence is computed; nothing in it is typed by
 * hand, so it stays true for a run on the reader's own machine.
 */
final class InBrief {

  private InBrief() {}

  /** Returns the three sentences for a family report, with the claims ledger of its checkout. */
  static Output of(FamilyReport report) {
    List<Row> time = new ArrayList<>();
    Row best = null;
    for (String cls : report.pairClasses()) {
      List<Row> rows = report.rows(cls, "time");
      if (rows.isEmpty()) {
        rows = report.rows(cls, "throughput");
      }
      time.addAll(rows);
      Optional<Row> h = new Verdicts(report).headline(cls, rows);
      if (h.isPresent()
          && h.get().deltas().get(0).verdict() == Verdict.FASTER
          && (best == null || speedup(h.get()) > speedup(best))) {
        best = h.get();
      }
    }
    StringBuilder md = new StringBuilder("**In brief** (").append(runName(report)).append("). ");
    md.append(first(time, best, report.pairClasses().size()));
    md.append(' ').append(second(report));
    md.append(' ').append(third(time));
    return Output.markdown(md.toString());
  }

  private static String runName(FamilyReport report) {
    RunInfo info = report.info();
    return info.machine() + ", " + info.budget().split(" ")[0] + " budget, run " + info.stamp();
  }

  private static String first(List<Row> time, Row best, int pairs) {
    if (time.isEmpty()) {
      return "The run has no pitfall-vs-fix time comparison (its pairs compare JVM"
          + " configurations: see the sections below).";
    }
    long faster = time.stream().filter(r -> r.deltas().get(0).verdict() == Verdict.FASTER).count();
    StringBuilder sb =
        new StringBuilder("The fix is significantly faster in ")
            .append(faster)
            .append(" of ")
            .append(time.size())
            .append(" time comparisons over ")
            .append(pairs)
            .append(pairs == 1 ? " pair" : " pairs");
    if (best != null) {
      sb.append("; at the points the notebook profiles, the largest effect is ")
          .append(FamilyReport.simple(best.benchmark()))
          .append(": ")
          .append(Verdicts.sentence(best, best.deltas().get(0)));
    }
    return sb.append('.').toString();
  }

  private static String second(FamilyReport report) {
    List<ClaimsLedger.Entry> entries;
    try {
      entries =
          ClaimsLedger.load(AtlasPaths.home())
              .evaluateReports(
                  f -> f.equals(report.family()) ? Optional.of(report) : Optional.empty())
              .stream()
              .filter(e -> e.claim().family().equals(report.family()))
              .toList();
    } catch (IllegalStateException e) {
      return "The claims ledger is not at hand (no checkout found), so the Go figures are not"
          + " compared here.";
    }
    if (entries.isEmpty()) {
      return "No Go claim in the ledger names this family.";
    }
    return "Read against this run, the Go sources' claims this family tests come out as "
        + ClaimsLedger.tally(entries)
        + " (the overview lists them one by one).";
  }

  /** Where the fix is not significantly faster, grouped by pair and verdict. */
  private static String third(List<Row> time) {
    if (time.isEmpty()) {
      return "";
    }
    Map<String, Map<String, List<String>>> misses = new LinkedHashMap<>();
    for (Row r : time) {
      Delta d = r.deltas().get(0);
      if (d.verdict() != Verdict.FASTER) {
        String said = !d.tested() ? "not tested (too few settled forks)" : words(d.verdict());
        misses
            .computeIfAbsent(pair(r), k -> new LinkedHashMap<>())
            .computeIfAbsent(said, k -> new ArrayList<>())
            .add(point(r));
      }
    }
    if (misses.isEmpty()) {
      return "Every time comparison favours the fix.";
    }
    List<String> parts = new ArrayList<>();
    misses.forEach(
        (pair, byVerdict) -> {
          List<String> said = new ArrayList<>();
          byVerdict.forEach(
              (v, points) ->
                  said.add(
                      v
                          + (points.stream().allMatch(String::isEmpty)
                              ? ""
                              : " at " + String.join("; ", points))));
          parts.add(pair + ": " + String.join(", ", said));
        });
    return "Where the JVM does not show the pitfall (or this budget cannot tell): "
        + String.join(" · ", parts)
        + ".";
  }

  private static String words(Verdict v) {
    return switch (v) {
      case SLOWER -> "the fix is slower";
      case EQUIVALENT -> "equivalent";
      default -> "no significant difference";
    };
  }

  /** {@code Class.pitfall vs fix/k=v} → {@code Class.pitfall vs fix}. */
  private static String pair(Row r) {
    String name = r.name();
    int slash = name.indexOf('/');
    return slash < 0 ? name : name.substring(0, slash);
  }

  /** The row's parameter point, {@code k=v k2=v2}; empty without parameters. */
  private static String point(Row r) {
    List<String> kv = new ArrayList<>();
    r.params().forEach((k, v) -> kv.add(k + "=" + v));
    return String.join(" ", kv);
  }

  private static double speedup(Row r) {
    return r.deltas().get(0).speedup(r.direction());
  }
}
