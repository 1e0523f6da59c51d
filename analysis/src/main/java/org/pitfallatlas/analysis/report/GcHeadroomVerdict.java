package org.pitfallatlas.analysis.report;

import static org.pitfallatlas.analysis.report.GcFormat.factor;
import static org.pitfallatlas.analysis.report.GcFormat.series;
import static org.pitfallatlas.analysis.report.GcFormat.share;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;
import org.pitfallatlas.analysis.gclog.GcLogSummary;
import org.pitfallatlas.analysis.render.Numbers;
import org.pitfallatlas.analysis.stats.Verdict;

/**
 * A GcHeadroomVerdict is the headroom claim for one collector, written from the data: whether more
 * headroom (1.5× → 2× → 4× the live set) removed GC spikes from p99 — p99 and max latency, pause
 * p99 and count, ZGC stalls, the statistics engine's verdict on p99 per step, and how many requests
 * the pauses can reach.
 *
 * @param run the loaded run
 * @param steps the engine's comparisons of adjacent heap factors, or null
 */
record GcHeadroomVerdict(GcRun run, Table steps) {

  /** The verdict's sentence for {@code collector}. */
  String of(String collector) {
    List<GcReport.Config> ladder = new ArrayList<>();
    for (double f : GcRun.FACTORS) {
      run.config(collector, f).ifPresent(ladder::add);
    }
    if (ladder.isEmpty()) {
      return "**" + collector + "**: not in this run.";
    }
    List<String> fits = new ArrayList<>();
    List<Cell> cells = new ArrayList<>();
    for (GcReport.Config c : ladder) {
      Optional<Cell> cell = run.measuredCell(c.id());
      if (cell.isEmpty()) {
        fits.add(factor(c.heapFactor()) + " does not fit");
      } else {
        cells.add(cell.get());
      }
    }
    StringBuilder s = new StringBuilder("**").append(collector).append("** (");
    s.append(String.join(" → ", ladder.stream().map(c -> factor(c.heapFactor())).toList()))
        .append(" the live set): ");
    if (cells.size() < 2) {
      return s.append("too few configurations with results to compare")
          .append(fits.isEmpty() ? "" : " (" + String.join(", ", fits) + ")")
          .append('.')
          .toString();
    }
    boolean zgc = collector.equals("ZGC");
    figures(s, cells, zgc);
    if (!fits.isEmpty()) {
      s.append("; ").append(String.join(", ", fits));
    }
    s.append(". ");
    Steps engine = steps(s, ladder);
    double hitShare = reach(s, cells.get(0), zgc);
    conclusion(s, cells.get(0), cells.get(cells.size() - 1), engine, hitShare, zgc);
    return s.toString();
  }

  /** p99, max, pause count and p99 (and ZGC's stalls) along the ladder. */
  private static void figures(StringBuilder s, List<Cell> cells, boolean zgc) {
    String unit = cells.get(0).latencyUnit();
    s.append("p99 ")
        .append(series(cells, Cell::p99, Numbers::millis))
        .append(' ')
        .append(unit)
        .append(", max ")
        .append(series(cells, Cell::max, Numbers::millis))
        .append(' ')
        .append(unit)
        .append("; GC pauses ")
        .append(
            series(cells, c -> c.gc() == null ? Double.NaN : c.gc().pauseCount(), GcFormat::num))
        .append(" (pause p99 ")
        .append(
            series(cells, c -> c.gc() == null ? Double.NaN : c.gc().pauseP99(), Numbers::millis))
        .append(" ms)");
    if (zgc) {
      s.append(", allocation stalls ")
          .append(
              series(
                  cells,
                  c -> c.gc() == null ? Double.NaN : c.gc().allocationStallCount(),
                  GcFormat::num));
    }
  }

  /** What the engine said of the steps: counts, and whether a side had one fork only. */
  private record Steps(int better, int worse, boolean thin) {}

  /** The engine's verdict on p99 for each step, and whether it had the samples to tell. */
  private Steps steps(StringBuilder s, List<GcReport.Config> ladder) {
    List<String> stepText = new ArrayList<>();
    int better = 0;
    int worse = 0;
    boolean thin = false;
    for (int i = 0; i + 1 < ladder.size(); i++) {
      Optional<Row> r = run.p99Row(steps, ladder.get(i).id(), ladder.get(i + 1).id());
      if (r.isEmpty()) {
        continue;
      }
      Verdict v = r.get().deltas().get(0).verdict();
      // The engine's test needs two fork values a side (the fork is the unit).
      boolean few = r.get().columns().stream().anyMatch(c -> c.forks() < 2);
      thin |= few;
      String step =
          factor(ladder.get(i).heapFactor()) + "→" + factor(ladder.get(i + 1).heapFactor());
      stepText.add(step + ": " + (few ? "~ (one fork: no test)" : v.label()));
      boolean decided = !few && v != Verdict.NO_DIFFERENCE && v != Verdict.EQUIVALENT;
      if (decided && v == Verdict.FASTER) {
        better++;
      } else if (decided) {
        worse++;
      }
    }
    if (!stepText.isEmpty()) {
      s.append("p99 per step (statistics engine): ")
          .append(String.join("; ", stepText))
          .append(". ");
    }
    return new Steps(better, worse, thin);
  }

  /**
   * How many requests the GC reaches at the tightest heap: in an open loop every request due during
   * a pause waits for it; in a closed loop only one per pause. Returns the closed-loop share of
   * requests delayed (NaN for an open-loop run).
   */
  private double reach(StringBuilder s, Cell tight, boolean zgc) {
    GcLogSummary g = tight.gc();
    if (g == null || !(tight.throughput() > 0)) {
      return Double.NaN;
    }
    double timeShare =
        g.wallSeconds() > 0
            ? (g.totalPauseMillis() + g.allocationStallTotalMillis()) / 1000.0 / g.wallSeconds()
            : Double.NaN;
    String at = factor(run.configOf(tight).heapFactor());
    if (run.point().containsKey("load")) {
      // Open loop: the paused share of time is the share of requests the GC reaches.
      s.append("At ")
          .append(at)
          .append(" the GC holds the thread ")
          .append(share(timeShare))
          .append(" of the measured time, and every request due then waits (open loop: ")
          .append(timeShare < 0.01 ? "below the 1% that p99 sees). " : "enough to reach p99). ");
      return Double.NaN;
    }
    double hitShare =
        (g.pausesPerSecond() + g.allocationStallCount() / Math.max(1e-9, g.wallSeconds()))
            / tight.throughput();
    s.append("At ")
        .append(at)
        .append(" the ")
        .append(zgc ? "pauses and stalls" : "pauses")
        .append(" delay about ")
        .append(share(hitShare))
        .append(" of requests in this closed-loop benchmark (one request per pause waits; the")
        .append(" others are never sent), ")
        .append(hitShare < 0.01 ? "below the 1% that p99 sees" : "enough to reach p99")
        .append("; in a service whose requests arrive on their own, the GC holds the thread ")
        .append(share(timeShare))
        .append(" of the time, and every request arriving then waits. ");
    return hitShare;
  }

  private static void conclusion(
      StringBuilder s, Cell tight, Cell roomy, Steps engine, double hitShare, boolean zgc) {
    boolean tailFell = roomy.max() < tight.max() * 0.8 || roomy.p999() < tight.p999() * 0.8;
    boolean gcFell =
        roomy.gc() != null
            && tight.gc() != null
            && (roomy.gc().pauseCount() < tight.gc().pauseCount()
                || roomy.gc().allocationStallCount() < tight.gc().allocationStallCount());
    boolean p99Fell = roomy.p99() < tight.p99();
    s.append("**");
    if (engine.thin()) {
      s.append("Cannot tell from this run")
          .append("** (one fork and too few iterations for a test): read the direction only —")
          .append(" p99 ")
          .append(p99Fell ? "fell" : "did not fall")
          .append(", the far tail (p99.9/max) ")
          .append(tailFell ? "fell" : "did not fall")
          .append(", and the GC ")
          .append(gcFell ? "ran less often" : "did not run less often")
          .append(" with more headroom. Run the quick or full budget for a verdict.");
    } else if (engine.better() > 0 && engine.worse() == 0 && gcFell) {
      s.append("The claim reproduces")
          .append("**: more headroom lowered p99 significantly, and the GC log shows why —")
          .append(" fewer pauses")
          .append(zgc ? " and stalls" : "")
          .append('.');
    } else if (engine.better() > 0 && engine.worse() == 0) {
      s.append("Partly")
          .append("**: p99 fell with more headroom, but the GC log does not show fewer pauses or")
          .append(" stalls, so the cause is not established.");
    } else if (tailFell && gcFell) {
      s.append("Partly")
          .append("**: more headroom made GC ")
          .append(zgc ? "stalls and pauses" : "pauses")
          .append(" rarer and cut the far tail (p99.9/max), but not p99")
          .append(hitShare < 0.01 ? ": the pauses reach fewer than 1% of requests." : ".");
    } else {
      s.append("The claim does not reproduce")
          .append("**: more headroom did not remove GC from the tail")
          .append(engine.worse() > 0 ? " (p99 got significantly worse in a step)" : "")
          .append(". On the JVM the pause length is set by what survives (the live young")
          .append(" objects), not by the heap size; headroom changes how often, not how long.");
    }
  }
}
