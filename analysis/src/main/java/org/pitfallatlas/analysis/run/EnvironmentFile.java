package org.pitfallatlas.analysis.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.pitfallatlas.analysis.env.Jdk;
import org.pitfallatlas.analysis.env.Machine;
import org.pitfallatlas.analysis.suite.Budget;

/**
 * Writes {@code env.json}: the machine, the JDK, the flags, the JMH version, the git commit, the
 * budget and the profiler engine actually used — everything needed to tell whether two runs are
 * comparable.
 */
public final class EnvironmentFile {

  private EnvironmentFile() {}

  public static void write(
      Path file,
      Machine machine,
      Jdk jdk,
      List<String> hostFlags,
      Runner.Options options,
      Budget budget,
      ProfilerEngine engine,
      Path benchmarksJar,
      Map<String, Object> machineCheck) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("schema", "pitfall-atlas/env/1");
    env.put("recorded", Instant.now().toString());
    env.put("machine", machine.toMap());
    env.put("loadAverageAtStart", Machine.loadAverage());
    env.put("machineCheck", machineCheck);
    env.put("jdk", jdk.toMap());
    Map<String, Object> jvm = new LinkedHashMap<>();
    jvm.put("hostFlags", hostFlags);
    jvm.put(
        "configurations",
        options.suite().configurations().stream()
            .map(
                c -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", c.id());
                  m.put("jvmArgs", c.jvmArgs());
                  m.put("container", c.container());
                  m.put("details", c.details());
                  return m;
                })
            .toList());
    jvm.put("extraJmhArgs", options.extraJmhArgs());
    jvm.put("forkHeap", options.suite().forkHeap());
    jvm.put(
        "forkHeapArgs",
        options.suite().forkHeap().jvmArgs(options.suite().configurations().get(0)));
    jvm.put("stubCompileArgs", StubCompile.JVM_ARGS);
    env.put("jvm", jvm);
    env.put("jmhVersion", jmhVersion(benchmarksJar));
    env.put("git", git(file.getParent()));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("name", options.budgetName());
    b.put("forks", budget.forks());
    b.put("maxForks", budget.maxForks());
    b.put("looksAt", budget.looks());
    b.put("warmupIterations", budget.warmupIterations());
    b.put("warmupTime", budget.warmupTime());
    b.put("iterations", budget.iterations());
    b.put("time", budget.time());
    b.put("jmhArgs", budget.jmhArgs());
    env.put("budget", b);
    env.put("profiler", engine.toMap());
    env.put("family", options.suite().family());
    RunJournal.write(file, env);
  }

  static String jmhVersion(Path jar) {
    try (JarFile j = new JarFile(jar.toFile())) {
      ZipEntry e = j.getEntry("META-INF/maven/org.openjdk.jmh/jmh-core/pom.properties");
      if (e == null) {
        return "unknown";
      }
      java.util.Properties p = new java.util.Properties();
      try (var in = j.getInputStream(e)) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  static Map<String, Object> git(Path anywhere) {
    Map<String, Object> m = new LinkedHashMap<>();
    Path dir = Path.of(System.getProperty("atlas.home", "."));
    m.put("commit", run(dir, "git", "rev-parse", "HEAD"));
    String status = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
    m.put("dirty", status == null ? null : !status.isBlank());
    return m;
  }

  private static String run(Path dir, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
