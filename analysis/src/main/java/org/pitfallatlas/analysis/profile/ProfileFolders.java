package org.pitfallatlas.analysis.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private ProfileFolders() {}

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
