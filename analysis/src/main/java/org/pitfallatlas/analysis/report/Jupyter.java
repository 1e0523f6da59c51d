package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Jupyter runs the atlas's notebooks headless: it finds (or, on Debian/Ubuntu as root, installs)
 * {@code jupyter nbconvert}, writes the Java kernel's spec into a project-local Jupyter folder
 * ({@code <checkout>/.jupyter-local/}, never the user's own Jupyter config), and executes a
 * notebook with a bounded kernel start-up and retries, because rapaio-jupyter-kernel hangs on
 * roughly one start in ten.
 */
public final class Jupyter {

  /** The kernel spec's name. */
  public static final String KERNEL = "atlas-java";

  /** The Debian packages that provide {@code jupyter nbconvert} and the kernel client. */
  public static final List<String> DEBIAN_PACKAGES = List.of("jupyter-nbconvert", "jupyter-client");

  /**
   * The variable naming the {@code jupyter} executable to use; when set, nothing else is searched
   * and nothing is installed (tests set it to a missing file to see the Markdown fallback).
   */
  public static final String OVERRIDE = "ATLAS_JUPYTER";

  /**
   * Kernel starts to try. 4 was not enough once (2026-12-01): re-rendering all 15 notebooks on a
   * quiet machine, errors.ipynb's kernel hung four times in a row, then started at once when the
   * notebook was rendered alone. A hung start costs {@link #STARTUP_TIMEOUT_S}, a good one 2-3 s.
   */
  private static final int ATTEMPTS = 6;

  /**
   * The kernel normally starts in 2-3 s; roughly one start in ten hangs (a race in the kernel), so
   * wait at most this long and start a new one. 9 s was too tight on a loaded 2-CPU machine: in one
   * {@code scripts/atlas test} (2026-11-30) three starts in a row timed out after another suite's
   * benchmark runs, and the same notebook then started at once when run alone.
   */
  private static final int STARTUP_TIMEOUT_S = 15;

  private static final int CELL_TIMEOUT_S = 180;

  private final Path home;
  private final Path jupyter;
  private final PrintStream log;

  private Jupyter(Path home, Path jupyter, PrintStream log) {
    this.home = home;
    this.jupyter = jupyter;
    this.log = log;
  }

  /**
   * Finds a working {@code jupyter nbconvert}: {@code /usr/bin/jupyter} first (a {@code python3} on
   * PATH may be another Python without Jupyter's modules), then {@code jupyter} on PATH.
   */
  public static Optional<Path> find() {
    String forced = System.getenv(OVERRIDE);
    if (forced != null && !forced.isBlank()) {
      Path p = Path.of(forced);
      return Files.isExecutable(p) && works(p) ? Optional.of(p) : Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/usr/bin/jupyter"));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "jupyter"));
        }
      }
    }
    for (Path c : candidates) {
      if (Files.isExecutable(c) && works(c)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static boolean works(Path jupyter) {
    try {
      Process p =
          new ProcessBuilder(jupyter.toString(), "nbconvert", "--version")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Returns a Jupyter ready to run the atlas's notebooks, installing nbconvert where the atlas may
   * (Debian or Ubuntu, as root), saying what it installs.
   *
   * @param home the checkout
   * @param log where progress is printed
   * @return the Jupyter, or empty when it is missing and cannot be installed here (then {@link
   *     #installHint()} says what to run)
   */
  public static Optional<Jupyter> prepare(Path home, PrintStream log) {
    Optional<Path> found = find();
    String forced = System.getenv(OVERRIDE);
    if (found.isEmpty() && (forced == null || forced.isBlank()) && canInstall()) {
      log.println(
          "    Jupyter is not installed; installing it with apt-get: "
              + String.join(" ", DEBIAN_PACKAGES)
              + " (about 17 MB)…");
      if (run(List.of("apt-get", "update", "-q"), log) && run(installCommand(), log)) {
        found = find();
      }
    }
    return found.map(j -> new Jupyter(home, j, log));
  }

  private static List<String> installCommand() {
    List<String> cmd =
        new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
    cmd.addAll(DEBIAN_PACKAGES);
    return cmd;
  }

  /** Returns whether this is Debian or Ubuntu and we are root. */
  static boolean canInstall() {
    return debianLike() && "root".equals(System.getProperty("user.name"));
  }

  private static boolean debianLike() {
    try {
      String os = Files.readString(Path.of("/etc/os-release")).toLowerCase(Locale.ROOT);
      return os.contains("debian") || os.contains("ubuntu");
    } catch (IOException e) {
      return false;
    }
  }

  /** Returns the exact command that installs Jupyter's nbconvert on this platform. */
  public static String installHint() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return "brew install jupyterlab   (or: python3 -m pip install --user nbconvert jupyter_client)";
    }
    if (os.contains("win")) {
      return "py -m pip install --user nbconvert jupyter_client";
    }
    if (debianLike()) {
      return "sudo apt-get install -y --no-install-recommends " + String.join(" ", DEBIAN_PACKAGES);
    }
    try {
      String rel = Files.readString(Path.of("/etc/os-release")).toLowerCase(Locale.ROOT);
      if (rel.contains("fedora") || rel.contains("rhel") || rel.contains("centos")) {
        return "sudo dnf install -y python3-nbconvert python3-jupyter-client";
      }
      if (rel.contains("arch")) {
        return "sudo pacman -S --needed jupyter-nbconvert python-jupyter-client";
      }
    } catch (IOException e) {
      // fall through
    }
    return "python3 -m pip install --user nbconvert jupyter_client";
  }

  /** Returns the project-local Jupyter folder, {@code <checkout>/.jupyter-local}. */
  public Path localDir() {
    return home.resolve(".jupyter-local");
  }

  /**
   * Writes the kernel spec {@code .jupyter-local/kernels/atlas-java/kernel.json}: the Java kernel
   * jar the build copied from Maven Central, run by this JDK, with the atlas's jar on its
   * classpath.
   *
   * @throws IllegalStateException if the kernel jar or the atlas jar is missing
   */
  public Path writeKernelSpec() throws IOException {
    Path kernelJar = home.resolve("analysis/target/kernel/rapaio-jupyter-kernel.jar");
    Path atlasJar = home.resolve("analysis/target/atlas.jar");
    for (Path p : List.of(kernelJar, atlasJar)) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException(
            "no " + p + "; build it with ./mvnw -pl analysis package (scripts/atlas does)");
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path dir = localDir().resolve("kernels").resolve(KERNEL);
    Files.createDirectories(dir);
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("RJK_CLASSPATH", atlasJar.toString());
    env.put("RJK_COMPILER_OPTIONS", "");
    env.put("RJK_INIT_SCRIPT", "");
    env.put("RJK_TIMEOUT_MILLIS", "-1");
    env.put("RJK_MIMA_CACHE", localDir().resolve("mima_cache").toString());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "argv",
        List.of(
            java.toString(),
            "-Djava.awt.headless=true",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-jar",
            kernelJar.toString(),
            "{connection_file}"));
    spec.put("display_name", "Java (Pitfall Atlas)");
    spec.put("language", "java");
    spec.put("interrupt_mode", "message");
    spec.put("env", env);
    Path file = dir.resolve("kernel.json");
    new com.fasterxml.jackson.databind.ObjectMapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(file.toFile(), spec);
    return file;
  }

  /**
   * Executes a notebook headless and writes the executed copy.
   *
   * @param notebook the notebook
   * @param output the executed notebook to write ({@code .ipynb})
   * @param env variables for the kernel ({@code ATLAS_RESULTS}, {@code ATLAS_REPORT_DIR}…)
   * @throws IOException if it fails after the retries, with nbconvert's last lines
   */
  public void execute(Path notebook, Path output, Map<String, String> env) throws IOException {
    writeKernelSpec();
    String name = output.getFileName().toString().replaceFirst("\\.ipynb$", "");
    List<String> cmd =
        List.of(
            jupyter.toString(),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            notebook.toString(),
            "--output-dir",
            output.getParent().toString(),
            "--output",
            name,
            "--ExecutePreprocessor.kernel_name=" + KERNEL,
            "--ExecutePreprocessor.startup_timeout=" + STARTUP_TIMEOUT_S,
            "--ExecutePreprocessor.timeout=" + CELL_TIMEOUT_S);
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Result r = nbconvert(cmd, env, notebook.getParent());
      if (r.exit == 0 && Files.isRegularFile(output)) {
        return;
      }
      last = r.tail;
      boolean startup =
          r.tail.contains("Kernel didn't respond")
              || r.tail.contains("kernel_info")
              || r.tail.contains("TimeoutError")
              || r.tail.contains("Kernel died");
      if (!startup || attempt == ATTEMPTS) {
        break;
      }
      log.println(
          "    the Java kernel did not start in "
              + STARTUP_TIMEOUT_S
              + " s; retrying ("
              + (attempt + 1)
              + "/"
              + ATTEMPTS
              + ")…");
    }
    throw new IOException("executing " + notebook.getFileName() + " failed:\n" + last);
  }

  /** Converts an executed notebook to HTML beside it (or at {@code html}). */
  public void toHtml(Path executed, Path html) throws IOException {
    List<String> cmd =
        List.of(
            jupyter.toString(),
            "nbconvert",
            "--to",
            "html",
            executed.toString(),
            "--output-dir",
            html.getParent().toString(),
            "--output",
            html.getFileName().toString().replaceFirst("\\.html$", ""));
    Result r = nbconvert(cmd, Map.of(), executed.getParent());
    if (r.exit != 0 || !Files.isRegularFile(html)) {
      throw new IOException("converting " + executed.getFileName() + " to HTML failed:\n" + r.tail);
    }
  }

  private record Result(int exit, String tail) {}

  private Result nbconvert(List<String> cmd, Map<String, String> env, Path cwd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(cwd.toFile());
    Map<String, String> e = pb.environment();
    Path local = localDir();
    e.put("JUPYTER_PATH", local.toString());
    e.put("JUPYTER_DATA_DIR", local.resolve("data").toString());
    e.put("JUPYTER_RUNTIME_DIR", local.resolve("runtime").toString());
    e.put("JUPYTER_CONFIG_DIR", local.resolve("config").toString());
    e.put("JUPYTER_PLATFORM_DIRS", "1");
    e.putAll(env);
    Process p = pb.start();
    byte[] out;
    try {
      out = p.getInputStream().readAllBytes();
      if (!p.waitFor(CELL_TIMEOUT_S * 3L, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new Result(124, "nbconvert did not finish in " + CELL_TIMEOUT_S * 3 + " s");
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Result(130, "interrupted");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    return new Result(p.exitValue(), tail);
  }

  private static boolean run(List<String> cmd, PrintStream log) {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      p.waitFor();
      if (p.exitValue() != 0) {
        String text = new String(out, StandardCharsets.UTF_8).strip();
        log.println(
            "    "
                + String.join(" ", cmd)
                + " failed (exit "
                + p.exitValue()
                + "): "
                + text.substring(Math.max(0, text.length() - 400)));
        return false;
      }
      return true;
    } catch (IOException e) {
      log.println("    cannot run " + cmd.get(0) + ": " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
