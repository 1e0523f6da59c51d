package org.pitfallatlas.analysis.latency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads the open-loop latency logs of a run: {@code
 * latency/<configuration>/<benchmark>-<pid>.hlog}, one per fork, written by {@code
 * org.pitfallatlas.load.LatencyLog} — HdrHistogram interval logs with one {@code latency} and one
 * {@code stall} histogram per iteration ({@code warmup-} in front for warm-up iterations), each
 * iteration announced by a {@code #atlas iteration scheduled=.. served=..} comment (which may end
 * with counts of the benchmark's own, {@code name=value}), and the benchmark and its parameters in
 * {@code #atlas} header comments. Values are nanoseconds.
 */
public final class LatencyLogs {

  /** The folder of a run that holds the logs, one subfolder per configuration. */
  public static final String FOLDER = "latency";

  private static final Pattern ITERATION =
      Pattern.compile(
          "#atlas (warmup-)?iteration scheduled=(\\d+) served=(\\d+) maxQueuedNs=(\\d+)"
              + " elapsedNs=(\\d+)( saturated)?( burst)?((?: [A-Za-z]+=[0-9.]+)*)");

  private LatencyLogs() {}

  /**
   * One iteration: its window on the JVM's up-time clock, what was scheduled and served, whether it
   * was a burst window (BurstLatency: its requests allocate several times more), the histograms of
   * the service's latency and the stall meter's lateness (nanoseconds), and the counts its line
   * ends with (fanout's BoundedConcurrency: {@code rejected}, {@code unfinished}, {@code
   * inflightPeak}, {@code inflightMean}, {@code inflightLittle}; none for the gc family).
   */
  public record Iteration(
      boolean warmup,
      double startSeconds,
      double endSeconds,
      long scheduled,
      long served,
      long maxQueuedNanos,
      boolean saturated,
      boolean burst,
      Histogram latency,
      Histogram stall,
      Map<String, Double> counts) {

    /** Copies the counts (null reads as none). */
    public Iteration {
      counts = counts == null ? Map.of() : Map.copyOf(counts);
    }
  }

  /**
   * One fork's log.
   *
   * @param file the log
   * @param config the configuration (the log's folder)
   * @param benchmark the benchmark's full name
   * @param params its parameters, as the log's header names them (including {@code windowMs})
   * @param iterations warm-up and measurement iterations, in order
   */
  public record Fork(
      Path file,
      String config,
      String benchmark,
      Map<String, String> params,
      List<Iteration> iterations) {

    /** The measurement iterations. */
    public List<Iteration> measured() {
      return iterations.stream().filter(i -> !i.warmup()).toList();
    }

    /** True when a measurement iteration left requests unserved. */
    public boolean saturated() {
      return measured().stream().anyMatch(Iteration::saturated);
    }

    /** The measurement iterations at the steady allocation rate: all but burst windows. */
    public List<Iteration> steady() {
      return measured().stream().filter(i -> !i.burst()).toList();
    }

    /** The burst windows (empty unless the benchmark has a burst). */
    public List<Iteration> bursts() {
      return measured().stream().filter(Iteration::burst).toList();
    }

    /** The latencies of every steady measurement iteration, merged. */
    public Histogram latency() {
      Histogram h = new Histogram(3);
      steady().forEach(i -> h.add(i.latency()));
      return h;
    }

    /** The latencies of the burst windows, merged (empty without a burst). */
    public Histogram burstLatency() {
      Histogram h = new Histogram(3);
      bursts().forEach(i -> h.add(i.latency()));
      return h;
    }

    /** The stall meter's lateness over every steady measurement iteration, merged. */
    public Histogram stall() {
      Histogram h = new Histogram(3);
      steady().forEach(i -> h.add(i.stall()));
      return h;
    }

    /**
     * The parameters that identify the point: the benchmark's own (load, garbageKiB, ...), without
     * the window and the offered rate the log adds (the rate is load x this machine's capacity).
     */
    public Map<String, String> point() {
      Map<String, String> p = new TreeMap<>(params);
      p.remove("windowMs");
      p.remove("rate");
      return p;
    }

    /** The offered rate, requests per second, or NaN if the log does not say. */
    public double rate() {
      String r = params.get("rate");
      return r == null ? Double.NaN : Double.parseDouble(r);
    }
  }

  /**
   * Reads every fork's log of a run folder.
   *
   * @param run the run folder
   * @return the forks, by configuration and file name; empty when the run has no latency logs
   * @throws IOException if a log cannot be read
   * @throws IllegalArgumentException if a log is malformed, naming the file
   */
  public static List<Fork> read(Path run) throws IOException {
    Path root = run.resolve(FOLDER);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Fork> forks = new ArrayList<>();
    try (Stream<Path> configs = Files.list(root)) {
      for (Path config : configs.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> logs = Files.list(config)) {
          for (Path log : logs.filter(p -> p.toString().endsWith(".hlog")).sorted().toList()) {
            forks.add(readFork(log, config.getFileName().toString()));
          }
        }
      }
    }
    return Collections.unmodifiableList(forks);
  }

  /**
   * Reads one fork's log.
   *
   * @param file the log
   * @param config its configuration
   * @return the fork
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is malformed
   */
  public static Fork readFork(Path file, String config) throws IOException {
    String text = Files.readString(file);
    String benchmark = null;
    Map<String, String> params = new LinkedHashMap<>();
    List<Matcher> announced = new ArrayList<>();
    List<double[]> windows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("\"")) {
        // An interval: [Tag=..,]start,length,max,histogram; start is the JVM's up-time (s).
        String[] f = line.split(",");
        int o = f[0].startsWith("Tag=") ? 1 : 0;
        if (f[0].endsWith("latency")) {
          double startSeconds = Double.parseDouble(f[o]);
          windows.add(new double[] {startSeconds, startSeconds + Double.parseDouble(f[o + 1])});
        }
      } else if (line.startsWith("#atlas benchmark=")) {
        benchmark = line.substring("#atlas benchmark=".length()).trim();
      } else if (line.startsWith("#atlas param.")) {
        String kv = line.substring("#atlas param.".length()).trim();
        int eq = kv.indexOf('=');
        if (eq > 0) {
          params.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      } else if (line.startsWith("#atlas ") && line.contains("iteration ")) {
        Matcher m = ITERATION.matcher(line.trim());
        if (!m.matches()) {
          throw new IllegalArgumentException(file + ": cannot read the iteration line: " + line);
        }
        announced.add(m);
      }
    }
    if (benchmark == null) {
      throw new IllegalArgumentException(
          file + ": not an atlas latency log (no '#atlas benchmark=' header)");
    }
    List<Histogram> latency = new ArrayList<>();
    List<Histogram> stall = new ArrayList<>();
    HistogramLogReader reader =
        new HistogramLogReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    try {
      EncodableHistogram e;
      while ((e = reader.nextIntervalHistogram()) != null) {
        Histogram h = (Histogram) e;
        String tag = h.getTag() == null ? "" : h.getTag();
        if (tag.endsWith("latency")) {
          latency.add(h);
        } else if (tag.endsWith("stall")) {
          stall.add(h);
        }
      }
    } finally {
      reader.close();
    }
    if (latency.size() != announced.size()
        || stall.size() != announced.size()
        || windows.size() != announced.size()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %d iteration line(s) but %d latency and %d stall histogram(s): the fork was"
                  + " probably cut short; leave the file out or run the point again",
              file, announced.size(), latency.size(), stall.size()));
    }
    List<Iteration> iterations = new ArrayList<>();
    for (int i = 0; i < announced.size(); i++) {
      Matcher m = announced.get(i);
      iterations.add(
          new Iteration(
              m.group(1) != null,
              windows.get(i)[0],
              windows.get(i)[1],
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)),
              Long.parseLong(m.group(4)),
              m.group(6) != null,
              m.group(7) != null,
              latency.get(i),
              stall.get(i),
              counts(m.group(8))));
    }
    return new Fork(file, config, benchmark, Map.copyOf(params), List.copyOf(iterations));
  }

  /** The {@code name=value} counts at the end of an iteration line. */
  private static Map<String, Double> counts(String tail) {
    Map<String, Double> counts = new LinkedHashMap<>();
    for (String kv : tail.trim().split(" ")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        counts.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
      }
    }
    return counts;
  }
}
