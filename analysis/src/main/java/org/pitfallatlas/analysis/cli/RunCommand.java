package org.pitfallatlas.analysis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.pitfallatlas.analysis.report.Reports;
import org.pitfallatlas.analysis.run.RunException;
import org.pitfallatlas.analysis.run.RunLog;
import org.pitfallatlas.analysis.run.RunSummary;
import org.pitfallatlas.analysis.run.Runner;
import org.pitfallatlas.analysis.suite.Suite;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atlas run}: measure one family, profile it, and summarise it. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run one benchmark family: JMH results with raw samples and B/op (-prof gc), the machine's"
          + " fingerprint, flame graphs of both variants, and a pitfall-vs-fix summary.",
      "Writes results/<machine>/<family>/<UTC stamp>/ and profiles/<machine>/<family>/<UTC stamp>/;"
          + " never overwrites an earlier run."
    },
    footer = {
      "",
      "Budgets (from benchmarks/suites/<family>.json):",
      "  --smoke  one fork, one short iteration: proves the pipeline works",
      "  --quick  several forks, short iterations: a usable verdict in minutes (default)",
      "  --full   the publication budget",
      "",
      "Examples:",
      "  scripts/atlas run boxing",
      "  scripts/atlas run boxing --smoke --profile none",
      "  scripts/atlas run boxing -- -p size=100"
    })
final class RunCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "FAMILY",
      description = "The family to run (see atlas list).")
  String family;

  @Parameters(
      index = "1..*",
      paramLabel = "JMH_ARG",
      description = "After --: extra JMH arguments, appended to every measurement.")
  List<String> extra = new ArrayList<>();

  @ArgGroup(exclusive = true)
  BudgetChoice budget = new BudgetChoice();

  static final class BudgetChoice {
    @Option(names = "--smoke", description = "One fork, one short iteration per benchmark.")
    boolean smoke;

    @Option(names = "--quick", description = "A usable verdict in minutes (the default).")
    boolean quick;

    @Option(names = "--full", description = "The publication budget.")
    boolean full;

    String name() {
      return smoke ? "smoke" : full ? "full" : "quick";
    }
  }

  @Option(
      names = "--profile",
      paramLabel = "EVENTS",
      description =
          "async-profiler events for flame graphs, comma-separated (cpu, alloc, wall, lock, itimer),"
              + " or 'none'. Default: the suite's (cpu,alloc).")
  String profile;

  @Option(
      names = "--jdk",
      paramLabel = "PATH",
      description = "JDK 21+ to benchmark (its home, or its bin/java). scripts/atlas finds one.")
  Path jdk;

  @Option(names = "--dry-run", description = "Print what would run, run nothing.")
  boolean dryRun;

  @Option(
      names = "--filter",
      paramLabel = "REGEX",
      description =
          "Run only the points whose method or label matches (e.g. 'IntegerSum', 'size=100').")
  String filter;

  @Option(names = "--verbose", description = "Show JMH's own output.")
  boolean verbose;

  @Option(
      names = "--no-wait",
      description =
          "Refuse at once when another atlas run is measuring on this machine (default: wait for"
              + " it, up to 2 hours, and say so).")
  boolean noWait;

  @Option(
      names = "--strict-machine",
      description =
          "Refuse to start when the machine check warns (load, CPU quota, frequency governor,"
              + " another JMH run); default: warn and record it in env.json.")
  boolean strictMachine;

  @Option(names = "--no-report", description = "Skip the notebook report at the end.")
  boolean noReport;

  @Override
  public Integer call() throws Exception {
    var catalog = Project.suites();
    Suite suite =
        catalog
            .find(family)
            .orElseThrow(
                () ->
                    new RunException(
                        2,
                        "unknown family '"
                            + family
                            + "'. Families: "
                            + String.join(", ", catalog.families())
                            + " (scripts/atlas list shows their pairs)"));
    List<String> events = events(suite);
    Path java = java();
    Path jar = Project.benchmarksJar();
    if (!Files.isRegularFile(jar)) {
      throw new RunException(
          2, "no benchmarks jar at " + jar + "; build it with ./mvnw -pl benchmarks package");
    }
    String budgetName = budget.name();
    suite.budget(budgetName);
    Runner.Options options =
        new Runner.Options(
            suite,
            budgetName,
            events,
            java,
            jar,
            Project.profilerLibrary(),
            Project.outputRoot(),
            dryRun,
            List.copyOf(extra),
            "atlas run "
                + family
                + " --"
                + budgetName
                + (profile == null ? "" : " --profile " + profile),
            verbose,
            filter(),
            noWait,
            strictMachine);
    try (RunLog log = new RunLog(System.out)) {
      Runner runner = new Runner(options, log);
      return runner.run(
          (folders, journal, l) -> {
            RunSummary.write(suite, folders, journal, l, !noReport);
            report(folders.results(), l);
          });
    }
  }

  /** Stage 7: the notebook report. A failed report never fails the run; it says why. */
  private void report(Path run, RunLog log) {
    if (noReport) {
      return;
    }
    log.stage(7, "Report");
    java.io.PrintStream toLog =
        new java.io.PrintStream(
            new java.io.OutputStream() {
              private final java.io.ByteArrayOutputStream line =
                  new java.io.ByteArrayOutputStream();

              @Override
              public void write(int b) {
                if (b == '\n') {
                  log.line(line.toString(java.nio.charset.StandardCharsets.UTF_8));
                  line.reset();
                } else {
                  line.write(b);
                }
              }
            },
            true,
            java.nio.charset.StandardCharsets.UTF_8);
    try {
      Reports.Rendered r = Reports.family(Project.home(), family, run, toLog);
      if (r.html().isPresent()) {
        log.line(
            String.format(
                java.util.Locale.ROOT, "    report: %s (%.0f s)", r.html().get(), r.seconds()));
      } else {
        log.line("    report (Markdown): " + r.markdown().orElseThrow());
      }
    } catch (Exception | LinkageError e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      log.line("    no HTML report: " + why.lines().findFirst().orElse(why));
      why.lines().skip(1).limit(15).forEach(l -> log.line("      " + l));
      log.line("    the run is complete; summary.md has its results. Retry with:");
      log.line("      scripts/atlas report " + family + " --results " + run);
    }
  }

  private List<String> events(Suite suite) {
    if (profile == null) {
      return suite.profile().events();
    }
    if (profile.equals("none")) {
      return List.of();
    }
    List<String> known = List.of("cpu", "alloc", "wall", "lock", "itimer", "ctimer");
    List<String> out = new ArrayList<>();
    for (String e : Arrays.stream(profile.split(",")).map(String::strip).toList()) {
      if (!known.contains(e)) {
        throw new RunException(
            2,
            "unknown profiler event '"
                + e
                + "' in --profile "
                + profile
                + "; use a comma-separated list of "
                + String.join(", ", known)
                + ", or none");
      }
      out.add(e);
    }
    return out;
  }

  private java.util.regex.Pattern filter() {
    if (filter == null) {
      return null;
    }
    try {
      return java.util.regex.Pattern.compile(filter);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new RunException(
          2, "--filter " + filter + " is not a valid regular expression: " + e.getDescription());
    }
  }

  private Path java() {
    if (jdk == null) {
      return Path.of(System.getProperty("java.home"), "bin", "java");
    }
    Path candidate = Files.isDirectory(jdk) ? jdk.resolve("bin").resolve("java") : jdk;
    if (!Files.isExecutable(candidate)) {
      throw new RunException(
          2,
          "--jdk " + jdk + ": no java launcher at " + candidate + "; pass a JDK 21+ home folder");
    }
    return candidate;
  }
}
