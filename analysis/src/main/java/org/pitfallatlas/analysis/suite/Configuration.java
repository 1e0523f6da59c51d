package org.pitfallatlas.analysis.suite;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A Configuration is one JVM set-up a family runs under: extra JVM flags and, optionally, a
 * container limit (CPUs and memory). Most families have one, {@code default}; {@code gc} has a
 * matrix of collectors and heap limits.
 *
 * @param id short stable name, used in folder names and result rows ("g1-2x")
 * @param jvmArgs flags appended to every fork's command line
 * @param container CPU and memory limit the benchmark JVM runs in, or null for none
 * @param details free-form descriptive fields (collector, heap factor, …) shown in reports
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Configuration(
    String id, List<String> jvmArgs, Container container, Map<String, Object> details) {

  public Configuration {
    jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  /** The configuration every family has unless it declares others. */
  public static Configuration defaultConfiguration() {
    return new Configuration("default", List.of(), null, Map.of());
  }

  /**
   * A Container is a CPU and memory limit, the way a container runtime would impose it.
   *
   * @param cpus number of CPUs
   * @param memoryMiB memory limit in MiB
   */
  public record Container(int cpus, long memoryMiB) {}
}
