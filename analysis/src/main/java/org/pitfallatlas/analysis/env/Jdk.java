package org.pitfallatlas.analysis.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Jdk is the Java runtime the benchmarks run on, as that runtime reports itself: vendor, version,
 * VM, and the flags its ergonomics picked on this machine (collector, heap size).
 *
 * @param javaExecutable the {@code java} launcher
 * @param vendor {@code java.vendor}
 * @param version {@code java.version}
 * @param featureVersion the major version (21, 25, …)
 * @param vmName {@code java.vm.name}
 * @param vmVersion {@code java.vm.version}
 * @param home {@code java.home}
 * @param ergonomicFlags what {@code -XX:+PrintCommandLineFlags} prints with no flags given
 */
public record Jdk(
    Path javaExecutable,
    String vendor,
    String version,
    int featureVersion,
    String vmName,
    String vmVersion,
    String home,
    List<String> ergonomicFlags) {

  /**
   * Asks {@code java} about itself.
   *
   * @throws IllegalStateException if it cannot be run or does not answer like a JDK
   */
  public static Jdk probe(Path javaExecutable) {
    List<String> cmd =
        List.of(
            javaExecutable.toString(),
            "-XshowSettings:properties",
            "-XX:+PrintCommandLineFlags",
            "-version");
    String out;
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(javaExecutable + " -version failed:\n" + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + javaExecutable + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while probing " + javaExecutable, e);
    }
    Map<String, String> props = new LinkedHashMap<>();
    List<String> flags = new ArrayList<>();
    for (String line : out.split("\n")) {
      String t = line.strip();
      if (t.startsWith("-XX:")) {
        flags.addAll(Arrays.asList(t.split("\\s+")));
      }
      int eq = t.indexOf(" = ");
      if (eq > 0) {
        props.putIfAbsent(t.substring(0, eq), t.substring(eq + 3));
      }
    }
    String version = props.getOrDefault("java.version", "unknown");
    return new Jdk(
        javaExecutable,
        props.getOrDefault("java.vendor", "unknown"),
        version,
        feature(props.getOrDefault("java.specification.version", version)),
        props.getOrDefault("java.vm.name", "unknown"),
        props.getOrDefault("java.vm.version", "unknown"),
        props.getOrDefault("java.home", "unknown"),
        List.copyOf(flags));
  }

  static int feature(String specVersion) {
    String s = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
    int end = 0;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
  }

  /** The collector ergonomics chose, read from the flags ({@code G1}, {@code Serial}, …). */
  public String ergonomicCollector() {
    return ergonomicFlags.stream()
        .filter(f -> f.startsWith("-XX:+Use") && f.endsWith("GC"))
        .map(f -> f.substring("-XX:+Use".length(), f.length() - 2))
        .findFirst()
        .orElse("unknown");
  }

  /** This runtime as ordered fields for {@code env.json}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("java", javaExecutable.toString());
    m.put("home", home);
    m.put("vendor", vendor);
    m.put("version", version);
    m.put("featureVersion", featureVersion);
    m.put("vmName", vmName);
    m.put("vmVersion", vmVersion);
    m.put("ergonomicFlags", ergonomicFlags);
    m.put("ergonomicCollector", ergonomicCollector());
    return m;
  }
}
