package org.pitfallatlas.errors;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pitfallatlas.errors.ChainErrors.Downstream;
import org.pitfallatlas.errors.ChainErrors.Err;
import org.pitfallatlas.errors.ChainErrors.Failure;
import org.pitfallatlas.errors.ChainErrors.Layer;
import org.pitfallatlas.errors.ChainErrors.Ok;
import org.pitfallatlas.errors.ChainErrors.Result;

/*
 * WrappedErrors — a failure wrapped with context at every layer of a call chain `depth` layers
 * deep: exceptions with stack traces vs stackless exceptions vs result values.
 *
 * The Go pitfall: `return fmt.Errorf("layer %d: loading inventory: %w", i, err)` at every layer,
 * so a failure deep in a service is wrapped once per hop on its way up, and "wrapping compounds
 * latency at every hop" (the sources give no figure). In Go each hop formats a new message
 * (which copies the whole wrapped text: O(depth^2) bytes) and allocates a wrapError.
 *
 * The JVM version people write: every layer catches and rethrows
 * `new LayerException("layer i: context", cause)`. On the JVM the per-hop cost that compounds is
 * the stack trace: Throwable's constructor calls fillInStackTrace(), which walks the *whole*
 * thread stack (every frame, inlined ones included: HotSpot records each virtual frame's method
 * and bci into a backtrace array, 32 frames per chunk). The wrapper made at layer i walks the
 * depth - i + 1 chain frames below the edge plus everything above it, so one failed request walks
 * about depth^2 / 2 + depth * H frames (H: the harness's frames above the edge, JMH's stub,
 * reflection and thread-pool frames) — quadratic in depth, and allocates backtrace arrays to
 * match (the smoke run's cpu profile at depth 16 has 94% of the profiled JVM's samples under
 * Throwable.fillInStackTrace: 32 samples on a loaded machine, but one-sided). Frames are only
 * recorded here; StackTraceElement objects are made lazily, by
 * getStackTrace() or printStackTrace(), which none of the variants calls (see below).
 *
 * The variants, one chain each (recursive layer methods: a real frame per layer, one call per
 * layer; the layer's context string is formatted per call in all three):
 *  - pitfallStackTraces: the bottom throws a Downstream exception with a stack trace and every
 *    layer wraps it in `new Layer(context(i), e)` with a stack trace — what people write
 *    (ChainErrors.StackTraceChain, shared with LogAndRethrow's fix).
 *  - fixStackless: the same wrapping with the stackless constructor
 *    `super(msg, cause, false, false)` (writableStackTrace = false): no stack walk; per hop the
 *    wrapper and its context string, 112 B (the smoke B/op grows by 112 per layer). What a JVM engineer writes when failures are expected control flow (Netty's
 *    and Kotlin's cancellation exceptions do it). The price: no trace to debug with.
 *  - fixResult: result values, Java's `(T, error)`: a sealed Result (Ok/Err records); every layer
 *    maps its callee's Result with a switch, wrapping an Err in `new Err(context(i), err)`. No
 *    throw at all: a plain return per layer, 96 B per hop (the Err record and its context).
 *
 * What the edge reads (the same answer from every variant, WrappedErrorsTest checks it at every
 * depth): a Failure record of the number of wrapping layers, the root cause's message (what a
 * handler maps to a status code) and the outermost message (what it returns or logs as one line).
 * It does not call getStackTrace() or print the trace: a handler that logs the exception through
 * a logger does, and then pays for StackTraceElement[] of every exception in the chain on top of
 * this — that cost is the LogAndRethrow pair's subject, measured through a real logger, not here.
 *
 * Every call fails (no failure-share @Param), deliberately: the claim is about the cost a failure
 * pays per hop, and on the success path the two exception variants run the identical code (a try
 * block costs nothing until something is thrown: the exception table is read only on a throw).
 * For a failure share s the mean cost is s * (this) + (1 - s) * (success path), arithmetic that
 * needs no benchmark — except that fixResult's success path also allocates an Ok per layer
 * (unless C2 removes it), which this pair does not measure.
 *
 * JIT elision, checked rather than assumed: -XX:-OmitStackTraceInFastThrow concerns only the
 * implicit exceptions compiled code raises itself (NullPointerException, ArithmeticException,
 * ArrayIndexOutOfBounds, ClassCast, ArrayStore), which it may replace by a preallocated stackless
 * one; these are explicit `new` + `throw`, never replaced. WrappedErrorsTest runs the pitfall
 * 20,000 times at depth 16 (320,000 calls of the layer method, far past the 5,000 invocations of
 * C2's Tier4InvocationThreshold) and checks that the last exception still has a whole stack
 * trace, one frame more per layer; the B/op of the sweep confirms it independently in the forks
 * themselves (the backtrace arrays grow with depth, see the footer).
 *
 * How to read the result: the depth sweep (1, 4, 16, 64) is the control. Per added layer the
 * pitfall walks every frame above it, so its increments grow with depth (quadratic once depth >>
 * H), while the fixes pay a constant per layer (linear). What that does to the ratio depends on
 * H: at depth 1 the pitfall already walks the ~17 harness frames twice (root and wrapper), so the
 * ratio starts large, and it widens again once the chain outgrows the frames above it (by hand,
 * depth 16 -> 64: the pitfall 10x the time, the fixes 3.2x; see the footer). So "compounds at
 * every hop" reproduces on the JVM as stack walking: the cost of a hop grows with the frames
 * below and above it. fixStackless vs fixResult is a throw and catch per layer (unwinding a
 * compiled frame) against a return per layer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class WrappedErrors {

  /** How many layers lie between the edge and the failing downstream. */
  @Param({"1", "4", "16", "64"})
  public int depth;

  /** The downstream's error text, from the state so it is not a compile-time constant. */
  String rootMessage;

  /** The pitfall's chain (shared with LogAndRethrow's fix). */
  ChainErrors.StackTraceChain stackTraceChain;

  @Setup
  public void setup() {
    ChainErrors.checkDepth(depth);
    rootMessage = "connection refused: inventory-db:5432";
    stackTraceChain = new ChainErrors.StackTraceChain(depth, rootMessage);
  }

  @Benchmark
  public Failure pitfallStackTraces() {
    try {
      stackTraceChain.layer(1);
    } catch (Layer e) {
      return Failure.of(e);
    }
    throw new AssertionError("the downstream must fail");
  }

  @Benchmark
  public Failure fixStackless() {
    try {
      stacklessLayer(1);
    } catch (Layer e) {
      return Failure.of(e);
    }
    throw new AssertionError("the downstream must fail");
  }

  @Benchmark
  public Failure fixResult() {
    return switch (resultLayer(1)) {
      case Err err -> Failure.of(err);
      case Ok ok -> throw new AssertionError("the downstream must fail");
    };
  }

  long stacklessLayer(int i) throws Layer {
    try {
      return i == depth ? downstreamStackless() : stacklessLayer(i + 1) + 1;
    } catch (Downstream | Layer e) {
      throw new Layer(ChainErrors.context(i), e, true);
    }
  }

  long downstreamStackless() throws Downstream {
    throw new Downstream(rootMessage, false);
  }

  Result resultLayer(int i) {
    Result below = i == depth ? downstreamResult() : resultLayer(i + 1);
    return switch (below) {
      case Ok ok -> new Ok(ok.value() + 1);
      case Err err -> new Err(ChainErrors.context(i), err);
    };
  }

  Result downstreamResult() {
    return new Err(rootMessage, null);
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'errors.WrappedErrors' -prof gc
 *
 * Expect pitfallStackTraces microseconds above both fixes at every depth and pulling away as
 * depth grows; its B/op grows faster than linearly (the backtrace arrays: the deepest exceptions
 * walk H + depth frames each), the fixes' by a constant per layer. By hand on the shared 2-core
 * VM while other helpers' benchmarks ran (load average ~13; -f 1 -wi 2 -w 200ms -i 3 -r 200ms,
 * -prof gc, 2026-12-01; one fork, noisy: read the shape, not the levels):
 *
 *   depth   pitfallStackTraces           fixStackless             fixResult
 *       1     3,235 ns   1,552 B/op       53 ns     176 B/op       22 ns    144 B/op
 *       4    14,237 ns   3,952 B/op      303 ns     512 B/op       53 ns    432 B/op
 *      16    33,429 ns  13,553 B/op    2,049 ns   1,856 B/op      464 ns  1,584 B/op
 *      64   336,851 ns  93,243 B/op    6,530 ns   7,232 B/op    1,470 ns  6,192 B/op
 *
 * The telling rows are 16 -> 64: 4x the layers cost the pitfall 10x the time and 6.9x the bytes
 * (800 B per added layer up to depth 16, 1,660 B per layer beyond), while the fixes grow by a
 * fixed 112 B (stackless) and 96 B (Result) per layer. The profiled stacks of the smoke run show
 * what H is here: 17 frames from Thread.run to the edge method (JMH's thread pool, its
 * BenchmarkTask, reflection and the generated stub; 3 of them hidden method-handle frames that
 * fillInStackTrace walks but does not record). A server's request thread has many more, and
 * every one of them is walked once per layer.
 */
