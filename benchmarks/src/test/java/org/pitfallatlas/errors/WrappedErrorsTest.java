package org.pitfallatlas.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.errors.ChainErrors.Failure;
import org.pitfallatlas.errors.ChainErrors.Layer;
import org.pitfallatlas.suite.ParamValues;

class WrappedErrorsTest {

  @ParameterizedTest
  @ParamValues(of = WrappedErrors.class, field = "depth")
  void everyVariantGivesTheEdgeTheSameFailure(int depth) {
    WrappedErrors bench = bench(depth);
    Failure expected =
        new Failure(depth, "connection refused: inventory-db:5432", "layer 1: loading inventory");
    assertThat(bench.pitfallStackTraces()).isEqualTo(expected);
    assertThat(bench.fixStackless()).isEqualTo(expected);
    assertThat(bench.fixResult()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ParamValues(of = WrappedErrors.class, field = "depth")
  void theChainHasOneFrameAndOneContextPerLayer(int depth) {
    WrappedErrors bench = bench(depth);
    Throwable top = thrown(() -> bench.stackTraceChain.layer(1));
    Throwable root = top;
    int i = 1;
    while (root.getCause() != null) {
      assertThat(root.getMessage()).isEqualTo("layer " + i + ": loading inventory");
      root = root.getCause();
      i++;
    }
    // The root was thrown `depth` layer frames (plus the downstream's) below the top wrapper.
    assertThat(root.getStackTrace().length - top.getStackTrace().length).isEqualTo(depth);
    Throwable stackless = thrown(() -> bench.stacklessLayer(1));
    for (Throwable t = stackless; t != null; t = t.getCause()) {
      assertThat(t.getStackTrace()).isEmpty();
    }
  }

  @Test
  void compiledCodeStillFillsInEveryStackTrace() {
    // -XX:+OmitStackTraceInFastThrow (on by default) replaces only implicit exceptions (NPE,
    // ArithmeticException, ...) raised by compiled code; these are explicit. Run the pitfall often
    // enough for C2 to compile the chain (320,000 calls of the layer method, far past C2's
    // Tier4InvocationThreshold of 5,000), then check the last exception's trace is whole.
    WrappedErrors bench = bench(16);
    for (int n = 0; n < 20_000; n++) {
      bench.pitfallStackTraces();
    }
    Throwable top = thrown(() -> bench.stackTraceChain.layer(1));
    Throwable root = top;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertThat(top.getStackTrace()).isNotEmpty();
    assertThat(root.getStackTrace().length - top.getStackTrace().length).isEqualTo(16);
    assertThat(root.getStackTrace()[0].getMethodName()).isEqualTo("downstream");
  }

  @Test
  void aDepthBelowOneIsRejectedWithWhatToPass() {
    WrappedErrors bench = new WrappedErrors();
    bench.depth = 0;
    assertThatThrownBy(bench::setup)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("depth must be at least 1")
        .hasMessageContaining("-p depth=16");
  }

  @Test
  void theThreeArgumentLayerConstructorIsOnlyTheStacklessOne() {
    assertThatThrownBy(() -> new Layer("x", null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stackless");
  }

  private static WrappedErrors bench(int depth) {
    WrappedErrors bench = new WrappedErrors();
    bench.depth = depth;
    bench.setup();
    return bench;
  }

  interface Chain {
    long call() throws Exception;
  }

  private static Throwable thrown(Chain chain) {
    try {
      chain.call();
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("the chain did not fail");
  }
}
