package org.pitfallatlas.analysis.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pitfallatlas.analysis.compare.Pairs;

/**
 * A ForkPlan is the order in which a family's forks run: interleaved and, where the budget allows,
 * adaptive.
 *
 * <p>The benchmark points of one class at one {@code @Param} point form a {@link Group} (a pair's
 * pitfall and fix are always in the same group). A group runs in rounds; a round is one fork (one
 * {@code -f 1} JMH invocation) of each of its active methods, in forward order on odd rounds and
 * reversed on even rounds (A B, B A, A B, …), so drift on a shared machine — a neighbour's load, a
 * warming host — hits both sides of every pair equally, and a linear drift cancels over two rounds.
 * After the budget's first {@code forks} rounds, and again at each doubling up to {@code maxForks},
 * the stopping rule looks at every pitfall/fix comparison of the group: methods in no undecided
 * comparison stop; the others run more rounds.
 */
final class ForkPlan {

  /**
   * A Group is every method of one class at one {@code @Param} point.
   *
   * @param className the class's simple name
   * @param params the parameter values
   * @param points the group's points, in listing order
   */
  record Group(String className, Map<String, String> params, List<BenchmarkPoint> points) {

    /** Every pitfall × fix comparison of the group: {@code [pitfall, fix]}. */
    List<BenchmarkPoint[]> comparisons() {
      List<BenchmarkPoint[]> out = new ArrayList<>();
      for (BenchmarkPoint p : points) {
        if (!method(p).startsWith(Pairs.PITFALL)) {
          continue;
        }
        for (BenchmarkPoint f : points) {
          if (method(f).startsWith(Pairs.FIX)) {
            out.add(new BenchmarkPoint[] {p, f});
          }
        }
      }
      return out;
    }

    /** A short label: {@code IntegerSum size=100}. */
    String label() {
      StringBuilder b = new StringBuilder(className);
      params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
      return b.toString();
    }
  }

  private ForkPlan() {}

  /** Groups points by class and parameter values, keeping the listing's order. */
  static List<Group> groups(List<BenchmarkPoint> points) {
    Map<String, List<BenchmarkPoint>> by = new LinkedHashMap<>();
    for (BenchmarkPoint p : points) {
      by.computeIfAbsent(p.className() + "\u0000" + p.params(), k -> new ArrayList<>()).add(p);
    }
    List<Group> out = new ArrayList<>();
    for (List<BenchmarkPoint> g : by.values()) {
      out.add(new Group(g.get(0).className(), g.get(0).params(), List.copyOf(g)));
    }
    return out;
  }

  /** The order of round {@code round} (1-based): forward when odd, reversed when even. */
  static List<BenchmarkPoint> order(List<BenchmarkPoint> active, int round) {
    List<BenchmarkPoint> o = new ArrayList<>(active);
    if (round % 2 == 0) {
      Collections.reverse(o);
    }
    return o;
  }

  /**
   * The methods that keep running: both sides of every comparison the rule has not decided, in the
   * group's order.
   */
  static List<BenchmarkPoint> stillActive(Group g, Set<BenchmarkPoint[]> undecided) {
    Set<BenchmarkPoint> keep = new LinkedHashSet<>();
    for (BenchmarkPoint[] c : undecided) {
      keep.add(c[0]);
      keep.add(c[1]);
    }
    return g.points().stream().filter(keep::contains).toList();
  }

  /** The number of time comparisons in the plan: the size of the verdicts' correction family. */
  static int comparisons(List<Group> groups) {
    return groups.stream().mapToInt(g -> g.comparisons().size()).sum();
  }

  private static String method(BenchmarkPoint p) {
    String b = p.benchmark();
    return b.substring(b.lastIndexOf('.') + 1);
  }
}
