package org.pitfallatlas.analysis.run;

import java.util.List;

/**
 * StubCompile holds the JIT flags every measured and profiled fork gets so that JMH's measurement
 * loop is compiled before the measurement starts, not during it.
 *
 * <p>JMH runs a benchmark from a generated loop, {@code <method>_<mode>_jmhStub}, entered once per
 * iteration. HotSpot compiles that loop (with the benchmark inlined) only after its back-edge
 * counter reaches the tiered thresholds; for operations of 5–40 µs that takes ~100k operations,
 * 1.7–3 s into a fork (PrintCompilation), after a short warm-up budget has ended. The quick budget
 * then measured the loop before that compile and the longer budget after it, and the two disagreed:
 * {@code FilterCollect.fixPresizeToInputLength} selectivity=0.01 9.1 → 6.4 µs/op inside a fork,
 * {@code ListAppend.fixPresized} size=10000 ~20 → 16.8, {@code IntegerSum.pitfallObjectArray}
 * size=10000 ~30 → 24.4 (the drop disappears with the stub excluded from compilation, which proves
 * the cause).
 *
 * <p>Scaling only the stubs' compile thresholds by 0.01 makes the loop compile after ~1k
 * operations. Measured on 5 forks per configuration (2 × 200 ms warm-up, 8 × 100 ms; long = 5 × 1 s
 * + 5 × 1 s, unscaled): FilterCollect fix 0.01 6.6–7.9 µs/op scaled vs 6.7–8.9 long vs 9.4–10.6
 * unscaled; IntegerSum.pitfallObjectArray 10000 33–38 vs 31–37 vs 44–50; nanosecond-scale
 * benchmarks unchanged (StringFormat.fixConcat 23 ns in all three). The benchmark methods
 * themselves keep HotSpot's default thresholds: only the harness loop is compiled sooner. {@code
 * quiet} keeps the CompileCommand echo out of JMH's output.
 */
public final class StubCompile {

  /** The flags, in the order they are passed (before the configuration's own flags). */
  public static final List<String> JVM_ARGS =
      List.of(
          "-XX:CompileCommand=quiet",
          "-XX:CompileCommand=CompileThresholdScaling,*::*jmhStub,0.01");

  private StubCompile() {}
}
