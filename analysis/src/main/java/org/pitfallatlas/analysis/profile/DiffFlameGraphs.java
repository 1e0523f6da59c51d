package org.pitfallatlas.analysis.profile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import one.convert.Arguments;
import one.convert.FlameGraph;

/**
 * DiffFlameGraphs are the differential flame graphs of a run's profiles: for every pair — a {@code
 * pitfall…} and a {@code fix…} method of the same class, profiled at the same point — and every
 * event both have a flame graph of, one graph of the pitfall coloured by how it differs from the
 * fix.
 *
 * <p>They are made by async-profiler's own converter ({@code jfrconv --diff fix pitfall}: {@code
 * one.convert.FlameGraph#diff}) from the two HTML flame graphs the run wrote, so a committed run
 * gets its diffs without being run again. JMH's harness frames (down to its generated stub) and the
 * benchmark method are replaced by one root frame, {@code <Class> (<pitfall> vs <fix>)}, in both:
 * they are named after the variant, so without it nothing above them would line up. The graph has
 * the pitfall's shape; each frame is coloured by its self weight in the pitfall minus its self
 * weight in the fix (samples, or bytes for {@code alloc}, time for {@code lock}): red where the
 * pitfall has more, blue where it has less, deeper the larger the difference, yellow where the fix
 * has no such frame, grey where they are equal. Both variants are profiled for the same time by the
 * same JMH command, so their sample counts compare directly.
 *
 * <p>Layout, beside the benchmark folders of the run's profiles folder:
 *
 * <pre>{@code
 * profiles/<machine>/<family>/<stamp>/diff/<Class>.<pitfall>-vs-<fix>/flame-<event>-diff.html
 * }</pre>
 *
 * e.g. {@code diff/IntegerSum.pitfallList-vs-fixIntArray/flame-cpu-diff.html}. An existing file is
 * never overwritten.
 */
public final class DiffFlameGraphs {

  /** The folder under a run's profiles folder that holds the diffs. */
  public static final String FOLDER = "diff";

  /**
   * A Diff is one differential flame graph to make.
   *
   * @param pairClass the pair class's simple name
   * @param pitfall the pitfall method
   * @param fix the fix method
   * @param event the profiled event ({@code cpu}, {@code alloc}, {@code wall}, {@code lock}, …)
   * @param pitfallGraph the pitfall's flame graph
   * @param fixGraph the fix's flame graph
   * @param output where the diff goes
   */
  public record Diff(
      String pairClass,
      String pitfall,
      String fix,
      String event,
      Path pitfallGraph,
      Path fixGraph,
      Path output) {

    /** The diff's title: which pair, which event, how to read the colours. */
    public String title() {
      return pairClass
          + "."
          + pitfall
          + " vs "
          + fix
          + " — "
          + event
          + " (red: more in the pitfall, blue: less, yellow: not in the fix)";
    }
  }

  private DiffFlameGraphs() {}

  /** Returns the folder of one pair's diffs: {@code diff/<Class>.<pitfall>-vs-<fix>}. */
  public static Path folder(Path profiles, String pairClass, String pitfall, String fix) {
    return profiles.resolve(FOLDER).resolve(pairClass + "." + pitfall + "-vs-" + fix);
  }

  /** Returns the file name of one event's diff: {@code flame-<event>-diff.html}. */
  public static String fileName(String event) {
    return "flame-" + event + "-diff.html";
  }

  /**
   * Returns every diff a run's profiles folder allows — each pitfall with each fix of its class at
   * the same point, for each event both have a flame graph of — whether or not it exists yet.
   *
   * @param profiles the run's profiles folder ({@code profiles/<machine>/<family>/<stamp>})
   * @return the diffs, by class, pitfall, fix and event; empty when the folder does not exist
   */
  public static List<Diff> plan(Path profiles) {
    // class + point -> method -> event -> graph
    Map<String, Map<String, Map<String, Path>>> byPoint = new TreeMap<>();
    Map<String, String> simpleClass = new LinkedHashMap<>();
    for (ProfileFolders.Profiled p : ProfileFolders.methods(profiles)) {
      String key = p.className() + " " + p.point();
      simpleClass.put(key, p.simpleClass());
      byPoint.computeIfAbsent(key, k -> new TreeMap<>()).put(p.method(), p.graphs());
    }
    List<Diff> out = new ArrayList<>();
    byPoint.forEach(
        (key, methods) ->
            methods.forEach(
                (pitfall, pitfallGraphs) -> {
                  if (!pitfall.startsWith("pitfall")) {
                    return;
                  }
                  methods.forEach(
                      (fix, fixGraphs) -> {
                        if (!fix.startsWith("fix")) {
                          return;
                        }
                        String cls = simpleClass.get(key);
                        pitfallGraphs.forEach(
                            (event, graph) -> {
                              Path fixGraph = fixGraphs.get(event);
                              if (fixGraph != null) {
                                out.add(
                                    new Diff(
                                        cls,
                                        pitfall,
                                        fix,
                                        event,
                                        graph,
                                        fixGraph,
                                        folder(profiles, cls, pitfall, fix)
                                            .resolve(fileName(event))));
                              }
                            });
                      });
                }));
    return List.copyOf(out);
  }

  /**
   * Writes every diff of a run's profiles folder that does not exist yet.
   *
   * @param profiles the run's profiles folder
   * @return the diffs written (those that existed are left alone and not listed)
   * @throws IOException if a flame graph cannot be read or a diff written
   */
  public static List<Diff> writeMissing(Path profiles) throws IOException {
    List<Diff> written = new ArrayList<>();
    for (Diff d : plan(profiles)) {
      if (!Files.exists(d.output())) {
        write(d);
        written.add(d);
      }
    }
    return List.copyOf(written);
  }

  /**
   * Writes one diff with async-profiler's converter.
   *
   * @param d the diff
   * @throws FileAlreadyExistsException if its file exists (a diff is never overwritten)
   * @throws IOException if a flame graph cannot be read or the diff written
   */
  public static void write(Diff d) throws IOException {
    if (Files.exists(d.output())) {
      throw new FileAlreadyExistsException(
          d.output().toString(), null, "a diff is never overwritten");
    }
    // JMH's stub and the benchmark method are named after the variant: root both variants at one
    // frame so that the frames above them line up.
    String root = d.pairClass() + " (" + d.pitfall() + " vs " + d.fix() + ")";
    Path tmp = Files.createTempDirectory("atlas-diff");
    try {
      Path fix = tmp.resolve("fix.collapsed");
      Path pitfall = tmp.resolve("pitfall.collapsed");
      Files.writeString(fix, CollapsedStacks.read(d.fixGraph()).forDiff(root).text());
      Files.writeString(pitfall, CollapsedStacks.read(d.pitfallGraph()).forDiff(root).text());
      Arguments args = new Arguments("--diff");
      args.title = d.title();
      FlameGraph base = CollapsedStacks.parseGraph(fix, args);
      FlameGraph current = CollapsedStacks.parseGraph(pitfall, args);
      current.diff(base);
      Files.createDirectories(d.output().getParent());
      try (OutputStream out = Files.newOutputStream(d.output(), StandardOpenOption.CREATE_NEW)) {
        current.dump(out);
      }
    } finally {
      Files.deleteIfExists(tmp.resolve("fix.collapsed"));
      Files.deleteIfExists(tmp.resolve("pitfall.collapsed"));
      Files.deleteIfExists(tmp);
    }
  }
}
