package org.pitfallatlas.strings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps strings' suite file in step with its package and with {@link Expectations} (the contract):
 * {@link LoopConcat} and {@link ConcatExpression} are predicted in full; {@link StringFormat} and
 * {@link DebugLogging} allocate what JDK and Logback internals do, measured, not predicted.
 */
class ExpectationsTest extends SuiteContract {

  ExpectationsTest() {
    super("strings", Expectations.BYTES_PER_OP, "StringFormat", "DebugLogging");
  }

  @Test
  void unknownBenchmarkOrMissingParamIsRejected() {
    assertRejected("StringFormat.pitfallFormat", Map.of(), "LoopConcat.fixJoin");
    assertRejected("LoopConcat.fixJoin", Map.of(), "parts");
  }

  @Test
  void plusEqualsIsQuadraticAndEveryFixLinear() {
    String[] fixes = {"LoopConcat.fixBuilder", "LoopConcat.fixSizedBuilder", "LoopConcat.fixJoin"};
    long[] pitfall = new long[3];
    String[] parts = {"64", "256", "1024"};
    for (int i = 0; i < parts.length; i++) {
      pitfall[i] = bytes("LoopConcat.pitfallPlusEquals", Map.of("parts", parts[i]));
    }
    // x4 parts: ~x16 bytes for +=, ~x4 for every fix.
    assertThat((double) pitfall[2] / pitfall[1]).isBetween(15.0, 16.0);
    for (String fix : fixes) {
      double step =
          (double) bytes(fix, Map.of("parts", "1024")) / bytes(fix, Map.of("parts", "256"));
      assertThat(step).as(fix).isBetween(3.8, 4.1);
    }
    // join allocates the text once (plus the array of references): less than the sized builder.
    assertThat(bytes("LoopConcat.fixJoin", Map.of("parts", "1024")))
        .isLessThan(bytes("LoopConcat.fixSizedBuilder", Map.of("parts", "1024")));
  }
}
