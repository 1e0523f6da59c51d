package org.pitfallatlas.analysis.report;

import static org.pitfallatlas.analysis.report.GcFormat.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix.Cell;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * A GcContainerVerdict is what the container trap cost, written from the data: what the JVM picked
 * with no flags inside the container ({@code containers.json}), and the explicit settings against
 * it on throughput, p99, max, GC pauses and peak RSS, with the engine's verdict on p99.
 *
 * @param run the loaded run
 */
record GcContainerVerdict(GcRun run) {

  /** The verdict's sentence. */
  String sentence() {
    JsonNode ev = run.containers().path("container-ergonomics");
    StringBuilder s = new StringBuilder("**Container trap** (");
    if (ev.isMissingNode()) {
      return s.append("not in this run).").toString();
    }
    long mem = ev.path("memoryMiB").asLong();
    JsonNode view = ev.path("jvmView");
    s.append(ev.path("cpus").asInt())
        .append(" CPU, ")
        .append(mem)
        .append(" MiB, ")
        .append(ev.path("mode").asText())
        .append("): with no flags the JVM picked **")
        .append(view.path("collector").asText("?"))
        .append("** and a heap of **")
        .append(view.path("heapMaxMiB").asLong())
        .append(" MiB** (")
        .append(Numbers.percent(view.path("heapMaxMiB").asDouble() / Math.max(1, mem)))
        .append(" of the container)");
    JsonNode xv = run.containers().path("container-explicit").path("jvmView");
    if (!xv.isMissingNode()) {
      s.append("; with explicit settings ")
          .append(xv.path("collector").asText("?"))
          .append(" and ")
          .append(xv.path("heapMaxMiB").asLong())
          .append(" MiB");
    }
    s.append(". ");
    Optional<Cell> erg = run.measuredCell("container-ergonomics");
    Optional<Cell> exp = run.measuredCell("container-explicit");
    if (erg.isEmpty() || exp.isEmpty()) {
      return s.append(erg.isEmpty() ? "The ergonomic configuration" : "The explicit configuration")
          .append(" has no result here (does not fit).")
          .toString();
    }
    compare(s, erg.get(), exp.get());
    return conclusion(
        s, erg.get(), exp.get(), 1 - view.path("heapMaxMiB").asDouble() / Math.max(1, mem));
  }

  /** Ergonomic → explicit: throughput, p99, max, GC pauses, peak RSS, and the engine on p99. */
  private void compare(StringBuilder s, Cell a, Cell b) {
    s.append("Explicit vs ergonomic: throughput ")
        .append(num(a.throughput()))
        .append(" → ")
        .append(num(b.throughput()))
        .append(" ops/s, p99 ")
        .append(Numbers.millis(a.p99()))
        .append(" → ")
        .append(Numbers.millis(b.p99()))
        .append(' ')
        .append(a.latencyUnit())
        .append(", max ")
        .append(Numbers.millis(a.max()))
        .append(" → ")
        .append(Numbers.millis(b.max()))
        .append(' ')
        .append(a.latencyUnit());
    if (a.gc() != null && b.gc() != null) {
      s.append(", GC pauses ")
          .append(a.gc().pauseCount())
          .append(" (max ")
          .append(Numbers.millis(a.gc().pauseMax()))
          .append(" ms) → ")
          .append(b.gc().pauseCount())
          .append(" (max ")
          .append(Numbers.millis(b.gc().pauseMax()))
          .append(" ms)");
    }
    s.append(", peak RSS ")
        .append(num(a.peakRssMiB()))
        .append(" → ")
        .append(num(b.peakRssMiB()))
        .append(" MiB. ");
    Optional<Row> p99 =
        run.p99Row(run.base().table(), "container-ergonomics", "container-explicit");
    if (p99.isEmpty() || p99.get().columns().stream().anyMatch(c -> c.forks() < 2)) {
      s.append(
          "_One fork a side: no test (the fork is the unit of replication): the direction only._ ");
    } else {
      s.append("p99: ")
          .append(p99.get().deltas().get(0).verdict().label())
          .append(" (statistics engine). ");
    }
  }

  private static String conclusion(StringBuilder s, Cell a, Cell b, double unusedShare) {
    boolean betterThroughput = b.throughput() > a.throughput() * 1.05;
    boolean betterTail = b.p99() < a.p99() * 0.95 && b.max() < a.max();
    s.append("**");
    if (betterThroughput && betterTail) {
      s.append("The explicit settings win on throughput and tail latency");
    } else if (betterThroughput || betterTail) {
      s.append("Mixed: the explicit settings win on ")
          .append(betterThroughput ? "throughput" : "tail latency")
          .append(" and lose on ")
          .append(betterThroughput ? "tail latency" : "throughput");
    } else {
      s.append("The ergonomic choice was not worse here")
          .append("**: with one CPU, Serial's short young pauses and no concurrent threads")
          .append(
              " competing for the CPU cost less than G1's barriers and concurrent work; the trap")
          .append(" is the memory left unused (")
          .append(Numbers.percent(unusedShare))
          .append(" of the container outside the heap), which matters once the live set grows");
      return s.append(".").toString();
    }
    return s.append("**.").toString();
  }
}
