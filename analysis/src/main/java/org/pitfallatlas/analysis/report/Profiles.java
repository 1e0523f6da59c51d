package org.pitfallatlas.analysis.report;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pitfallatlas.analysis.profile.CollapsedStacks;
import org.pitfallatlas.analysis.profile.DiffFlameGraphs;
import org.pitfallatlas.analysis.profile.ProfileFolders;
import org.pitfallatlas.analysis.render.Numbers;

/**
 * Profiles is the notebook section of a run's flame graphs: links to each variant's graphs and to
 * the differential graphs of each pair ({@link DiffFlameGraphs}), the top frames of each variant by
 * self and by total share, and small PNGs of the graphs ({@link FlameImage}) — a code host shows a
 * flame graph's HTML as source, so the table and the images are what a reader there sees.
 *
 * <p>The stacks are read back from the HTML flame graphs by async-profiler's converter ({@link
 * CollapsedStacks}). JMH's harness frames (the thread's root down to JMH's generated stub) are left
 * out of the rankings and the images, so they start at the benchmark method; stacks of other
 * threads (GC, JIT compiler, the benchmark's own workers) are kept and counted.
 *
 * @param profiles the run's profiles folder ({@code profiles/<machine>/<family>/<stamp>})
 */
public record Profiles(Path profiles) {

  /** How many frames each ranking lists. */
  static final int TOP = 10;

  /** One profiled method: its class (simple name), method, point and graphs by event. */
  record Variant(String pairClass, String method, String point, Map<String, Path> graphs) {}

  /**
   * Returns links to every variant's flame graphs and every pair's differential graphs, relative to
   * the folder the report is written to ({@code $ATLAS_REPORT_DIR}).
   */
  public Output links() {
    List<Variant> variants = variants();
    if (variants == null) {
      return missing();
    }
    Path from = AtlasPaths.reportDir();
    StringBuilder md =
        new StringBuilder("| pair | variant | point | flame graphs |\n|:---|:---|:---|:---|\n");
    int n = 0;
    for (Variant v : variants) {
      List<String> links = new ArrayList<>();
      v.graphs().forEach((event, f) -> links.add("[" + event + "](" + relative(from, f) + ")"));
      if (!links.isEmpty()) {
        row(md, v.pairClass(), v.method(), v.point(), String.join(" · ", links));
        n++;
      }
    }
    Map<String, List<DiffFlameGraphs.Diff>> diffs = new LinkedHashMap<>();
    List<DiffFlameGraphs.Diff> plan = DiffFlameGraphs.plan(profiles);
    for (DiffFlameGraphs.Diff d : plan) {
      if (Files.isRegularFile(d.output())) {
        diffs
            .computeIfAbsent(
                d.pairClass() + " " + d.pitfall() + " " + d.fix(), k -> new ArrayList<>())
            .add(d);
      }
    }
    for (List<DiffFlameGraphs.Diff> ds : diffs.values()) {
      DiffFlameGraphs.Diff d = ds.get(0);
      List<String> links = new ArrayList<>();
      ds.forEach(x -> links.add("[" + x.event() + " diff](" + relative(from, x.output()) + ")"));
      row(
          md,
          d.pairClass(),
          d.pitfall() + " vs " + d.fix(),
          pointOf(variants, d),
          String.join(" · ", links));
      n++;
    }
    if (n == 0) {
      return Output.markdown("_The profiles folder holds no flame graphs._");
    }
    if (diffs.isEmpty() && !plan.isEmpty()) {
      md.append("\n_No differential flame graphs in this run's profiles: write them with")
          .append(" `scripts/atlas diffs <run folder>`._\n");
    } else if (!diffs.isEmpty()) {
      md.append("\nA diff has the pitfall's shape, coloured by each frame's self weight in the")
          .append(" pitfall minus the fix's: red more in the pitfall, blue less, yellow not in the")
          .append(" fix.\n");
    }
    return Output.markdown(md.toString());
  }

  /**
   * Returns, for each pair class and event, the top {@value #TOP} frames of each variant by self
   * share (where the samples, bytes or lock time landed) and by total share (every stack the frame
   * is on), as a Markdown table per class and event.
   */
  public Output topFrames() {
    List<Variant> variants = variants();
    if (variants == null) {
      return missing();
    }
    StringBuilder md = new StringBuilder();
    for (Map.Entry<String, Map<String, List<Variant>>> cls : byClassAndEvent(variants).entrySet()) {
      for (Map.Entry<String, List<Variant>> ev : cls.getValue().entrySet()) {
        md.append("**")
            .append(cls.getKey())
            .append(" — ")
            .append(ev.getKey())
            .append("** (")
            .append(weightName(ev.getKey()))
            .append("; JMH's harness frames left out)\n\n")
            .append("| variant | # | top by self | self | top by total | total |\n")
            .append("|:---|---:|:---|---:|:---|---:|\n");
        for (Variant v : ev.getValue()) {
          CollapsedStacks s = read(v.graphs().get(ev.getKey())).withoutHarness();
          List<CollapsedStacks.FrameShare> self = s.topSelf(TOP);
          List<CollapsedStacks.FrameShare> total = s.topTotal(TOP);
          if (self.isEmpty()) {
            md.append("| ").append(v.method()).append(" | | _no samples_ | | | |\n");
          }
          for (int i = 0; i < Math.max(self.size(), total.size()); i++) {
            md.append("| ")
                .append(i == 0 ? v.method() + " (" + amount(ev.getKey(), s.total()) + ")" : "")
                .append(" | ")
                .append(i + 1)
                .append(" | ")
                .append(i < self.size() ? code(self.get(i).frame()) : "")
                .append(" | ")
                .append(i < self.size() ? percent(self.get(i).share()) : "")
                .append(" | ")
                .append(i < total.size() ? code(total.get(i).frame()) : "")
                .append(" | ")
                .append(i < total.size() ? percent(total.get(i).share()) : "")
                .append(" |\n");
          }
        }
        md.append('\n');
      }
    }
    if (md.isEmpty()) {
      return Output.markdown("_The profiles folder holds no flame graphs._");
    }
    return Output.markdown(md.toString());
  }

  /**
   * Returns one small PNG per pair class and event: each variant's flame graph, then each pitfall
   * against each fix as a differential graph, one under the other (see {@link FlameImage}).
   *
   * @param events the events to draw ({@code "cpu"}, {@code "alloc"}, …); none: every event
   */
  public List<Output> images(String... events) {
    List<Variant> variants = variants();
    if (variants == null) {
      return List.of(missing());
    }
    List<Output> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<Variant>>> cls : byClassAndEvent(variants).entrySet()) {
      for (Map.Entry<String, List<Variant>> ev : cls.getValue().entrySet()) {
        String event = ev.getKey();
        if (events.length > 0 && !List.of(events).contains(event)) {
          continue;
        }
        List<FlameImage.Panel> panels = new ArrayList<>();
        Map<String, CollapsedStacks> stacks = new LinkedHashMap<>();
        for (Variant v : ev.getValue()) {
          CollapsedStacks s = read(v.graphs().get(event));
          stacks.put(v.method(), s);
          panels.add(
              new FlameImage.Panel(
                  v.method() + " — " + event + ", " + amount(event, s.total()),
                  s.withoutHarness(),
                  null));
        }
        for (String pitfall : stacks.keySet()) {
          for (String fix : stacks.keySet()) {
            if (pitfall.startsWith("pitfall") && fix.startsWith("fix")) {
              String root = cls.getKey() + " (" + pitfall + " vs " + fix + ")";
              panels.add(
                  new FlameImage.Panel(
                      pitfall
                          + " vs "
                          + fix
                          + " — "
                          + event
                          + " diff: red more in the pitfall, blue less, yellow not in the fix",
                      stacks.get(pitfall).forDiff(root),
                      stacks.get(fix).forDiff(root)));
            }
          }
        }
        out.add(
            Output.png(
                FlameImage.render(panels),
                cls.getKey()
                    + " "
                    + event
                    + " flame graphs of "
                    + String.join(", ", stacks.keySet())
                    + (panels.size() > stacks.size() ? ", and pitfall vs fix" : "")));
      }
    }
    if (out.isEmpty()) {
      return List.of(
          Output.markdown(
              events.length == 0
                  ? "_The profiles folder holds no flame graphs._"
                  : "_The profiles folder holds no "
                      + String.join(" or ", events)
                      + " flame graphs._"));
    }
    return List.copyOf(out);
  }

  /** The profiled methods, by folder name; null when the profiles folder is not there. */
  List<Variant> variants() {
    if (!Files.isDirectory(profiles)) {
      return null;
    }
    return ProfileFolders.methods(profiles).stream()
        .map(
            p ->
                new Variant(
                    p.simpleClass(), p.method(), FamilyReport.profilePoint(p.point()), p.graphs()))
        .toList();
  }

  /** Variants by class and event, pitfalls before fixes before others. */
  private static Map<String, Map<String, List<Variant>>> byClassAndEvent(List<Variant> variants) {
    Map<String, Map<String, List<Variant>>> out = new TreeMap<>();
    List<Variant> ordered = new ArrayList<>(variants);
    ordered.sort(
        java.util.Comparator.comparingInt((Variant v) -> role(v.method()))
            .thenComparing(Variant::method));
    for (Variant v : ordered) {
      v.graphs()
          .keySet()
          .forEach(
              e ->
                  out.computeIfAbsent(v.pairClass(), k -> new TreeMap<>())
                      .computeIfAbsent(e, k -> new ArrayList<>())
                      .add(v));
    }
    return out;
  }

  private static int role(String method) {
    return method.startsWith("pitfall") ? 0 : method.startsWith("fix") ? 1 : 2;
  }

  private Output missing() {
    return Output.markdown(
        "_No flame graphs for this run (profiled with `--profile none`, or the profiles folder "
            + profiles.getFileName()
            + " is not here)._");
  }

  private static CollapsedStacks read(Path graph) {
    try {
      return CollapsedStacks.read(graph);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pointOf(List<Variant> variants, DiffFlameGraphs.Diff d) {
    return variants.stream()
        .filter(v -> v.pairClass().equals(d.pairClass()) && v.method().equals(d.pitfall()))
        .map(Variant::point)
        .findFirst()
        .orElse("");
  }

  private static void row(
      StringBuilder md, String cls, String variant, String point, String links) {
    md.append("| ")
        .append(cls)
        .append(" | ")
        .append(variant)
        .append(" | ")
        .append(point)
        .append(" | ")
        .append(links)
        .append(" |\n");
  }

  /** What a graph's widths count. */
  static String weightName(String event) {
    return switch (event) {
      case "alloc" -> "share of bytes allocated";
      case "lock" -> "share of time waited for locks";
      default -> "share of samples";
    };
  }

  private static String amount(String event, long total) {
    return switch (event) {
      case "alloc" -> Numbers.value(total).replaceFirst("([kMGT]?)$", " $1B");
      case "lock" -> Numbers.value(total / 1e9) + " s waited";
      default -> total + " samples";
    };
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, share >= 0.1 ? "%.0f%%" : "%.1f%%", share * 100);
  }

  /** A frame as inline code, short name, with the table's separator escaped. */
  private static String code(String frame) {
    return "`" + CollapsedStacks.shortName(frame).replace("|", "\\|").replace("`", "'") + "`";
  }

  private static String relative(Path from, Path to) {
    try {
      return from.relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      return to.toUri().toString();
    }
  }
}
