package org.pitfallatlas.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code scripts/atlas} as a user would, from the checkout this build is in. */
final class Atlas {

  static final Path HOME =
      Path.of(System.getProperty("atlas.home", "..")).toAbsolutePath().normalize();

  /**
   * What a finished command left.
   *
   * @param exitCode its exit code
   * @param out what it printed on stdout
   * @param err what it printed on stderr
   */
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private final Map<String, String> env = new HashMap<>();

  Atlas env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Starts the script; the caller waits for it. */
  Process start(Path stdout, Path stderr, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(HOME.resolve("scripts/atlas").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(HOME.toFile());
    pb.environment().putAll(env);
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return pb.start();
  }

  Result run(Path workDir, String... args) throws Exception {
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    Process p = start(out, err, args);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(
          "scripts/atlas " + String.join(" ", args) + " did not finish in 10 min");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The one run folder under {@code root/results/<machine>/<family>/}. */
  static Path onlyRun(Path root, String machine, String family) throws IOException {
    Path dir = root.resolve("results").resolve(machine).resolve(family);
    try (var s = Files.list(dir)) {
      List<Path> runs = s.toList();
      if (runs.size() != 1) {
        throw new AssertionError("expected one run in " + dir + ", found " + runs);
      }
      return runs.get(0);
    }
  }
}
