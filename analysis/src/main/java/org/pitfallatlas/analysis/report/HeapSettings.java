package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The JVM flags a pair class's forks ran with and, when they pin G1's region size, the humongous
 * threshold that follows (half a region).
 */
final class HeapSettings {

  private final FamilyReport report;

  HeapSettings(FamilyReport report) {
    this.report = report;
  }

  /**
   * Returns the JVM flags the forks of a pair class ran with (JMH's {@code jvmArgs}, which include
   * the class's own {@code @Fork(jvmArgsAppend)}), and, when they pin G1's region size, the
   * humongous threshold that follows: half a region.
   *
   * @param pairClass the pair class's simple name
   */
  public Output heapSettings(String pairClass) {
    Set<List<String>> flagSets = new LinkedHashSet<>();
    try {
      com.fasterxml.jackson.databind.JsonNode root =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(report.results().source().toFile());
      for (com.fasterxml.jackson.databind.JsonNode b : root) {
        String bench = b.path("benchmark").asText("");
        String cls = bench.contains(".") ? bench.substring(0, bench.lastIndexOf('.')) : bench;
        if (FamilyReport.simple(cls).equals(pairClass)) {
          List<String> flags = new ArrayList<>();
          b.path("jvmArgs").forEach(a -> flags.add(a.asText()));
          flagSets.add(flags);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (flagSets.isEmpty()) {
      return Output.markdown("_No " + pairClass + " results in this run._");
    }
    StringBuilder md = new StringBuilder("| " + pairClass + " forks | |\n|:---|:---|\n");
    for (List<String> flags : flagSets) {
      md.append("| JVM flags | `").append(String.join(" ", flags)).append("` |\n");
      Optional<Long> region =
          flags.stream()
              .filter(f -> f.startsWith("-XX:G1HeapRegionSize="))
              .map(f -> parseBytes(f.substring(f.indexOf('=') + 1)))
              .reduce((a, b) -> b);
      if (region.isPresent()) {
        md.append("| G1 region size (pinned) | ")
            .append(binary(region.get()))
            .append(" |\n| humongous threshold (half a region) | objects of ")
            .append(binary(region.get() / 2))
            .append(" and more |\n");
      } else {
        md.append(
            "| G1 region size | not pinned: G1 chose it from the heap size (ergonomics), so the"
                + " humongous threshold is not known from the results |\n");
      }
    }
    return Output.markdown(md.toString());
  }

  /** {@code 1m} -> 1048576; plain numbers are bytes. */
  static long parseBytes(String v) {
    String t = v.trim().toLowerCase(Locale.ROOT);
    long unit =
        switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1;
        };
    return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
  }

  private static String binary(long bytes) {
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB (" + String.format(Locale.ROOT, "%,d", bytes) + " B)";
    }
    if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB (" + String.format(Locale.ROOT, "%,d", bytes) + " B)";
    }
    return String.format(Locale.ROOT, "%,d B", bytes);
  }
}
