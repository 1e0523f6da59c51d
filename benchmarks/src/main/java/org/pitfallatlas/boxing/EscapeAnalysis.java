package org.pitfallatlas.boxing;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/*
 * Escape analysis: when C2 removes the allocation of a small value object, and when it cannot.
 *
 * The pitfall. Go decides at compile time whether a value lives on the stack or escapes to the
 * heap (`go build -gcflags=-m` prints the verdict); passing a pointer to a function that is not
 * inlined is the classic way to make it escape. The JVM has the same trap, decided later: C2's
 * escape analysis proves that an object never leaves the compiled method (after inlining) and
 * scalar-replaces it — the fields become registers, the `new` disappears. An object handed to a
 * call that is not inlined (too big, megamorphic, a native boundary) escapes, and is allocated.
 *
 * The mechanism. One operation turns `points` coordinate pairs from @State into a Point record
 * (JOL: 24 B = 12 B header + 2 x 4 B int + 4 B padding) and sums x*x + y*y:
 * - fixNoEscape: the Point only feeds an inlined accessor. C2 scalar-replaces it: 0 B/op.
 * - pitfallEscapesIntoCall: the Point is passed to a method C2 is told not to inline
 *   (@CompilerControl DONT_INLINE stands in for "too big to inline"). It escapes as an argument:
 *   24 B per point.
 * - pitfallEscapeAnalysisOff: the control. fixNoEscape's exact body in a JVM started with
 *   -XX:-DoEscapeAnalysis, so the only difference from the fix is the optimization: 24 B per point.
 *
 * Naming. The analysis pairs every pitfall* with every fix* of a class, so the control is named as
 * a pitfall on purpose: pitfallEscapeAnalysisOff vs fixNoEscape is "what escape analysis buys"
 * (same code, EA off vs on), and pitfallEscapesIntoCall vs fixNoEscape is "what escaping costs"
 * (EA on, object leaks into a call). A `baseline` name would leave the control out of the verdicts.
 *
 * The claim under test (ATLAS.md): "a per-request struct passed by value instead of pointer: -31%
 * allocated objects", and the tool mapping "-gcflags=-m -> -prof gc plus -XX:-DoEscapeAnalysis".
 * On the JVM the removal is all or nothing: JOL predicts 24 x points B/op for both pitfalls and
 * 0 B/op for the fix — 100% of the objects removed, not 31%.
 *
 * How to read it. B/op: 0 for the fix, 24 x points for both pitfalls, linear in `points`. Time:
 * pitfallEscapeAnalysisOff isolates the allocation (same code); pitfallEscapesIntoCall adds a call
 * per point on top, so it is the slowest. If fixNoEscape ever shows ~24 B per point, C2 did not
 * compile it (too short a warmup) or escape analysis was disabled.
 *
 * The control loses more than the allocation: once the Point is scalar-replaced, fixNoEscape's loop
 * is plain int arithmetic that C2's SuperWord vectorises, and with escape analysis off the `new`
 * stays in the loop and blocks that. Measured 2026-11-30 (3 forks x 5 x 200 ms, JDK 25; study:
 * results/amd-epyc-2cpu-24gib/studies/integercache-barriers/): fixNoEscape 12.8 ns at points=100
 * and 929 ns at 10000, 58.7 ns and 5402 ns with -XX:-UseSuperWord; pitfallEscapeAnalysisOff 230 ns
 * and 22.9 us, the same without SuperWord (208 ns, 22.6 us). So of the control's 18x (100) and 25x
 * (10000), vectorisation is 4.6x and 5.8x and the allocation itself 3.5x and 4.2x. The verdict row
 * is "what escape analysis buys", vectorisation included; the allocation alone is the ratio
 * against the fix without SuperWord.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class EscapeAnalysis {

  /** How many points one operation processes. */
  @Param({"100", "10000"})
  public int points;

  /** The small value object; never stored anywhere. */
  record Point(int x, int y) {
    long lengthSquared() {
      return (long) x * x + (long) y * y;
    }
  }

  int[] xs;
  int[] ys;

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(42);
    xs = new int[points];
    ys = new int[points];
    for (int i = 0; i < points; i++) {
      xs[i] = random.nextInt(-10_000, 10_000);
      ys[i] = random.nextInt(-10_000, 10_000);
    }
  }

  /**
   * Fails fast when the control runs with escape analysis on — its flag was overridden — instead of
   * reporting a verdict on the wrong experiment.
   */
  @Setup
  public void checkControl(BenchmarkParams benchmark) {
    requireControlFlag(benchmark.getBenchmark(), escapeAnalysisEnabled());
  }

  static void requireControlFlag(String benchmark, boolean escapeAnalysisEnabled) {
    if (benchmark.endsWith(".pitfallEscapeAnalysisOff") && escapeAnalysisEnabled) {
      throw new IllegalStateException(
          benchmark
              + " is the -XX:-DoEscapeAnalysis control but this JVM runs with escape analysis on;"
              + " was -jvmArgsAppend passed on the command line? It replaces the method's flag:"
              + " use -jvmArgsPrepend.");
    }
  }

  static boolean escapeAnalysisEnabled() {
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return Boolean.parseBoolean(hotspot.getVMOption("DoEscapeAnalysis").getValue());
  }

  /** The Point never leaves this method: scalar-replaced, nothing allocated. */
  @Benchmark
  public long fixNoEscape() {
    long sum = 0;
    for (int i = 0; i < points; i++) {
      Point p = new Point(xs[i], ys[i]);
      sum += p.lengthSquared();
    }
    return sum;
  }

  /** The Point is an argument of a call that is not inlined: it escapes and is allocated. */
  @Benchmark
  public long pitfallEscapesIntoCall() {
    long sum = 0;
    for (int i = 0; i < points; i++) {
      Point p = new Point(xs[i], ys[i]);
      sum += lengthSquaredNotInlined(p);
    }
    return sum;
  }

  /**
   * The control: the body of {@link #fixNoEscape()} with escape analysis switched off. JMH merges
   * this {@code @Fork} with the class-level one attribute by attribute (the fork count still comes
   * from the class, or from {@code -f}). A {@code -jvmArgsAppend} on the command line replaces the
   * flag instead of adding to it, so runners pass extra JVM flags with {@code -jvmArgsPrepend};
   * {@link #checkControl} fails the run if the flag was lost anyway.
   */
  @Benchmark
  @Fork(jvmArgsAppend = "-XX:-DoEscapeAnalysis")
  public long pitfallEscapeAnalysisOff() {
    long sum = 0;
    for (int i = 0; i < points; i++) {
      Point p = new Point(xs[i], ys[i]);
      sum += p.lengthSquared();
    }
    return sum;
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static long lengthSquaredNotInlined(Point p) {
    return p.lengthSquared();
  }
}
