package org.pitfallatlas.presize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps presize's suite file in step with its package and with {@link Expectations} (the contract),
 * and the expectations with the ratios the benchmark headers state.
 */
class ExpectationsTest extends SuiteContract {

  ExpectationsTest() {
    super("presize", Expectations.BYTES_PER_OP);
  }

  @Test
  void unknownBenchmarkOrMissingParamIsRejected() {
    assertRejected("ListAppend.pitfallGrow", Map.of(), "ListAppend.fixPresized");
    assertRejected("ListAppend.fixPresized", Map.of(), "size");
  }

  @Test
  void expectationsGrowAsTheHeadersSay() {
    // ListAppend: the unsized list allocates 3.7x, 4.2x, 4.3x the sized one ("up to 4x").
    double[] ratios = new double[3];
    String[] sizes = {"1000", "10000", "50000"};
    for (int i = 0; i < sizes.length; i++) {
      Map<String, String> at = Map.of("size", sizes[i]);
      ratios[i] =
          (double) bytes("ListAppend.pitfallGrowFromDefault", at)
              / bytes("ListAppend.fixPresized", at);
    }
    assertThat(ratios[0]).isCloseTo(3.72, offset(0.01));
    assertThat(ratios[1]).isCloseTo(4.22, offset(0.01));
    assertThat(ratios[2]).isCloseTo(4.27, offset(0.01));
    // MapFill: new HashMap<>(n) is the fix at 10000 and loses one table at 1000.
    Map<String, String> tenK = Map.of("size", "10000");
    assertThat(bytes("MapFill.pitfallCapacityNotSize", tenK))
        .isEqualTo(bytes("MapFill.fixNewHashMap", tenK));
    Map<String, String> oneK = Map.of("size", "1000");
    assertThat(bytes("MapFill.pitfallCapacityNotSize", oneK) - bytes("MapFill.fixNewHashMap", oneK))
        .isEqualTo(jol().arrayBytes(Object.class, 1024));
    // FilterCollect: pre-sizing to the input length loses at 0.01 and wins at 1.0.
    Map<String, String> few = Map.of("selectivity", "0.01");
    Map<String, String> all = Map.of("selectivity", "1.0");
    assertThat(bytes("FilterCollect.fixPresizeToInputLength", few))
        .isGreaterThan(20 * bytes("FilterCollect.pitfallGrowFromDefault", few));
    assertThat(bytes("FilterCollect.fixPresizeToInputLength", all))
        .isLessThan(bytes("FilterCollect.pitfallGrowFromDefault", all) / 4);
  }

  @Test
  void tableSizeForIsTheNextPowerOfTwo() {
    assertThat(Expectations.tableSizeFor(1000)).isEqualTo(1024);
    assertThat(Expectations.tableSizeFor(1024)).isEqualTo(1024);
  }
}
