package org.pitfallatlas.analysis.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * ProfileFolders finds a benchmark method's folder in a run's profiles folder and the stacks the
 * runner kept in it. JMH names the folders {@code
 * <package>.<Class>.<method>-<Mode>-<param>-<value>…} (the profiled point's parameters in
 * declaration order).
 */
public final class ProfileFolders {

  /** The clock events that count CPU samples, in the order a CPU share reads them. */
  public static final List<String> CPU_EVENTS = List.of("cpu", "itimer", "ctimer");

  /** {@code <package>.<Class>.<method>-<Mode>-<params…>}, as JMH names a benchmark's folder. */
  private static final Pattern BENCHMARK =
      Pattern.compile("(?<cls>[^-]*)\\.(?<method>[^.\\-]+)-(?<point>.+)");

  /** A flame graph as the runner names it: {@code flame-<event>-forward.html}. */
  private static final Pattern GRAPH = Pattern.compile("flame-(?<event>[a-z]+)-forward\\.html");

  /**
   * A Profiled is one profiled benchmark method and its flame graphs.
   *
   * @param className the class's qualified name
   * @param method the benchmark method
   * @param point the folder name's suffix after the method: {@code <Mode>-<param>-<value>…}
   * @param graphs the flame graphs by event ({@code cpu}, {@code alloc}, …), sorted by event
   */
  public record Profiled(String className, String method, String point, Map<String, Path> graphs) {

    /** Returns the class's simple name. */
    public String simpleClass() {
      return className.substring(className.lastIndexOf('.') + 1);
    }
  }

  private ProfileFolders() {}

  /**
   * Returns every profiled method of a run's profiles folder with its flame graphs, by folder name.
   *
   * @param profiles the run's profiles folder
   * @return the methods; empty when the folder does not exist
   */
  public static List<Profiled> methods(Path profiles) {
    if (!Files.isDirectory(profiles)) {
      return List.of();
    }
    List<Profiled> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(profiles)) {
      for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
        Matcher m = BENCHMARK.matcher(dir.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        Map<String, Path> graphs = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
          files.forEach(
              f -> {
                Matcher g = GRAPH.matcher(f.getFileName().toString());
                if (g.matches()) {
                  graphs.put(g.group("event"), f);
                }
              });
        }
        out.add(new Profiled(m.group("cls"), m.group("method"), m.group("point"), graphs));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  /**
   * Returns the folder of one benchmark method at one point.
   *
   * @param profiles the run's profiles folder
   * @param pair the pair class's simple name
   * @param method the benchmark method
   * @param params the point; empty matches a method profiled at a single point
   * @return the folder, if the run profiled that method at that point
   */
  public static Optional<Path> find(
      Path profiles, String pair, String method, Map<String, String> params) {
    if (!Files.isDirectory(profiles)) {
      return Optional.empty();
    }
    String infix = "." + pair + "." + method + "-";
    List<Path> candidates;
    try (Stream<Path> s = Files.list(profiles)) {
      candidates =
          s.filter(Files::isDirectory)
              .filter(p -> p.getFileName().toString().contains(infix))
              .filter(
                  p -> {
                    String name = p.getFileName().toString();
                    String suffix = name.substring(name.indexOf(infix) + infix.length());
                    return params.isEmpty() || params(suffix).equals(params);
                  })
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  /** Returns the parameters of a folder name's suffix {@code <Mode>-<param>-<value>…}. */
  static Map<String, String> params(String suffix) {
    String[] parts = suffix.split("-");
    Map<String, String> p = new LinkedHashMap<>();
    for (int i = 1; i + 1 < parts.length; i += 2) {
      p.put(parts[i], parts[i + 1]);
    }
    return p;
  }

  /**
   * Returns the CPU stacks kept in a method's folder: the first of {@code stacks-cpu.json.gz},
   * {@code stacks-itimer.json.gz}, {@code stacks-ctimer.json.gz} that exists.
   *
   * @param folder the method's profile folder
   * @return the file, or empty for a run recorded before the runner kept stacks
   */
  public static Optional<Path> cpuStacks(Path folder) {
    return CPU_EVENTS.stream()
        .map(e -> folder.resolve(SlicedStacks.fileName(e)))
        .filter(Files::isRegularFile)
        .findFirst();
  }
}
