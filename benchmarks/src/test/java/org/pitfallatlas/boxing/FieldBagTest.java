package org.pitfallatlas.boxing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.infra.Blackhole;
import org.pitfallatlas.suite.ParamValues;

class FieldBagTest {

  private static final Blackhole SINK =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  @ParameterizedTest
  @ParamValues(of = FieldBag.class, field = "readers")
  void bagAndRecordComputeTheSameChecksumsForEveryRow(int readers) {
    // Separate instances: each benchmark method advances its own row cursor.
    FieldBag bag = newBenchmark(readers);
    FieldBag record = newBenchmark(readers);

    List<Long> fromBag = new ArrayList<>();
    List<Long> fromRecord = new ArrayList<>();
    for (int op = 0; op < FieldBag.Rows.COUNT + 3; op++) {
      fromBag.add(bag.pitfallMapBag(SINK));
      fromRecord.add(record.fixRecord(SINK));
    }

    assertThat(fromBag).isEqualTo(fromRecord);
    // Each operation reads a different row, and the cursor wraps around after the last one.
    assertThat(new HashSet<>(fromBag)).hasSize(FieldBag.Rows.COUNT);
    assertThat(fromBag.get(FieldBag.Rows.COUNT)).isEqualTo(fromBag.get(0));
  }

  @ParameterizedTest
  @ParamValues(of = FieldBag.class, field = "readers")
  void checksumGrowsWithTheNumberOfReaders(int readers) {
    FieldBag benchmark = newBenchmark(readers);
    FieldBag.Order first = FieldBag.order(benchmark.rows, 0);

    assertThat(benchmark.fixRecord(SINK)).isEqualTo(readers * FieldBag.read(first));
  }

  @Test
  void everyReaderIsACallTheJitMayNotInlineOrHoist() throws NoSuchMethodException {
    // Inlined, the readers' reads are loop-invariant and C2 hoists them: the sweep measures
    // nothing.
    for (Class<?> carrier : List.of(Map.class, FieldBag.Order.class)) {
      CompilerControl control =
          FieldBag.class.getDeclaredMethod("read", carrier).getAnnotation(CompilerControl.class);

      assertThat(control).as("read(%s)", carrier.getSimpleName()).isNotNull();
      assertThat(control.value()).isEqualTo(CompilerControl.Mode.DONT_INLINE);
    }
  }

  @Test
  void bagHoldsTheRecordsFieldsBoxed() {
    FieldBag.Rows rows = new FieldBag.Rows();
    Map<String, Object> bag = FieldBag.bag(rows, 7);
    FieldBag.Order order = FieldBag.order(rows, 7);

    assertThat(bag)
        .containsEntry(FieldBag.ID, order.id())
        .containsEntry(FieldBag.CUSTOMER, order.customer())
        .containsEntry(FieldBag.QUANTITY, order.quantity())
        .containsEntry(FieldBag.UNIT_PRICE, order.unitPriceCents())
        .containsEntry(FieldBag.EXPRESS, order.express())
        .hasSize(5);
  }

  private static FieldBag newBenchmark(int readers) {
    FieldBag benchmark = new FieldBag();
    benchmark.readers = readers;
    benchmark.setup();
    return benchmark;
  }
}
