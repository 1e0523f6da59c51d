package org.pitfallatlas.analysis.cli;

import java.nio.file.Path;
import org.pitfallatlas.analysis.suite.SuiteCatalog;

/**
 * The Project is the atlas checkout the CLI works in: where suites, jars and output folders are.
 * {@code scripts/atlas} passes its location as {@code -Datlas.home}; output goes to {@code
 * $ATLAS_OUTPUT_DIR} when set, else the checkout.
 */
final class Project {

  private Project() {}

  static Path home() {
    return Path.of(System.getProperty("atlas.home", ".")).toAbsolutePath().normalize();
  }

  static Path outputRoot() {
    String env = System.getenv("ATLAS_OUTPUT_DIR");
    return env == null || env.isBlank() ? home() : Path.of(env).toAbsolutePath().normalize();
  }

  static SuiteCatalog suites() {
    return SuiteCatalog.load(home().resolve("benchmarks").resolve("suites"));
  }

  static Path benchmarksJar() {
    return home().resolve("benchmarks/target/benchmarks.jar");
  }

  /** async-profiler's library: {@code $ATLAS_PROFILER_LIB}, else the one the build unpacked. */
  static Path profilerLibrary() {
    String env = System.getenv("ATLAS_PROFILER_LIB");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch");
    String platform =
        os.contains("mac")
            ? "macos"
            : ("aarch64".equals(arch) || "arm64".equals(arch)) ? "linux-arm64" : "linux-x64";
    String lib = os.contains("mac") ? "libasyncProfiler.dylib" : "libasyncProfiler.so";
    return home().resolve("benchmarks/target/async-profiler").resolve(platform).resolve(lib);
  }
}
