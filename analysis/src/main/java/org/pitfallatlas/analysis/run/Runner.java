package org.pitfallatlas.analysis.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.pitfallatlas.analysis.env.Jdk;
import org.pitfallatlas.analysis.env.Machine;
import org.pitfallatlas.analysis.gclog.GcLogs;
import org.pitfallatlas.analysis.latency.LatencyLogs;
import org.pitfallatlas.analysis.profile.DiffFlameGraphs;
import org.pitfallatlas.analysis.suite.Budget;
import org.pitfallatlas.analysis.suite.Configuration;
import org.pitfallatlas.analysis.suite.PairSpec;
import org.pitfallatlas.analysis.suite.Suite;

/**
 * A Runner runs one family: it lists the family's benchmark points, measures each in its own JMH
 * invocation (so an interrupted run keeps what finished), profiles one representative point per
 * pair with async-profiler, and leaves a run folder with results, environment, log and summary.
 */
public final class Runner {

  /** The system property naming a fork's latency log ({@code org.pitfallatlas.load.LatencyLog}). */
  static final String LATENCY_LOG_PROPERTY = "atlas.latency.log";

  /** The system property with an open-loop benchmark's window of arrivals, milliseconds. */
  static final String WINDOW_PROPERTY = "atlas.window.ms";

  /** The system property with an open-loop point's capacity, requests per second. */
  static final String CAPACITY_PROPERTY = "atlas.capacity";

  /** The capacity of each open-loop point, set once the capacity benchmark has run. */
  private final Map<BenchmarkPoint, Double> capacity = new java.util.HashMap<>();

  /**
   * What to run and where.
   *
   * @param suite the family's suite
   * @param budgetName {@code smoke}, {@code quick} or {@code full}
   * @param profileEvents async-profiler events for the flame-graph pass; empty for none
   * @param java the {@code java} launcher of the JDK to benchmark
   * @param benchmarksJar the shaded JMH jar
   * @param profilerLibrary async-profiler's native library
   * @param outputRoot folder holding {@code results/} and {@code profiles/}
   * @param dryRun print the plan and stop
   * @param extraJmhArgs appended to every measurement invocation
   * @param commandLine how the user invoked the run, for {@code run.json}
   * @param verbose show JMH's own output on the console
   * @param filter only points whose method or label matches (find), or null for all
   * @param noWait refuse at once, instead of waiting, when another atlas run holds the machine
   * @param strictMachine refuse to run on a machine the check warns about (load, quota, governor)
   */
  public record Options(
      Suite suite,
      String budgetName,
      List<String> profileEvents,
      Path java,
      Path benchmarksJar,
      Path profilerLibrary,
      Path outputRoot,
      boolean dryRun,
      List<String> extraJmhArgs,
      String commandLine,
      boolean verbose,
      Pattern filter,
      boolean noWait,
      boolean strictMachine) {}

  /** Called with the finished run's folders, to summarise and report. */
  public interface Finisher {
    void finish(RunFolders folders, RunJournal journal, RunLog log) throws Exception;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Options options;
  private final RunLog log;
  private volatile Process current;
  private volatile RunJournal journal;
  private volatile boolean done;
  private List<String> containerPrefix = List.of();
  private ContainerLimits container;
  private final Map<String, Object> containers = new LinkedHashMap<>();
  private final StoppingRule stopping;
  private final LoadMonitor monitor = new LoadMonitor();
  private int forkSequence;

  public Runner(Options options, RunLog log) {
    this(options, log, StoppingRule.standard());
  }

  Runner(Options options, RunLog log, StoppingRule stopping) {
    this.options = options;
    this.log = log;
    this.stopping = stopping;
  }

  /**
   * Runs the family.
   *
   * @return the exit code: 0 complete, 1 some points failed (the run is marked incomplete)
   * @throws RunException when the run cannot start
   */
  public int run(Finisher finisher) throws IOException {
    Suite suite = options.suite();
    Budget budget = suite.budget(options.budgetName());
    log.stage(3, "Planning " + suite.family() + " (" + options.budgetName() + ")");
    Jdk jdk = Jdk.probe(options.java());
    if (jdk.featureVersion() < 21) {
      throw new RunException(
          2,
          "the atlas needs JDK 21 or newer; "
              + options.java()
              + " is "
              + jdk.version()
              + ". Pass --jdk <JDK 21+ home>.");
    }
    List<String> host = hostFlags(jdk);
    List<BenchmarkPoint> points =
        atBudget(suite, options.budgetName(), list(host, suite.javaPackage()));
    if (options.filter() != null) {
      List<BenchmarkPoint> all = points;
      points =
          all.stream()
              .filter(
                  p ->
                      options.filter().matcher(p.benchmark()).find()
                          || options.filter().matcher(p.label()).find())
              .toList();
      if (points.isEmpty() && !all.isEmpty()) {
        throw new RunException(
            2,
            "--filter "
                + options.filter()
                + " matches none of the "
                + all.size()
                + " points of "
                + suite.family()
                + " (e.g. "
                + all.get(0).label()
                + ")");
      }
    }
    if (points.isEmpty()) {
      throw new RunException(
          2,
          "no benchmarks found in package "
              + suite.javaPackage()
              + " of "
              + options.benchmarksJar()
              + " (is the jar stale? rebuild with ./mvnw -pl benchmarks package)");
    }
    List<Configuration> configs = suite.configurations();
    List<ForkPlan.Group> groups = ForkPlan.groups(points);
    List<Integer> looks = budget.looks();
    int minForks = looks.get(0);
    int maxForks = looks.get(looks.size() - 1);
    int planned = 0;
    for (Configuration c : configs) {
      for (BenchmarkPoint p : points) {
        planned += suite.runsIn(p.className(), c.id()) ? minForks : 0;
      }
    }
    double perFork = budget.secondsPerFork() + forkOverheadSeconds(suite);
    double estimate =
        planned * perFork
            + (options.profileEvents().isEmpty() ? 0 : profileEstimate(suite, points));
    Machine machine = Machine.current();
    log.line(
        String.format(
            Locale.ROOT,
            "    %d benchmark points × %d configuration(s)%s × %s fork(s) = %d one-fork JMH"
                + " invocations, interleaved; budget %s; estimated %s%s",
            points.size(),
            configs.size(),
            planned < points.size() * configs.size() * minForks
                ? " (some classes in some configurations only)"
                : "",
            maxForks > minForks ? minForks + "–" + maxForks : String.valueOf(minForks),
            planned,
            describe(budget),
            human(Duration.ofSeconds((long) estimate)),
            maxForks > minForks
                ? String.format(
                    Locale.ROOT,
                    " (up to %s if every pair needs %d forks)",
                    human(Duration.ofSeconds((long) (estimate * maxForks / minForks))),
                    maxForks)
                : ""));
    List<String> everyFork = new ArrayList<>(StubCompile.JVM_ARGS);
    everyFork.addAll(suite.forkHeap().jvmArgs(configs.get(0)));
    log.line("    every fork: " + String.join(" ", everyFork));
    log.line("    JDK " + jdk.version() + " (" + jdk.vendor() + ") at " + jdk.home());
    log.line("    machine " + machine.slug());

    if (options.dryRun()) {
      RunFolders f =
          RunFolders.planned(options.outputRoot(), machine.slug(), suite.family(), Instant.now());
      log.line("    dry run: would write " + f.results() + " and " + f.profiles());
      for (Configuration c : configs) {
        enter(c);
        for (BenchmarkPoint p : points) {
          if (!suite.runsIn(p.className(), c.id())) {
            continue;
          }
          List<String> cmd = new ArrayList<>(containerPrefix);
          cmd.addAll(measureCommand(host, p, c, budget, f.results().resolve("part.json")));
          cmd.add("   # × " + minForks + (maxForks > minForks ? "–" + maxForks : "") + " forks");
          log.line("    " + String.join(" ", cmd));
        }
        leave();
      }
      for (PairSpec pair : suite.pairs()) {
        if (!suite.profiles(pair.className())) {
          continue;
        }
        for (List<String> pass : FlameGraphs.passes(options.profileEvents())) {
          log.line(
              "    "
                  + String.join(
                      " ", profileCommand(host, suite, pair, configs.get(0), pass, f.profiles())));
        }
      }
      return 0;
    }

    MachineLock.Held held =
        new MachineLock(suite.family(), null)
            .acquire(
                options.noWait() ? Duration.ZERO : Duration.ofHours(2),
                notice -> log.line("    " + notice));
    try {
      return measureAll(
          suite, budget, jdk, host, points, configs, groups, looks, planned, machine, held,
          finisher);
    } finally {
      held.close();
    }
  }

  private int measureAll(
      Suite suite,
      Budget budget,
      Jdk jdk,
      List<String> host,
      List<BenchmarkPoint> points,
      List<Configuration> configs,
      List<ForkPlan.Group> groups,
      List<Integer> looks,
      int planned,
      Machine machine,
      MachineLock.Held held,
      Finisher finisher)
      throws IOException {
    int minForks = looks.get(0);
    int maxForks = looks.get(looks.size() - 1);
    // A budget of one fork per point (smoke) cannot reach a verdict: it checks the pipeline, so it
    // does not wait for a quiet machine (the check below still records what it saw).
    Duration settled =
        maxForks < 2
            ? Duration.ZERO
            : settle(Runtime.getRuntime().availableProcessors(), Duration.ofMinutes(10));
    SystemCheck.Result check =
        new SystemCheck(options.strictMachine()).inspect(Duration.ofSeconds(1));
    for (SystemCheck.Finding f : check.problems()) {
      log.line("    " + f.line());
    }
    check.requireAllowed();
    RunFolders folders =
        RunFolders.create(options.outputRoot(), machine.slug(), suite.family(), Instant.now());
    log.attach(folders.results().resolve("run.log"));
    log.line("    results:  " + folders.results());
    ProfilerEngine engine =
        options.profileEvents().isEmpty()
            ? ProfilerEngine.disabled("--profile none")
            : ProfilerEngine.probe(options.java(), options.profilerLibrary());
    if (!options.profileEvents().isEmpty()) {
      log.line("    profiler: " + engine.engine());
      engine.notes().forEach(n -> log.line("      " + n));
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("family", suite.family());
    header.put("budget", options.budgetName());
    header.put("started", Instant.now().toString());
    header.put("command", options.commandLine());
    header.put("results", folders.results().toString());
    header.put("profiles", folders.profiles().toString());
    journal = new RunJournal(folders.results(), header, planned);
    journal.record("machineLock", held.toMap());
    journal.record("machineCheck", check.toMap());
    journal.record("waitedForQuietSeconds", settled.toSeconds());
    EnvironmentFile.write(
        folders.results().resolve("env.json"),
        machine,
        jdk,
        host,
        options,
        budget,
        engine,
        options.benchmarksJar(),
        check.toMap());
    Thread hook = new Thread(this::onInterrupt, "atlas-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);

    log.stage(
        4,
        "Measuring "
            + configs.stream()
                .mapToLong(
                    c -> points.stream().filter(p -> suite.runsIn(p.className(), c.id())).count())
                .sum()
            + " benchmark points, "
            + (maxForks > minForks ? minForks + " to " + maxForks : minForks)
            + " interleaved forks each (-prof gc always on)");
    Instant start = Instant.now();
    int comparisons = ForkPlan.comparisons(groups) * configs.size();
    journal.record(
        "design",
        Map.of(
            "forks",
            minForks,
            "maxForks",
            maxForks,
            "looksAt",
            looks,
            "order",
            "per class and @Param point, one fork per method per round; odd rounds forward, even"
                + " rounds reversed",
            "stoppingRule",
            stopping.describe(),
            "comparisons",
            comparisons));
    Suite.OfferedLoad offered = suite.offeredLoad();
    List<ForkPlan.Group> openLoop =
        offered == null
            ? List.of()
            : groups.stream()
                .filter(g -> g.points().stream().anyMatch(p -> offered.isOpenLoop(p.benchmark())))
                .toList();
    List<ForkPlan.Group> closedLoop = groups.stream().filter(g -> !openLoop.contains(g)).toList();
    // The open-loop points run last: their rate is a share of what the others measured.
    for (int phase = 0; phase < 2; phase++) {
      List<ForkPlan.Group> these =
          phase == 0 ? closedLoop : offeredLoad(offered, openLoop, points, configs);
      for (Configuration config : configs) {
        enter(config);
        try {
          for (ForkPlan.Group group : these) {
            if (suite.runsIn(group.points().get(0).className(), config.id())) {
              measureGroup(host, group, config, budget, folders, looks, comparisons, start);
            }
          }
        } finally {
          leave();
        }
      }
    }
    journal.recordSteadyState();
    if (!containers.isEmpty()) {
      RunJournal.write(folders.results().resolve("containers.json"), containers);
    }

    log.stage(5, "Profiling " + (engine.available() ? engine.engine() : "(skipped)"));
    if (!engine.available()) {
      log.line("    no flame graphs: " + String.join("; ", engine.notes()));
    } else {
      List<String> measuredClasses = points.stream().map(BenchmarkPoint::className).toList();
      for (Configuration config : suite.profileConfigurations()) {
        enter(config);
        try {
          for (PairSpec pair : suite.pairs()) {
            if (!measuredClasses.contains(pair.className())
                || !suite.profiles(pair.className())
                || !suite.runsIn(pair.className(), config.id())) {
              continue;
            }
            for (List<String> pass : FlameGraphs.passes(engine.events(options.profileEvents()))) {
              profile(host, suite, pair, config, pass, folders);
            }
          }
        } finally {
          leave();
        }
      }
      diffFlameGraphs(folders);
    }

    journal.status(
        journal.failures().isEmpty() ? RunJournal.Status.COMPLETE : RunJournal.Status.INCOMPLETE);
    done = true;
    Runtime.getRuntime().removeShutdownHook(hook);
    try {
      finisher.finish(folders, journal, log);
    } catch (Exception e) {
      log.line("    summary failed: " + e);
    }
    if (!journal.failures().isEmpty()) {
      log.line("");
      log.line(
          "Run INCOMPLETE: "
              + journal.failures().size()
              + " of "
              + planned
              + " points failed (kept "
              + journal.finishedCount()
              + " that finished); see run.json and run.log in "
              + folders.results());
      return 1;
    }
    return 0;
  }

  /**
   * Sets the capacity of every open-loop point: the lowest throughput any configuration reached at
   * the capacity benchmark's matching point (each configuration: the geometric mean over forks of
   * the fork's mean ops/s). Records them in run.json and returns the groups that have one; the
   * others are logged and recorded as failures (their capacity point was not measured).
   */
  private List<ForkPlan.Group> offeredLoad(
      Suite.OfferedLoad offered,
      List<ForkPlan.Group> openLoop,
      List<BenchmarkPoint> points,
      List<Configuration> configs)
      throws IOException {
    if (openLoop.isEmpty()) {
      return List.of();
    }
    List<Map<String, Object>> recorded = new ArrayList<>();
    List<ForkPlan.Group> runnable = new ArrayList<>();
    log.line(
        "    equal offered load: "
            + String.join(", ", offered.benchmarks())
            + " run at load x the slowest configuration's "
            + offered.capacityFrom()
            + " at the same "
            + offered.matchParams());
    for (ForkPlan.Group group : openLoop) {
      boolean ok = true;
      for (BenchmarkPoint p : group.points()) {
        Map<String, Double> perConfig = new java.util.TreeMap<>();
        for (BenchmarkPoint c : points) {
          if (!offered.isCapacity(c.benchmark())
              || !offered.matchParams().stream()
                  .allMatch(k -> java.util.Objects.equals(c.params().get(k), p.params().get(k)))) {
            continue;
          }
          for (Configuration config : configs) {
            double[][] raw = journal.primaryRawData(c.benchmark(), c.params(), config.id());
            if (raw != null && raw.length > 0) {
              double logSum = 0;
              for (double[] fork : raw) {
                logSum += Math.log(java.util.Arrays.stream(fork).average().orElse(Double.NaN));
              }
              perConfig.put(config.id(), Math.exp(logSum / raw.length));
            }
          }
        }
        var slowest = perConfig.entrySet().stream().min(Map.Entry.comparingByValue());
        if (slowest.isEmpty() || !(slowest.get().getValue() > 0)) {
          String why =
              offered.capacityFrom()
                  + " was not measured at "
                  + offered.matchParams()
                  + " of "
                  + p.label()
                  + " (filtered out, or every fork failed): no capacity to offer a share of";
          log.line("    " + p.label() + " skipped: " + why);
          journal.failed(new RunJournal.Failure(p.label(), "all", 0, why));
          ok = false;
          continue;
        }
        capacity.put(p, slowest.get().getValue());
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("point", p.label());
        entry.put("capacity", slowest.get().getValue());
        entry.put("slowestConfiguration", slowest.get().getKey());
        entry.put("throughputByConfiguration", perConfig);
        recorded.add(entry);
        log.line(
            String.format(
                Locale.ROOT,
                "    %s: capacity %.0f requests/s (%s)",
                p.label(),
                slowest.get().getValue(),
                slowest.get().getKey()));
      }
      if (ok) {
        runnable.add(group);
      }
    }
    journal.record(
        "offeredLoad",
        Map.of(
            "benchmarks",
            offered.benchmarks(),
            "capacityFrom",
            offered.capacityFrom(),
            "matchParams",
            offered.matchParams(),
            "points",
            recorded));
    return runnable;
  }

  /**
   * Runs one group's rounds: {@code looks.get(0)} rounds of every method, then, while the stopping
   * rule leaves comparisons undecided, more rounds of their methods up to each next look.
   */
  private void measureGroup(
      List<String> host,
      ForkPlan.Group group,
      Configuration config,
      Budget budget,
      RunFolders folders,
      List<Integer> looks,
      int comparisons,
      Instant start)
      throws IOException {
    List<BenchmarkPoint> active = new ArrayList<>(group.points());
    // Comparisons already decided or stopped as futile are not assessed again at later looks
    // (a method they share with an undecided comparison may still get forks).
    java.util.Set<String> settled = new java.util.HashSet<>();
    int round = 0;
    for (int look = 0; look < looks.size(); look++) {
      while (round < looks.get(look) && !active.isEmpty()) {
        round++;
        for (BenchmarkPoint point : ForkPlan.order(active, round)) {
          if (!measureFork(host, point, config, budget, folders, round, looks.size(), start)) {
            active.remove(point);
          }
        }
      }
      if (look == looks.size() - 1) {
        break;
      }
      java.util.Set<BenchmarkPoint[]> undecided = new java.util.LinkedHashSet<>();
      List<String> futile = new ArrayList<>();
      int cap = looks.get(looks.size() - 1);
      for (BenchmarkPoint[] c : group.comparisons()) {
        String key = c[0].label() + " | " + c[1].label();
        if (settled.contains(key)) {
          continue;
        }
        double[][] base = journal.primaryRawData(c[0].benchmark(), c[0].params(), config.id());
        double[][] other = journal.primaryRawData(c[1].benchmark(), c[1].params(), config.id());
        String unit = journal.primaryUnit(c[0].benchmark());
        if (base == null || other == null || unit == null) {
          continue;
        }
        StoppingRule.Outcome o = stopping.assess(base, other, unit, comparisons, looks.size(), cap);
        if (o == StoppingRule.Outcome.CONTINUE) {
          undecided.add(c);
        } else {
          settled.add(key);
        }
        if (o == StoppingRule.Outcome.FUTILE) {
          String name = c[0].label().split(" ")[0] + " vs " + c[1].label().split(" ")[0];
          futile.add(name);
          journal.futile(group.label() + ": " + name + " after " + round + " forks");
        }
      }
      if (!futile.isEmpty()) {
        log.line(
            String.format(
                Locale.ROOT,
                "    %s: %d comparison(s) stop after %d forks as futile (even %d forks would not"
                    + " decide them at the current estimate): %s",
                group.label(),
                futile.size(),
                round,
                cap,
                futile));
      }
      List<BenchmarkPoint> next = new ArrayList<>(ForkPlan.stillActive(group, undecided));
      next.retainAll(active);
      if (!next.isEmpty()) {
        log.line(
            String.format(
                Locale.ROOT,
                "    %s: %d of %d comparison(s) undecided after %d forks: up to %d forks for %s",
                group.label(),
                undecided.size(),
                group.comparisons().size(),
                round,
                looks.get(look + 1),
                next.stream().map(p -> p.label().split(" ")[0]).toList()));
      }
      active = new ArrayList<>(next);
    }
  }

  /**
   * Waits until the machine is quiet (at most {@code max}): other processes used less than {@link
   * SystemCheck#FOREIGN_CPU_SHARE} of the CPU over a 3 s sample, and the 1-minute load average is
   * below a quarter of the CPUs. The load average decays with a one-minute time constant, so after
   * the run's own build or a previous run this waits 1-1.5 min on an idle machine; that is the
   * price of a run whose recorded start is quiet by both measures (a reference run must be). A
   * process that competes while forks run is caught by the per-fork monitoring.
   *
   * @return how long it waited
   */
  private Duration settle(int cpus, Duration max) {
    long t0 = System.nanoTime();
    boolean told = false;
    while (true) {
      LoadMonitor.Mark mark = monitor.mark();
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Duration.ofNanos(System.nanoTime() - t0);
      }
      LoadMonitor.Interval sample = monitor.since(mark);
      Duration waited = Duration.ofNanos(System.nanoTime() - t0);
      boolean cpuQuiet =
          !sample.available() || sample.foreignCpuShare() < SystemCheck.FOREIGN_CPU_SHARE;
      List<Double> load = Machine.loadAverage();
      boolean loadLow = load.isEmpty() || load.get(0) < 0.25 * cpus;
      if (cpuQuiet && loadLow) {
        return waited;
      }
      if (waited.compareTo(max) >= 0) {
        log.line(
            String.format(
                Locale.ROOT,
                "    other processes still use %.0f%% of the CPU after %d s; measuring anyway"
                    + " (recorded)",
                100 * sample.foreignCpuShare(),
                waited.toSeconds()));
        return waited;
      }
      if (!told) {
        log.line(
            String.format(
                Locale.ROOT,
                "    other processes use %.0f%% of the %d CPUs, 1-minute load %.2f: waiting for the"
                    + " machine to be quiet (CPU < 10%%, load < %.2f) before measuring (at most %d"
                    + " min)…",
                100 * sample.foreignCpuShare(),
                cpus,
                load.isEmpty() ? Double.NaN : load.get(0),
                0.25 * cpus,
                max.toMinutes()));
        told = true;
      }
    }
  }

  /** Measures one fork of one point; false when it failed (the point then stops). */
  private boolean measureFork(
      List<String> host,
      BenchmarkPoint point,
      Configuration config,
      Budget budget,
      RunFolders folders,
      int round,
      int looks,
      Instant start)
      throws IOException {
    if (options.suite().gcLog()) {
      // -Xlog does not create folders.
      Files.createDirectories(folders.results().resolve("gc").resolve(config.id()));
    }
    Path part = Files.createTempFile(folders.results(), "part-", ".json");
    Files.delete(part);
    List<String> cmd = measureCommand(host, point, config, budget, part);
    String label = point.label() + (config.id().equals("default") ? "" : " [" + config.id() + "]");
    long t0 = System.nanoTime();
    Instant started = Instant.now();
    if (options.verbose()) {
      log.line("    $ " + String.join(" ", cmd));
    } else {
      log.fileOnly("$ " + String.join(" ", cmd));
    }
    LoadMonitor.Mark mark = monitor.mark();
    Outcome outcome = exec(cmd, folders.results(), config);
    LoadMonitor.Interval machineUse = monitor.since(mark);
    double secs = (System.nanoTime() - t0) / 1e9;
    forkSequence++;
    Map<String, Object> fork = new LinkedHashMap<>();
    fork.put("round", round);
    fork.put("sequence", forkSequence);
    fork.put("started", started.toString());
    fork.put("seconds", Math.round(secs * 10) / 10.0);
    fork.put("machine", machineUse.toMap());
    List<SystemCheck.Finding> disturbed = SystemCheck.during(machineUse, false);
    if (!disturbed.isEmpty()) {
      fork.put("disturbed", disturbed.stream().map(SystemCheck.Finding::message).toList());
      journal.disturbed(label + " #" + round, disturbed.get(0).message());
    }
    int added = Files.exists(part) ? journal.addFork(part, config.id(), fork, looks) : 0;
    String progress =
        String.format(Locale.ROOT, "    [fork %d · round %d] %-54s", forkSequence, round, label);
    boolean ok = outcome.exitCode == 0 && added > 0;
    if (ok) {
      journal.finished(label + " #" + round);
      log.line(progress + " " + headline(part) + String.format(Locale.ROOT, "  (%.0f s)", secs));
      for (SystemCheck.Finding f : disturbed) {
        log.line("      " + f.line());
      }
    } else {
      String reason = outcome.reason();
      journal.failed(
          new RunJournal.Failure(label + " #" + round, config.id(), outcome.exitCode, reason));
      log.line(progress + " FAILED (exit " + outcome.exitCode + "): " + reason);
    }
    Files.deleteIfExists(part);
    if (options.suite().gcLog()) {
      GcLogs.compress(folders.results().resolve("gc").resolve(config.id()));
    }
    long elapsed = Duration.between(start, Instant.now()).toSeconds();
    log.fileOnly("elapsed " + elapsed + " s");
    return ok;
  }

  private void profile(
      List<String> host,
      Suite suite,
      PairSpec pair,
      Configuration config,
      List<String> pass,
      RunFolders folders)
      throws IOException {
    Path dir = folders.profilesFolder();
    List<String> cmd = profileCommand(host, suite, pair, config, pass, dir);
    log.fileOnly("$ " + String.join(" ", cmd));
    long t0 = System.nanoTime();
    Outcome outcome = exec(cmd, dir, config);
    String label =
        String.format(
            Locale.ROOT,
            "    %-20s %-10s %s",
            pair.className(),
            String.join("+", pass),
            pair.profileParams());
    if (outcome.exitCode != 0) {
      log.line(label + " FAILED (exit " + outcome.exitCode + "): " + outcome.reason());
      return;
    }
    List<Path> graphs;
    try {
      graphs = FlameGraphs.convert(dir, pass);
    } catch (IOException | RuntimeException e) {
      log.line(label + " FAILED converting the JFR recording: " + e);
      return;
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    for (String event : pass) {
      journal.profiled(pair.className() + " " + event);
    }
    log.line(
        label
            + String.format(
                Locale.ROOT,
                " done: %d flame graph(s) from one JVM (%.0f s)",
                graphs.size(),
                secs));
  }

  /**
   * Writes the differential flame graphs of every profiled pair (see {@link DiffFlameGraphs}); a
   * failure is logged, not fatal: the plain flame graphs are already written.
   */
  private void diffFlameGraphs(RunFolders folders) {
    long t0 = System.nanoTime();
    try {
      List<DiffFlameGraphs.Diff> diffs = DiffFlameGraphs.writeMissing(folders.profiles());
      if (!diffs.isEmpty()) {
        log.line(
            String.format(
                Locale.ROOT,
                "    %d differential flame graph(s), pitfall vs fix, in %s (%.1f s)",
                diffs.size(),
                folders.profiles().resolve(DiffFlameGraphs.FOLDER),
                (System.nanoTime() - t0) / 1e9));
      }
    } catch (IOException | RuntimeException e) {
      log.line("    differential flame graphs FAILED: " + e);
    }
  }

  List<String> measureCommand(
      List<String> host, BenchmarkPoint point, Configuration config, Budget budget, Path json) {
    List<String> cmd = new ArrayList<>(jmhLauncher(host));
    cmd.addAll(point.selector());
    List<String> fork = new ArrayList<>(budget.oneForkArgs());
    for (PairSpec pair : options.suite().pairs()) {
      PairSpec.Warmup warmup = pair.warmupAt(point.params());
      if (pair.className().equals(point.className()) && warmup != null) {
        // The pair's own warm-up replaces the budget's (JMH refuses an option given twice).
        replace(fork, "-wi", String.valueOf(warmup.iterations()));
        replace(fork, "-w", warmup.time());
      }
    }
    cmd.addAll(fork);
    cmd.addAll(List.of("-prof", "gc"));
    for (String profiler : options.suite().profilers()) {
      if (!profiler.equals("gc")) {
        cmd.addAll(List.of("-prof", profiler));
      }
    }
    cmd.addAll(List.of("-foe", "true", "-rf", "json", "-rff", json.toString()));
    List<String> append = new ArrayList<>(containerJvmArgs(config));
    append.addAll(StubCompile.JVM_ARGS);
    append.addAll(options.suite().forkHeap().jvmArgs(config));
    append.addAll(config.jvmArgs());
    if (options.suite().gcLog()) {
      append.add(
          "-Xlog:gc*,gc+cpu=info:file=gc/"
              + config.id()
              + "/"
              + GcLogs.stem(point.benchmark(), point.params())
              + "-%p.log");
    }
    if (options.suite().writesLatencyLogs()) {
      // Benchmarks that measure open-loop latency (org.pitfallatlas.load.LatencyLog) write their
      // histograms here, one file per fork; the others ignore the property.
      append.add(
          "-D"
              + LATENCY_LOG_PROPERTY
              + "="
              + LatencyLogs.FOLDER
              + "/"
              + config.id()
              + "/"
              + GcLogs.stem(point.benchmark(), point.params())
              + "-%p.hlog");
    }
    Suite.OfferedLoad offered = options.suite().offeredLoad();
    if (offered != null && offered.isOpenLoop(point.benchmark())) {
      Double c = capacity.get(point);
      append.add(capacityArg(c));
    }
    if ((offered != null && offered.isOpenLoop(point.benchmark()))
        || options.suite().latencyLog()) {
      // Single-shot iterations: the window of arrivals is the budget's iteration time.
      append.add("-D" + WINDOW_PROPERTY + "=" + Math.round(budget.iterationSeconds() * 1000));
    }
    if (!append.isEmpty()) {
      // Prepend, not append: a command-line -jvmArgsAppend would replace a method's own
      // @Fork(jvmArgsAppend = …) (e.g. boxing's -XX:-DoEscapeAnalysis control).
      cmd.addAll(List.of("-jvmArgsPrepend", String.join(" ", append)));
    }
    cmd.addAll(options.extraJmhArgs());
    return cmd;
  }

  private static void replace(List<String> args, String option, String value) {
    int i = args.indexOf(option);
    if (i >= 0) {
      args.set(i + 1, value);
    } else {
      args.addAll(List.of(option, value));
    }
  }

  List<String> profileCommand(
      List<String> host,
      Suite suite,
      PairSpec pair,
      Configuration config,
      List<String> pass,
      Path dir) {
    List<String> cmd = new ArrayList<>(jmhLauncher(host));
    cmd.add("^" + Pattern.quote(suite.javaPackage() + "." + pair.className()) + "\\.");
    pair.profileParams().forEach((k, v) -> cmd.addAll(List.of("-p", k + "=" + v)));
    Budget b = suite.profile().budget();
    if (b != null) {
      cmd.addAll(b.jmhArgs());
    }
    cmd.addAll(
        List.of(
            "-foe",
            "true",
            "-prof",
            FlameGraphs.asyncOption(options.profilerLibrary(), dir, pass)));
    List<String> prepend = new ArrayList<>(containerJvmArgs(config));
    prepend.addAll(StubCompile.JVM_ARGS);
    prepend.addAll(suite.forkHeap().jvmArgs(config));
    prepend.addAll(config.jvmArgs());
    Suite.OfferedLoad offered = suite.offeredLoad();
    if (offered != null && offered.isOpenLoopClass(pair.className())) {
      // The open-loop class profiles at its profile point's rate: the capacity measured for it.
      Double c =
          capacity.entrySet().stream()
              .filter(
                  e ->
                      offered.isOpenLoop(e.getKey().benchmark())
                          && e.getKey()
                              .params()
                              .entrySet()
                              .containsAll(pair.profileParams().entrySet()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      prepend.add(capacityArg(c));
    }
    if (b != null
        && ((offered != null && offered.isOpenLoopClass(pair.className())) || suite.latencyLog())) {
      prepend.add("-D" + WINDOW_PROPERTY + "=" + Math.round(b.iterationSeconds() * 1000));
    }
    if (!prepend.isEmpty()) {
      cmd.addAll(List.of("-jvmArgsPrepend", String.join(" ", prepend)));
    }
    return cmd;
  }

  /** The fork flag with an open-loop point's capacity (a placeholder before it is measured). */
  private static String capacityArg(Double c) {
    return "-D"
        + CAPACITY_PROPERTY
        + "="
        + (c == null ? "<measured first>" : String.format(Locale.ROOT, "%.1f", c));
  }

  private List<String> jmhLauncher(List<String> host) {
    List<String> cmd = new ArrayList<>();
    cmd.add(options.java().toString());
    cmd.addAll(host);
    cmd.addAll(List.of("-jar", options.benchmarksJar().toString()));
    return cmd;
  }

  /**
   * Puts the following JMH invocations inside the configuration's container limit, if it has one: a
   * real cgroup where the machine allows it, else the JVM flags that emulate one. What was used is
   * recorded in {@code containers.json}.
   */
  private void enter(Configuration config) {
    if (config.container() == null) {
      return;
    }
    if (options.dryRun()) {
      container =
          ContainerLimits.emulated(
              config.container().cpus(), config.container().memoryMiB(), "dry run");
    } else {
      container =
          ContainerLimits.apply(
              config.id(), config.container().cpus(), config.container().memoryMiB());
    }
    containerPrefix = container.commandPrefix();
    Map<String, Object> d = new LinkedHashMap<>(container.describe());
    try {
      if (options.dryRun()) {
        containers.put(config.id(), d);
        return;
      }
      ContainerLimits.JvmView view = container.verify(options.java(), config.jvmArgs());
      d.put("jvmView", view);
      d.put("tookEffect", container.tookEffect(view));
    } catch (IOException | RuntimeException e) {
      d.put("verifyError", e.toString());
    }
    containers.put(config.id(), d);
    if (log != null) {
      log.line(
          "    configuration "
              + config.id()
              + ": container "
              + config.container().cpus()
              + " CPU / "
              + config.container().memoryMiB()
              + " MiB, "
              + d.get("mode")
              + (Boolean.FALSE.equals(d.get("tookEffect"))
                  ? " (NOT in effect: see containers.json)"
                  : ""));
    }
  }

  private void leave() {
    if (container != null) {
      try {
        container.close();
      } catch (IOException e) {
        log.fileOnly("could not remove cgroup: " + e);
      }
    }
    container = null;
    containerPrefix = List.of();
  }

  private List<String> containerJvmArgs(Configuration config) {
    if (config.container() == null) {
      return List.of();
    }
    if (container != null) {
      return container.forkJvmArgs();
    }
    return List.of();
  }

  /** Flags for the JMH host JVM; JMH copies them into the forks. */
  static List<String> hostFlags(Jdk jdk) {
    return hostFlags(jdk.featureVersion());
  }

  /**
   * Keeps the points each pair's {@code budgetParams} let run under {@code budget} (all of them for
   * a pair that restricts nothing there).
   *
   * @throws RunException if a pair restricts a parameter to values its sweep does not have
   */
  static List<BenchmarkPoint> atBudget(Suite suite, String budget, List<BenchmarkPoint> points) {
    for (PairSpec pair : suite.pairs()) {
      Map<String, List<String>> only = pair.budgetParams().getOrDefault(budget, Map.of());
      for (Map.Entry<String, List<String>> e : only.entrySet()) {
        Set<String> swept = new TreeSet<>();
        points.stream()
            .filter(p -> p.className().equals(pair.className()))
            .map(p -> p.params().get(e.getKey()))
            .filter(v -> v != null)
            .forEach(swept::add);
        if (!swept.containsAll(e.getValue())) {
          throw new RunException(
              2,
              "suite "
                  + suite.family()
                  + ": "
                  + pair.className()
                  + " budgetParams."
                  + budget
                  + "."
                  + e.getKey()
                  + " = "
                  + e.getValue()
                  + " names values its @Param sweep does not have ("
                  + swept
                  + "); fix the suite file or the class's @Param");
        }
      }
    }
    return points.stream()
        .filter(
            p ->
                suite.pairs().stream()
                    .filter(pair -> pair.className().equals(p.className()))
                    .allMatch(pair -> pair.runsAt(budget, p.params())))
        .toList();
  }

  /** Flags for a JMH host JVM of the given feature version. */
  public static List<String> hostFlags(int featureVersion) {
    List<String> flags = new ArrayList<>();
    flags.add("--enable-native-access=ALL-UNNAMED");
    if (featureVersion >= 23) {
      // JMH still uses sun.misc.Unsafe; JDK 23+ warns on every fork without this.
      flags.add("--sun-misc-unsafe-memory-access=allow");
    }
    return flags;
  }

  private List<BenchmarkPoint> list(List<String> host, String javaPackage) {
    return BenchmarkLister.list(
        options.java(), host, options.benchmarksJar(), "^" + Pattern.quote(javaPackage + "."));
  }

  private Outcome exec(List<String> cmd, Path cwd, Configuration config) {
    return exec(
        cmd,
        cwd,
        config,
        line -> {
          if (options.verbose()) {
            log.line("      " + line);
          } else {
            log.fileOnly(line);
          }
        });
  }

  /**
   * Runs a JMH command. JMH refuses to start while another JMH holds {@code /tmp/jmh.lock} (two
   * benchmark runs on one machine spoil each other), so wait for it rather than fail.
   */
  private Outcome exec(List<String> cmd, Path cwd, Configuration config, Consumer<String> sink) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    boolean told = false;
    while (true) {
      Outcome o = execOnce(cmd, cwd, sink);
      if (o.exitCode == 0 || !o.lockBusy() || System.nanoTime() > deadline) {
        return o;
      }
      if (!told) {
        log.line("    another JMH run holds /tmp/jmh.lock; waiting for it to finish…");
        told = true;
      }
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return o;
      }
    }
  }

  private Outcome execOnce(List<String> command, Path cwd, Consumer<String> sink) {
    List<String> cmd = new ArrayList<>(containerPrefix);
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    List<String> tail = new ArrayList<>();
    try {
      Process p = pb.start();
      current = p;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          sink.accept(line + "\n");
          if (tail.size() > 200) {
            tail.remove(0);
          }
          tail.add(line);
        }
      }
      p.waitFor();
      current = null;
      return new Outcome(p.exitValue(), tail);
    } catch (IOException e) {
      return new Outcome(127, List.of(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(130, List.of("interrupted"));
    }
  }

  /** On Ctrl-C or SIGTERM: stop the benchmark JVMs, keep what finished, mark the run. */
  private void onInterrupt() {
    if (done) {
      return;
    }
    Process p = current;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    RunJournal j = journal;
    if (j != null) {
      j.status(RunJournal.Status.INTERRUPTED);
      log.line("");
      log.line(
          "Interrupted: kept "
              + j.finishedCount()
              + " finished benchmark points in "
              + j.resultsFile()
              + "; the run is marked interrupted in run.json.");
    }
  }

  private static String headline(Path json) {
    try {
      JsonNode arr = JSON.readTree(json.toFile());
      JsonNode e = arr.get(0);
      JsonNode pm = e.get("primaryMetric");
      String s =
          String.format(
              Locale.ROOT, "%12.3f %s", pm.get("score").asDouble(), pm.get("scoreUnit").asText());
      JsonNode sec = e.path("secondaryMetrics");
      JsonNode norm = sec.has("gc.alloc.rate.norm") ? sec.get("gc.alloc.rate.norm") : null;
      if (norm != null) {
        s += String.format(Locale.ROOT, "  %10.1f B/op", norm.get("score").asDouble());
      }
      return s;
    } catch (IOException | RuntimeException ex) {
      return "(result unreadable: " + ex.getMessage() + ")";
    }
  }

  /**
   * Seconds a fork costs besides its iterations: two JVM start-ups (JMH's host and its fork) and
   * pre-touching the heap, measured on the reference machine (2 vCPU KVM guest): ~1.2 s, plus ~4 s
   * per GiB pre-touched.
   */
  private static double forkOverheadSeconds(Suite suite) {
    double gib = 0;
    String size = suite.forkHeap().size();
    if (suite.forkHeap().preTouch() && size != null) {
      gib = JvmSize.bytes(size) / (double) (1L << 30);
    }
    return 1.2 + 4 * gib;
  }

  private double profileEstimate(Suite suite, List<BenchmarkPoint> points) {
    Budget b = suite.profile().budget();
    double perFork = b == null ? 10 : b.secondsPerPoint() + 1;
    long methods = points.stream().map(BenchmarkPoint::benchmark).distinct().count();
    return methods * perFork * options.profileEvents().size();
  }

  private static String describe(Budget b) {
    if (b.isAnnotationDefault()) {
      return "the classes' own annotations";
    }
    return String.join(" ", b.jmhArgs());
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    return s < 90 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
  }

  /** What a finished child process left: its exit code and last lines. */
  private record Outcome(int exitCode, List<String> tail) {
    boolean lockBusy() {
      return tail.stream().anyMatch(l -> l.contains("Unable to acquire the JMH lock"));
    }

    String reason() {
      for (String l : tail) {
        if (l.contains("OutOfMemoryError")) {
          return "does not fit: " + l.strip();
        }
      }
      for (int i = tail.size() - 1; i >= 0; i--) {
        String l = tail.get(i).strip();
        if (l.contains("Exception") || l.contains("Error") || l.startsWith("<failure>")) {
          return l;
        }
      }
      return tail.isEmpty() ? "no output" : tail.get(tail.size() - 1).strip();
    }
  }
}
