package org.pitfallatlas.analysis.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.pitfallatlas.analysis.compare.CompareException;
import org.pitfallatlas.analysis.compare.ConfigPairs;
import org.pitfallatlas.analysis.compare.Options;
import org.pitfallatlas.analysis.compare.Pairs;
import org.pitfallatlas.analysis.compare.Table;
import org.pitfallatlas.analysis.gclog.ConfigurationMatrix;
import org.pitfallatlas.analysis.jmh.JmhInputException;
import org.pitfallatlas.analysis.latency.OpenLoopResults;
import org.pitfallatlas.analysis.render.Markdown;
import org.pitfallatlas.analysis.render.Text;
import org.pitfallatlas.analysis.suite.Suite;

/**
 * Writes a run's {@code summary.md}: what ran where, the pitfall-vs-fix table, the allocation check
 * against JOL, the flame graphs, and anything that failed.
 */
public final class RunSummary {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunSummary() {}

  /**
   * Names the open-loop methods and points that saturated (left requests unfinished after a
   * window's grace period): they have no latency result, so the pairs table has no row for them.
   * Empty when none did.
   */
  static String saturated(Path run) throws IOException {
    List<String> points = OpenLoopResults.saturated(run);
    if (points.isEmpty()) {
      return "";
    }
    return "Saturated (no latency result, so no pairs row: requests were still unfinished after the"
        + " grace period, the latencies describe a growing queue): "
        + String.join("; ", points)
        + ".";
  }

  public static void write(
      Suite suite, RunFolders folders, RunJournal journal, RunLog log, boolean report)
      throws IOException {
    log.stage(6, "Summarising");
    StringBuilder md = new StringBuilder();
    JsonNode env = JSON.readTree(folders.results().resolve("env.json").toFile());
    md.append("# ").append(suite.family()).append(" — ").append(suite.title()).append("\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| status | ")
        .append(journal.status().name().toLowerCase(Locale.ROOT))
        .append(" |\n");
    md.append("| machine | ")
        .append(env.at("/machine/slug").asText())
        .append(" (")
        .append(env.at("/machine/cpuModel").asText())
        .append(", ")
        .append(env.at("/machine/logicalCpus").asInt())
        .append(" CPUs) |\n");
    md.append("| JDK | ")
        .append(env.at("/jdk/vendor").asText())
        .append(" ")
        .append(env.at("/jdk/version").asText())
        .append(" |\n");
    md.append("| budget | ")
        .append(env.at("/budget/name").asText())
        .append(" (")
        .append(String.join(" ", toList(env.at("/budget/jmhArgs"))))
        .append(") |\n");
    md.append("| profiler | ").append(env.at("/profiler/engine").asText()).append(" |\n");
    List<String> everyFork = new java.util.ArrayList<>(toList(env.at("/jvm/stubCompileArgs")));
    everyFork.addAll(toList(env.at("/jvm/forkHeapArgs")));
    md.append("| every fork | ").append(String.join(" ", everyFork)).append(" |\n");
    List<String> problems = new java.util.ArrayList<>();
    env.at("/machineCheck/findings")
        .forEach(
            f -> {
              if (!"ok".equalsIgnoreCase(f.path("severity").asText())) {
                problems.add(f.path("check").asText() + ": " + f.path("message").asText());
              }
            });
    md.append("| machine check at start | ")
        .append(problems.isEmpty() ? "quiet" : String.join("<br>", problems))
        .append(" |\n");
    List<String> disturbed = journal.disturbed();
    md.append("| forks disturbed by other work | ")
        .append(
            disturbed.isEmpty()
                ? "none"
                : disturbed.size()
                    + " (see run.json `disturbedForks`): "
                    + String.join("; ", disturbed.subList(0, Math.min(3, disturbed.size())))
                    + (disturbed.size() > 3 ? "; …" : ""))
        .append(" |\n\n");

    Path results = journal.resultsFile();
    String pairsText = null;
    if (Files.exists(results)) {
      if (suite.comparisons().isEmpty()) {
        try {
          Table pairs = Pairs.of(results);
          md.append("## Pitfall vs fix\n\n").append(Markdown.render(pairs)).append('\n');
          steadyState(md, pairs);
          pairsText = Text.render(pairs);
          String saturated = saturated(folders.results());
          if (!saturated.isEmpty()) {
            md.append(saturated).append("\n\n");
            pairsText = pairsText + "\n" + saturated + "\n";
          }
        } catch (CompareException | JmhInputException e) {
          md.append("## Pitfall vs fix\n\n").append(e.getMessage()).append("\n\n");
        }
      } else {
        List<ConfigPairs.Spec> specs =
            suite.comparisons().stream()
                .map(
                    c ->
                        new ConfigPairs.Spec(
                            c.pitfall(), c.fix(), c.pitfallParams(), c.fixParams()))
                .toList();
        md.append("## Configurations\n\n")
            .append(
                ConfigurationMatrix.of(
                        folders.results(),
                        suite.configurations().stream().map(c -> c.id()).toList(),
                        b -> suite.runsEverywhere(Suite.classOf(b)))
                    .toMarkdown());
        try {
          Table pairs =
              ConfigPairs.ofRun(
                  org.pitfallatlas.analysis.jmh.JmhReader.read(results),
                  specs,
                  Options.withDefaults(),
                  suite::runsEverywhere);
          md.append("## Pitfall configuration vs fix configuration\n\n")
              .append(Markdown.render(pairs))
              .append('\n');
          steadyState(md, pairs);
          pairsText = Text.render(pairs);
        } catch (CompareException | JmhInputException e) {
          md.append("## Pitfall configuration vs fix configuration\n\n")
              .append(e.getMessage())
              .append("\n\n");
        }
      }
    }
    if (Files.exists(results)) {
      List<AllocationCheck.Row> rows = AllocationCheck.check(suite, results);
      if (!rows.isEmpty()) {
        md.append("## Allocation per operation vs JOL\n\n");
        md.append("| pair | method | params | expected B/op | measured B/op | verdict | why |\n");
        md.append("|---|---|---|---:|---:|---|---|\n");
        for (AllocationCheck.Row r : rows) {
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %s | %s | %.0f | %.1f | %s | %s |%n",
                  r.pair(),
                  r.method(),
                  r.params(),
                  r.expected(),
                  r.measured(),
                  Double.isNaN(r.measured()) ? "not measured" : r.matches() ? "matches" : "DIFFERS",
                  r.why() == null ? "" : r.why()));
        }
        md.append('\n');
      }
    }

    if (Files.isDirectory(folders.profiles())) {
      md.append("## Flame graphs\n\n");
      try (Stream<Path> files = Files.walk(folders.profiles())) {
        for (Path f :
            files.filter(p -> p.getFileName().toString().endsWith(".html")).sorted().toList()) {
          Path rel = folders.results().relativize(f);
          md.append("- [")
              .append(f.getParent().getFileName())
              .append(" / ")
              .append(f.getFileName())
              .append("](")
              .append(rel.toString().replace('\\', '/'))
              .append(")\n");
        }
      }
      md.append('\n');
    }

    if (!journal.failures().isEmpty()) {
      md.append("## Failed points\n\n");
      for (RunJournal.Failure f : journal.failures()) {
        md.append("- ")
            .append(f.benchmark())
            .append(" [")
            .append(f.config())
            .append("]: ")
            .append(f.reason())
            .append('\n');
      }
      md.append('\n');
    }
    Path summary = folders.results().resolve("summary.md");
    Files.writeString(summary, md.toString(), StandardCharsets.UTF_8);
    if (pairsText != null) {
      log.line("");
      pairsText.lines().forEach(log::line);
      log.line("");
    }
    log.line("    summary: " + summary);
  }

  /** The forks' steady-state classification, under the pairs table. */
  private static void steadyState(StringBuilder md, Table pairs) {
    String table = Markdown.steadyState(pairs);
    if (!table.isEmpty()) {
      md.append("## Steady state\n\n")
          .append("Forks per variant and point: flat, warm-up or slowdown (the iterations before")
          .append(" the steady state do not count), or no steady state (no verdict).\n\n")
          .append(table)
          .append('\n');
    }
  }

  private static List<String> toList(JsonNode arr) {
    List<String> out = new java.util.ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}
