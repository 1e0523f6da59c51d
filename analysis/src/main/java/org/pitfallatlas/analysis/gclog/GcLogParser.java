package org.pitfallatlas.analysis.gclog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pitfallatlas.analysis.gclog.GcLogSummary.CpuShareSource;

/**
 * A GcLogParser reads one JVM's unified GC log ({@code -Xlog:gc*}, optionally with {@code
 * gc+cpu=info}) into a {@link GcLogSummary}.
 *
 * <p>It understands the formats of G1, Parallel and Serial (JDK 17 to 25) and of ZGC, generational
 * ({@code y:}/{@code Y:}/{@code O:} prefixes; JDK 21 with {@code -XX:+ZGenerational}, the only mode
 * from 23) and the older single-generation one. Decorations may be any of JDK's ({@code uptime},
 * {@code uptimemillis}, {@code time}, {@code level}, {@code tags}, ...) as long as the tags come
 * last; the up-time is needed for the wall time and the CPU share.
 *
 * <p>What counts as a pause: for G1, Parallel and Serial, the {@code [gc]} line that closes each
 * stop-the-world collection ({@code GC(3) Pause Young (Normal) (G1 Evacuation Pause) 18M->12M(192M)
 * 9.910ms}, also Remark, Cleanup and Full); for ZGC, the {@code [gc,phases]} lines of its three
 * short pauses ({@code GC(3) y: Pause Mark Start 0.011ms}). A ZGC allocation stall is {@code [gc]
 * Allocation Stall (thread) 13.376ms}; it is not a pause (only that thread waits) and is counted
 * separately. JMH's {@code gc.count} is never needed: for ZGC it sums the "Cycles" and "Pauses"
 * MXBeans and over-counts.
 */
public final class GcLogParser {

  private static final Pattern DECORATED = Pattern.compile("^((?:\\[[^\\]]*\\])+) ?(.*)$");
  private static final Pattern DECORATION = Pattern.compile("\\[([^\\]]*)\\]");
  private static final Pattern UPTIME_S = Pattern.compile("^(\\d+(?:\\.\\d+)?)s$");
  private static final Pattern UPTIME_MS = Pattern.compile("^(\\d+)ms$");
  private static final Pattern LEVEL =
      Pattern.compile("^(trace|debug|info|warning|error)$", Pattern.CASE_INSENSITIVE);

  private static final Pattern USING = Pattern.compile("^Using (.+)$");
  private static final Pattern VERSION = Pattern.compile("^Version: (\\S+)");
  private static final Pattern CPUS = Pattern.compile("^CPUs: \\d+ total, (\\d+) available");
  private static final Pattern MEMORY = Pattern.compile("^Memory: (\\d+)([KMG])");
  private static final Pattern HEAP_MAX = Pattern.compile("^(?:Heap )?Max Capacity: (\\d+)([KMG])");

  /** {@code GC(12) [y: ]Pause ... 1.234ms}, the heap transition optional. */
  private static final Pattern PAUSE =
      Pattern.compile(
          "^GC\\(\\d+\\) ((?:[yYO]: )?Pause .+?)(?: \\S+->\\S+)? (\\d+(?:\\.\\d+)?)ms$");

  private static final Pattern STALL =
      Pattern.compile("^Allocation Stall \\(.*\\) (\\d+(?:\\.\\d+)?)ms$");

  /**
   * A cycle's line: its kind, then the rest. The closing line (the one counted) has a heap
   * transition ({@code ->}, ZGC) or a duration (G1; generational ZGC has both); the opening line
   * has neither.
   */
  private static final Pattern CYCLE =
      Pattern.compile(
          "^GC\\(\\d+\\) (Concurrent Mark Cycle|Concurrent Undo Cycle|Minor Collection"
              + "|Major Collection|Garbage Collection)\\b(.*)$");

  private static final Pattern CYCLE_CLOSED = Pattern.compile("->| \\d+(?:\\.\\d+)?m?s$");

  private static final Pattern ZGC_CONCURRENT_PHASE =
      Pattern.compile("^GC\\(\\d+\\) (?:[yYO]: )?Concurrent [^:]+? (\\d+(?:\\.\\d+)?)ms$");

  private static final Pattern CPU =
      Pattern.compile("User=(\\d+(?:\\.\\d+)?)s Sys=(\\d+(?:\\.\\d+)?)s Real=(\\d+(?:\\.\\d+)?)s");

  private GcLogParser() {}

  /**
   * Parses the log file at {@code path}.
   *
   * @throws UncheckedIOException if it cannot be read
   */
  public static GcLogSummary parse(Path path) {
    // A compressed log (x.log.gz) keeps its window next to it under the uncompressed name.
    String name = path.getFileName().toString();
    String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    try (java.io.BufferedReader in = reader(path)) {
      return parse(in.lines().toList(), readWindow(path.resolveSibling(plain + ".window")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read GC log " + path, e);
    }
  }

  private static java.io.BufferedReader reader(Path path) throws IOException {
    java.io.InputStream in = Files.newInputStream(path);
    if (path.getFileName().toString().endsWith(".gz")) {
      in = new java.util.zip.GZIPInputStream(in, 1 << 16);
    }
    return new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** Parses the lines of one JVM's GC log, whole; lines it does not know are ignored. */
  public static GcLogSummary parse(List<String> lines) {
    return parse(lines, null);
  }

  /**
   * Parses the lines of one JVM's GC log, counting only events stamped within {@code [from, to]}
   * seconds of up-time (the {@code gc,init} facts are read wherever they are).
   *
   * @throws IllegalArgumentException if {@code from > to} or either is negative
   */
  public static GcLogSummary parse(List<String> lines, double from, double to) {
    if (!(from >= 0 && to >= from)) {
      throw new IllegalArgumentException("not a window: [" + from + ", " + to + "]");
    }
    return parse(lines, new double[] {from, to});
  }

  /** The window in a {@code .window} sidecar, or null if there is none or it is unreadable. */
  static double[] readWindow(Path sidecar) {
    if (!Files.isRegularFile(sidecar)) {
      return null;
    }
    try {
      double from = -1;
      double to = -1;
      for (String line : Files.readAllLines(sidecar)) {
        String[] kv = line.split("=", 2);
        if (kv.length == 2 && kv[0].trim().equals("measurementStart")) {
          from = Double.parseDouble(kv[1].trim());
        } else if (kv.length == 2 && kv[0].trim().equals("measurementEnd")) {
          to = Double.parseDouble(kv[1].trim());
        }
      }
      return from >= 0 && to >= from ? new double[] {from, to} : null;
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private static GcLogSummary parse(List<String> lines, double[] window) {
    String collector = "unknown";
    String version = "";
    int cpus = 0;
    long memoryMiB = 0;
    long heapMaxMiB = 0;
    double lastUptime = 0;
    List<Double> pauses = new ArrayList<>();
    Map<String, Integer> pauseKinds = new TreeMap<>();
    List<Double> stalls = new ArrayList<>();
    Map<String, Integer> cycles = new TreeMap<>();
    double cpuSeconds = 0;
    int cpuLines = 0;
    double zgcConcurrentMillis = 0;

    for (String line : lines) {
      Matcher d = DECORATED.matcher(line);
      if (!d.matches()) {
        continue;
      }
      String tags = "";
      Matcher deco = DECORATION.matcher(d.group(1));
      while (deco.find()) {
        String value = deco.group(1).trim();
        Matcher s = UPTIME_S.matcher(value);
        Matcher ms = UPTIME_MS.matcher(value);
        if (s.matches()) {
          lastUptime = Double.parseDouble(s.group(1));
        } else if (ms.matches()) {
          lastUptime = Long.parseLong(ms.group(1)) / 1000.0;
        } else if (!LEVEL.matcher(value).matches()) {
          tags = value.replace(" ", "");
        }
      }
      String message = d.group(2).trim();
      if (window != null
          && !tags.equals("gc,init")
          && !(lastUptime >= window[0] && lastUptime <= window[1])
          && !message.startsWith("Using ")) {
        continue;
      }

      switch (tags) {
        case "gc,init" -> {
          Matcher m;
          if ((m = VERSION.matcher(message)).find()) {
            version = m.group(1);
          } else if ((m = CPUS.matcher(message)).find()) {
            cpus = Integer.parseInt(m.group(1));
          } else if ((m = MEMORY.matcher(message)).find()) {
            memoryMiB = toMiB(Long.parseLong(m.group(1)), m.group(2));
          } else if ((m = HEAP_MAX.matcher(message)).find()) {
            heapMaxMiB = toMiB(Long.parseLong(m.group(1)), m.group(2));
          } else if ((m = USING.matcher(message)).matches()) {
            collector = collectorName(m.group(1)); // JDK 17 prints it under gc,init
          }
        }
        case "gc" -> {
          Matcher m;
          if ((m = USING.matcher(message)).matches()) {
            collector = collectorName(m.group(1));
          } else if (!collector.equals("ZGC") && (m = PAUSE.matcher(message)).matches()) {
            addPause(pauses, pauseKinds, m);
          } else if ((m = STALL.matcher(message)).matches()) {
            stalls.add(Double.parseDouble(m.group(1)));
          } else if ((m = CYCLE.matcher(message)).matches()
              && CYCLE_CLOSED.matcher(m.group(2)).find()) {
            cycles.merge(m.group(1), 1, Integer::sum);
          }
        }
        case "gc,phases" -> {
          if (collector.equals("ZGC")) {
            Matcher m;
            if ((m = PAUSE.matcher(message)).matches()) {
              addPause(pauses, pauseKinds, m);
            } else if ((m = ZGC_CONCURRENT_PHASE.matcher(message)).matches()) {
              zgcConcurrentMillis += Double.parseDouble(m.group(1));
            }
          }
        }
        case "gc,cpu" -> {
          Matcher m = CPU.matcher(message);
          if (m.find()) {
            cpuSeconds += Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
            cpuLines++;
          }
        }
        default -> {
          // other tags (heap, metaspace, marking, ...) carry nothing the summary needs
        }
      }
    }

    double pauseTotal = pauses.stream().mapToDouble(Double::doubleValue).sum();
    CpuShareSource source;
    double phaseMillis = 0;
    if (cpuLines > 0) {
      source = CpuShareSource.CPU_TIMES;
    } else if (collector.equals("ZGC")) {
      source = CpuShareSource.PHASE_TIME;
      phaseMillis = zgcConcurrentMillis + pauseTotal;
    } else {
      source = CpuShareSource.PAUSE_TIME;
    }
    return new GcLogSummary(
        collector,
        version,
        cpus,
        memoryMiB,
        heapMaxMiB,
        1,
        window != null,
        window != null ? window[1] - window[0] : lastUptime,
        pauses,
        pauseKinds,
        stalls,
        cycles,
        cpuSeconds,
        phaseMillis,
        source);
  }

  private static void addPause(List<Double> pauses, Map<String, Integer> kinds, Matcher m) {
    pauses.add(Double.parseDouble(m.group(2)));
    kinds.merge(m.group(1), 1, Integer::sum);
  }

  static String collectorName(String using) {
    String u = using.trim().toLowerCase(Locale.ROOT);
    if (u.contains("z garbage collector") || u.equals("zgc")) {
      return "ZGC";
    }
    if (u.startsWith("g1")) {
      return "G1";
    }
    if (u.startsWith("parallel")) {
      return "Parallel";
    }
    if (u.startsWith("serial")) {
      return "Serial";
    }
    if (u.startsWith("shenandoah")) {
      return "Shenandoah";
    }
    if (u.startsWith("epsilon")) {
      return "Epsilon";
    }
    return using.trim();
  }

  private static long toMiB(long value, String unit) {
    return switch (unit) {
      case "K" -> value / 1024;
      case "G" -> value * 1024;
      default -> value;
    };
  }
}
