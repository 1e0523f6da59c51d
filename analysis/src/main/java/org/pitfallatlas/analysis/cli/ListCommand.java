package org.pitfallatlas.analysis.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.pitfallatlas.analysis.run.BenchmarkLister;
import org.pitfallatlas.analysis.run.BenchmarkPoint;
import org.pitfallatlas.analysis.run.RunException;
import org.pitfallatlas.analysis.run.Runner;
import org.pitfallatlas.analysis.suite.PairSpec;
import org.pitfallatlas.analysis.suite.Suite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code atlas list}: the families, their pairs, and the claim each pair tests. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the families, their pairs, and the claim each pair tests.")
final class ListCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "FAMILY", description = "Show only this family.")
  String family;

  /** Every benchmark point of the atlas, or none when the jar cannot be listed. */
  private static List<BenchmarkPoint> points() {
    try {
      return BenchmarkLister.list(
          Path.of(System.getProperty("java.home"), "bin", "java"),
          Runner.hostFlags(Runtime.version().feature()),
          Project.benchmarksJar(),
          "^org\\.pitfallatlas\\.");
    } catch (RunException e) {
      System.err.println(
          "(methods not shown: " + e.getMessage().lines().findFirst().orElse("") + ")");
      return List.of();
    }
  }

  @Override
  public Integer call() {
    var catalog = Project.suites();
    if (family != null && catalog.find(family).isEmpty()) {
      System.err.println(
          "atlas list: unknown family '"
              + family
              + "'. Families: "
              + String.join(", ", catalog.families()));
      return 2;
    }
    List<BenchmarkPoint> points = points();
    for (Suite s : catalog.suites()) {
      if (family != null && !family.equals(s.family())) {
        continue;
      }
      System.out.println(s.family() + " — " + s.title());
      System.out.println("  Go pitfall: " + s.goPitfall());
      for (PairSpec p : s.pairs()) {
        System.out.println("  " + p.className());
        String prefix = s.javaPackage() + "." + p.className() + ".";
        List<BenchmarkPoint> mine =
            points.stream().filter(b -> b.benchmark().startsWith(prefix)).toList();
        for (String kind : List.of("pitfall", "fix", "baseline")) {
          List<String> methods =
              mine.stream()
                  .map(b -> b.benchmark().substring(prefix.length()))
                  .filter(m -> m.startsWith(kind))
                  .distinct()
                  .toList();
          if (!methods.isEmpty()) {
            System.out.printf("      %-9s %s%n", kind + ":", String.join(", ", methods));
          }
        }
        Map<String, Set<String>> params = new LinkedHashMap<>();
        mine.forEach(
            b ->
                b.params()
                    .forEach(
                        (k, v) -> params.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v)));
        if (!params.isEmpty()) {
          System.out.printf(
              "      %-9s %s%n",
              "params:",
              String.join(
                  "; ",
                  params.entrySet().stream()
                      .map(e -> e.getKey() + " = " + String.join(", ", e.getValue()))
                      .toList()));
        }
        System.out.println("      claim:    " + p.claim());
      }
      if (s.configurations().size() > 1) {
        System.out.println(
            "  configurations: "
                + String.join(", ", s.configurations().stream().map(c -> c.id()).toList()));
      }
      System.out.println();
    }
    return 0;
  }
}
