package org.pitfallatlas.boxing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps boxing's suite file in step with its package and with {@link Expectations} (the contract),
 * and the expectations with the shapes the benchmark headers describe.
 */
class ExpectationsTest extends SuiteContract {

  ExpectationsTest() {
    super("boxing", Expectations.BYTES_PER_OP);
  }

  @Test
  void unknownBenchmarkOrMissingParamIsRejected() {
    assertRejected("IntegerSum.pitfallMap", Map.of(), "IntegerSum.pitfallList");
    assertRejected("IntegerSum.pitfallList", Map.of(), "size");
  }

  @Test
  void expectationsGrowAsTheHeadersSay() {
    // IntegerSum: linear in size, 5x between boxed and unboxed (up to the fixed headers).
    long list = bytes("IntegerSum.pitfallList", Map.of("size", "100000"));
    long ints = bytes("IntegerSum.fixIntArray", Map.of("size", "100000"));
    assertThat((double) list / ints).isCloseTo(5.0, offset(0.01));
    // IntegerCache: a step function of the data.
    assertThat(bytes("IntegerCache.pitfallBoxed", Map.of("maxValue", "127"))).isZero();
    assertThat(bytes("IntegerCache.pitfallBoxed", Map.of("maxValue", "65535")))
        .isBetween(16_000L, 16_384L);
    // TypedRepository: the box disappears where C2 inlines the call.
    assertThat(bytes("TypedRepository.pitfallObjectCast", Map.of("callSite", "monomorphic")))
        .isZero();
  }
}
