package org.pitfallatlas.analysis.suite;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A Suite is what one family runs, as data ({@code benchmarks/suites/<family>.json}): its budgets,
 * the profiling pass, its JVM configurations and its pairs (a pair may run in some configurations
 * only: {@link #runsIn}).
 *
 * @param family the family's name, also its Java package under {@code org.pitfallatlas}
 * @param title one line for listings
 * @param goPitfall the Go folklore the family measures
 * @param budgets {@code smoke}, {@code quick} and {@code full}
 * @param profile the flame-graph pass
 * @param configurations JVM set-ups; {@code default} alone when absent
 * @param pairs one entry per pair class
 * @param gcLog when true, every fork writes a GC log ({@code -Xlog:gc*}) into the run folder
 * @param profilers JMH profilers added to every measurement, besides {@code gc} (always on)
 * @param comparisons pairs of configurations (pitfall, fix) for families that compare JVM set-ups
 * @param forkHeap every fork's heap: a fixed size and pre-touched pages (default {@link
 *     ForkHeap#DEFAULT})
 * @param offeredLoad the open-loop benchmarks that run at a share of a measured capacity, or null
 * @param latencyLog when true, every fork is told where to write its open-loop latency log and how
 *     long a window of arrivals is (the budget's iteration time); {@code gcLog} implies the log
 *     (see {@link #writesLatencyLogs})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Suite(
    String family,
    String title,
    String goPitfall,
    Map<String, Budget> budgets,
    Profile profile,
    List<Configuration> configurations,
    List<PairSpec> pairs,
    boolean gcLog,
    List<String> profilers,
    List<ConfigComparison> comparisons,
    ForkHeap forkHeap,
    OfferedLoad offeredLoad,
    boolean latencyLog) {

  public Suite {
    forkHeap = forkHeap == null ? ForkHeap.DEFAULT : forkHeap;
    profilers = profilers == null ? List.of() : List.copyOf(profilers);
    comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
    budgets = budgets == null ? Map.of() : Map.copyOf(budgets);
    configurations =
        configurations == null || configurations.isEmpty()
            ? List.of(Configuration.defaultConfiguration())
            : List.copyOf(configurations);
    pairs = pairs == null ? List.of() : List.copyOf(pairs);
    profile = profile == null ? new Profile(List.of("cpu", "alloc"), null, null, null) : profile;
    for (PairSpec pair : pairs) {
      for (String id : pair.configurations()) {
        if (configurations.stream().noneMatch(c -> c.id().equals(id))) {
          throw new IllegalArgumentException(
              "pair "
                  + pair.className()
                  + " runs in configuration '"
                  + id
                  + "', which the suite does not define (it has "
                  + configurations.stream().map(Configuration::id).toList()
                  + ")");
        }
      }
    }
  }

  /**
   * True when the forks are told where to write open-loop latency logs ({@code
   * -Datlas.latency.log=latency/<configuration>/<benchmark>-<pid>.hlog}): in a suite with {@code
   * latencyLog} (its benchmarks measure latency open-loop, e.g. fanout's BoundedConcurrency) or
   * {@code gcLog} (the gc family's, which write theirs beside the GC logs). Benchmarks that write
   * no latency log ignore the property.
   */
  public boolean writesLatencyLogs() {
    return latencyLog || gcLog;
  }

  /**
   * True when the pair class {@code className} runs in configuration {@code configId}: in every
   * configuration unless its pair entry lists the ones it runs in.
   */
  public boolean runsIn(String className, String configId) {
    return pairs.stream()
        .filter(p -> p.className().equals(className))
        .findFirst()
        .map(p -> p.configurations().isEmpty() || p.configurations().contains(configId))
        .orElse(true);
  }

  /**
   * True when the pair class {@code className} runs in every configuration, so configuration
   * comparisons cover it.
   */
  public boolean runsEverywhere(String className) {
    return pairs.stream()
        .filter(p -> p.className().equals(className))
        .findFirst()
        .map(p -> p.configurations().isEmpty())
        .orElse(true);
  }

  /**
   * The simple class name of a full benchmark name ({@code org.x.Class.method} → {@code Class}).
   */
  public static String classOf(String benchmark) {
    int m = benchmark.lastIndexOf('.');
    int c = m < 0 ? -1 : benchmark.lastIndexOf('.', m - 1);
    return m < 0 ? benchmark : benchmark.substring(c + 1, m);
  }

  /** True when the flame-graph pass profiles {@code className} (every class unless listed). */
  public boolean profiles(String className) {
    return profile.classes().isEmpty() || profile.classes().contains(className);
  }

  /**
   * Every fork's heap. A heap that grows while a benchmark runs hands the allocator pages nobody
   * has touched yet, and the first touch of a page is a page fault: on a VM like the reference
   * machine 30-40 us per 4 KiB page, which made whole iterations 15-50x slower until eden was
   * reused. A fixed heap ({@code -Xms} = {@code -Xmx}) touched at start-up ({@code
   * -XX:+AlwaysPreTouch}) moves that cost out of every measurement, into the fork's start-up.
   *
   * @param size {@code -Xms} and {@code -Xmx} for configurations that set no heap size of their
   *     own, e.g. {@code "256m"}; null leaves the heap size to the configurations
   * @param preTouch add {@code -XX:+AlwaysPreTouch} to every fork
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ForkHeap(String size, boolean preTouch) {
    /**
     * 128 MiB, pre-touched: room for every non-gc pair (the largest allocates 4.3 MB per op and
     * keeps almost nothing live); pre-touching it costs ~0.5 s per fork on the reference machine.
     */
    public static final ForkHeap DEFAULT = new ForkHeap("128m", true);

    public ForkHeap {
      if (size != null && !size.matches("[0-9]+[kKmMgG]?")) {
        throw new IllegalArgumentException(
            "forkHeap.size must be a JVM size like 256m or 1g, not '" + size + "'");
      }
    }

    /** The JVM flags for a fork of {@code config}. */
    public List<String> jvmArgs(Configuration config) {
      List<String> args = new java.util.ArrayList<>();
      boolean ownSize =
          config.jvmArgs().stream()
              .anyMatch(
                  a ->
                      a.startsWith("-Xmx")
                          || a.startsWith("-Xms")
                          || a.startsWith("-XX:MaxRAMPercentage")
                          || a.startsWith("-XX:InitialRAMPercentage")
                          || a.startsWith("-XX:MaxHeapSize")
                          || a.startsWith("-XX:InitialHeapSize"));
      if (size != null && !ownSize && config.container() == null) {
        args.add("-Xms" + size);
        args.add("-Xmx" + size);
      }
      if (preTouch) {
        args.add("-XX:+AlwaysPreTouch");
      }
      return args;
    }
  }

  /**
   * Equal offered load for an open-loop benchmark: its points run after every other point of the
   * run, in every configuration at one rate — its {@code load} parameter times the capacity, the
   * lowest closed-loop throughput any configuration reached at the same point of {@code
   * capacityFrom} (matched on {@code matchParams}) — passed to the fork as {@code
   * -Datlas.capacity=<requests/s>}. The capacities are recorded in run.json ({@code offeredLoad}).
   *
   * @param benchmark the open-loop benchmark, {@code Class.method}
   * @param capacityFrom the throughput benchmark (ops/s) whose slowest configuration sets the
   *     capacity, {@code Class.method}
   * @param matchParams the parameters both share, e.g. {@code garbageKiB}, {@code liveSetMiB}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record OfferedLoad(
      List<String> benchmarks, String capacityFrom, List<String> matchParams) {
    public OfferedLoad {
      if (benchmarks == null || benchmarks.isEmpty() || capacityFrom == null) {
        throw new IllegalArgumentException(
            "offeredLoad needs 'benchmarks' (a list of Class or Class.method) and 'capacityFrom'"
                + " (Class.method)");
      }
      benchmarks = List.copyOf(benchmarks);
      matchParams = matchParams == null ? List.of() : List.copyOf(matchParams);
    }

    /**
     * True when {@code fullName} (package.Class.method) is an open-loop benchmark: one listed, or a
     * method of a class listed.
     */
    public boolean isOpenLoop(String fullName) {
      return benchmarks.stream()
          .anyMatch(b -> fullName.endsWith("." + b) || fullName.contains("." + b + "."));
    }

    /** True when the class {@code className} (simple name) has open-loop benchmarks. */
    public boolean isOpenLoopClass(String className) {
      return benchmarks.stream()
          .anyMatch(b -> b.equals(className) || b.startsWith(className + "."));
    }

    /** True when {@code fullName} is the capacity benchmark. */
    public boolean isCapacity(String fullName) {
      return fullName.endsWith("." + capacityFrom);
    }
  }

  /** The Java package holding the family's pair classes. */
  public String javaPackage() {
    return "org.pitfallatlas." + family;
  }

  /**
   * The budget named {@code mode}.
   *
   * @throws IllegalArgumentException if the suite does not define it
   */
  public Budget budget(String mode) {
    Budget b = budgets.get(mode);
    if (b == null) {
      throw new IllegalArgumentException(
          "suite '"
              + family
              + "' defines no '"
              + mode
              + "' budget (it has "
              + budgets.keySet()
              + ")");
    }
    return b;
  }

  /** The configurations the flame-graph pass runs under: those named, else the first. */
  public List<Configuration> profileConfigurations() {
    if (profile.configurations().isEmpty()) {
      return List.of(configurations.get(0));
    }
    return configurations.stream().filter(c -> profile.configurations().contains(c.id())).toList();
  }

  /**
   * The flame-graph pass: which async-profiler events, with which budget.
   *
   * @param events async-profiler events, e.g. {@code cpu}, {@code alloc}
   * @param budget a short budget: profiles need samples, not statistics
   * @param configurations ids of the configurations to profile under (default: the first)
   * @param classes the pair classes to profile (default: every one)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Profile(
      List<String> events, Budget budget, List<String> configurations, List<String> classes) {
    public Profile {
      events = events == null ? List.of("cpu", "alloc") : List.copyOf(events);
      configurations = configurations == null ? List.of() : List.copyOf(configurations);
      classes = classes == null ? List.of() : List.copyOf(classes);
    }
  }

  /**
   * A ConfigComparison names two configurations of a family whose pair is a pair of JVM set-ups
   * rather than of methods.
   *
   * @param pitfall the configuration showing the pitfall
   * @param fix the configuration showing the fix
   * @param claim the claim the comparison tests
   * @param pitfallParams parameter values the pitfall side is pinned to (empty: every point)
   * @param fixParams parameter values the fix side uses instead (empty: the pitfall's point)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConfigComparison(
      String pitfall,
      String fix,
      String claim,
      Map<String, String> pitfallParams,
      Map<String, String> fixParams) {

    public ConfigComparison {
      pitfallParams = pitfallParams == null ? Map.of() : Map.copyOf(pitfallParams);
      fixParams = fixParams == null ? Map.of() : Map.copyOf(fixParams);
    }
  }
}
