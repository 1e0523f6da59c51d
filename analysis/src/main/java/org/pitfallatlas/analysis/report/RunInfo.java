package org.pitfallatlas.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A RunInfo is what a run folder says about itself: the machine, JDK, budget and profiler from
 * {@code env.json}, the status from {@code run.json}. Fields a run folder lacks (a bare JMH JSON, a
 * fixture) read as {@code "unknown"}.
 *
 * @param folder the run folder
 * @param family the family
 * @param machine the machine's slug (its results folder name)
 * @param cpu the CPU model and count
 * @param jdk the JDK vendor and version
 * @param budget the budget name and its JMH arguments
 * @param profiler the profiler engine actually used
 * @param status complete, incomplete, interrupted or running
 * @param commit the git commit the run was made from
 * @param tree whether the checkout had uncommitted changes: "clean tree", "dirty tree (…)" or
 *     unknown
 * @param load the 1-minute load average at the start and the end of the run, and the wait for a
 *     quiet start
 */
public record RunInfo(
    Path folder,
    String family,
    String machine,
    String cpu,
    String jdk,
    String budget,
    String profiler,
    String status,
    String commit,
    String tree,
    String load) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNKNOWN = "unknown";

  /**
   * Reads a run folder (or the folder of a JMH JSON file).
   *
   * @param runDirOrFile the run folder, or its {@code results.json}
   * @return what it says
   */
  public static RunInfo read(Path runDirOrFile) {
    Path folder = Files.isDirectory(runDirOrFile) ? runDirOrFile : runDirOrFile.getParent();
    JsonNode env = readJson(folder.resolve("env.json"));
    JsonNode run = readJson(folder.resolve("run.json"));
    String machine = text(env, "/machine/slug");
    if (machine.equals(UNKNOWN) && folder.getParent() != null) {
      // results/<machine>/<family>/<stamp>
      Path family = folder.getParent();
      if (family.getParent() != null && family.getParent().getFileName() != null) {
        machine = family.getParent().getFileName().toString();
      }
    }
    String cpu =
        env.at("/machine/cpuModel").isMissingNode()
            ? UNKNOWN
            : text(env, "/machine/cpuModel")
                + ", "
                + env.at("/machine/logicalCpus").asInt()
                + " CPUs";
    String jdk =
        env.at("/jdk/version").isMissingNode()
            ? UNKNOWN
            : text(env, "/jdk/vendor") + " " + text(env, "/jdk/version");
    StringBuilder budget = new StringBuilder(text(env, "/budget/name"));
    JsonNode args = env.at("/budget/jmhArgs");
    if (args.isArray() && !args.isEmpty()) {
      budget.append(" (");
      for (int i = 0; i < args.size(); i++) {
        budget.append(i == 0 ? "" : " ").append(args.get(i).asText());
      }
      budget.append(')');
    }
    String family = text(env, "/family");
    if (family.equals(UNKNOWN)) {
      family = text(run, "/family");
    }
    return new RunInfo(
        folder,
        family,
        machine,
        cpu,
        jdk,
        budget.toString(),
        text(env, "/profiler/engine"),
        text(run, "/status"),
        text(env, "/git/commit"),
        tree(env),
        load(env, run));
  }

  /** "clean tree", "dirty tree (uncommitted changes)" or unknown, from env.json's git.dirty. */
  private static String tree(JsonNode env) {
    JsonNode dirty = env.at("/git/dirty");
    if (!dirty.isBoolean()) {
      return UNKNOWN;
    }
    return dirty.asBoolean()
        ? "dirty tree (uncommitted changes: the commit alone does not reproduce this run)"
        : "clean tree";
  }

  /**
   * The 1-minute load average when the run's machine check started and when run.json was last saved
   * (the end of a finished run), and how long the run waited for a quiet start, e.g. "0.48 at start
   * → 2.13 at the end, on 2 CPUs; waited 78 s for a quiet start".
   */
  private static String load(JsonNode env, JsonNode run) {
    JsonNode start = env.at("/loadAverageAtStart/0");
    JsonNode end = run.at("/loadAverage/0");
    if (start.isMissingNode() && end.isMissingNode()) {
      return UNKNOWN;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
            start.isMissingNode()
                ? "?"
                : String.format(java.util.Locale.ROOT, "%.2f", start.asDouble()))
        .append(" at start → ")
        .append(
            end.isMissingNode()
                ? "?"
                : String.format(java.util.Locale.ROOT, "%.2f", end.asDouble()))
        .append(" at the end (the run's own forks included)");
    JsonNode cpus = env.at("/machine/logicalCpus");
    if (cpus.isInt()) {
      sb.append(", on ").append(cpus.asInt()).append(" CPUs");
    }
    JsonNode waited = run.at("/waitedForQuietSeconds");
    if (waited.isNumber()) {
      sb.append("; waited ").append(waited.asLong()).append(" s for a quiet start");
    }
    return sb.toString();
  }

  /** Returns the run's stamp: its folder name. */
  public String stamp() {
    return folder.getFileName().toString();
  }

  /**
   * Returns the profiles folder that belongs to this run: {@code
   * profiles/<machine>/<family>/<stamp>} beside {@code results/}, or the path {@code run.json}
   * names.
   */
  public Path profiles() {
    JsonNode run = readJson(folder.resolve("run.json"));
    // results/<machine>/<family>/<stamp> -> profiles/<machine>/<family>/<stamp>
    Path root = folder.getParent() == null ? null : folder.getParent().getParent();
    root = root == null ? null : root.getParent();
    root = root == null ? null : root.getParent();
    if (root != null) {
      Path beside =
          root.resolve("profiles")
              .resolve(folder.getParent().getParent().getFileName())
              .resolve(folder.getParent().getFileName())
              .resolve(folder.getFileName());
      if (Files.isDirectory(beside)) {
        return beside;
      }
    }
    String named = text(run, "/profiles");
    return named.equals(UNKNOWN) ? folder.resolve("profiles") : Path.of(named);
  }

  /** Returns the kernel the run's machine ran (env.json), or "unknown". */
  public String kernel() {
    return text(readJson(folder.resolve("env.json")), "/machine/kernel");
  }

  /**
   * Says when two runs carry the same machine name but ran different kernels: different VM
   * instances (or a re-imaged host) under one name, which can differ in ways the name does not
   * capture; empty otherwise.
   */
  static String kernelNote(RunInfo here, RunInfo reference) {
    String a = here.kernel();
    String b = reference.kernel();
    if (!here.machine().equals(reference.machine())
        || a.equals(b)
        || a.equals(UNKNOWN)
        || b.equals(UNKNOWN)) {
      return "";
    }
    return "Both runs carry the machine name "
        + here.machine()
        + ", but their kernels differ ("
        + a
        + " here, "
        + b
        + " in the reference): they ran on different VM instances or host images, which can"
        + " differ in ways the name does not capture.";
  }

  /** Reads a JSON file of a run folder; a missing or unreadable file reads as a missing node. */
  static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      return JSON.missingNode();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      return n == null ? JSON.missingNode() : n;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static String text(JsonNode root, String pointer) {
    JsonNode n = root.at(pointer);
    return n.isMissingNode() || n.isNull() || n.asText().isBlank() ? UNKNOWN : n.asText();
  }
}
