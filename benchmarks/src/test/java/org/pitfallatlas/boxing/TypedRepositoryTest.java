package org.pitfallatlas.boxing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class TypedRepositoryTest {

  @ParameterizedTest
  @ParamValues(of = TypedRepository.class, field = "callSite")
  void allRepositoriesReturnTheSameSum(String callSite) {
    TypedRepository benchmark = newBenchmark(callSite);

    long expected = 0;
    for (int i = 0; i < TypedRepository.LOOKUPS; i++) {
      expected += benchmark.balances[benchmark.accounts[i]];
    }

    assertThat(benchmark.fixPrimitiveTyped()).isEqualTo(expected);
    assertThat(benchmark.pitfallObjectCast()).isEqualTo(expected);
    assertThat(benchmark.fixGenericRepository()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ParamValues(of = TypedRepository.class, field = "callSite")
  void callSiteSeesTheIntendedNumberOfReceiverClasses(String callSite) {
    TypedRepository benchmark = newBenchmark(callSite);

    int expected = callSite.equals("monomorphic") ? 1 : 3;

    assertThat(receiverClasses(benchmark.objectStores)).isEqualTo(expected);
    assertThat(receiverClasses(benchmark.genericStores)).isEqualTo(expected);
    assertThat(receiverClasses(benchmark.balanceStores)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ParamValues(of = TypedRepository.class, field = "callSite")
  void allThreeSidesSendEachLookupToTheSameLayer(String callSite) {
    TypedRepository benchmark = newBenchmark(callSite);

    for (int i = 0; i < TypedRepository.LOOKUPS; i++) {
      String layer = layerOf(benchmark.balanceStores[i]);
      assertThat(layerOf(benchmark.objectStores[i])).as("lookup %d", i).isEqualTo(layer);
      assertThat(layerOf(benchmark.genericStores[i])).as("lookup %d", i).isEqualTo(layer);
    }
  }

  @Test
  void eachStoreClassImplementsOnlyItsOwnRepositoryInterface() {
    // One interface per class, so every interface call finds its interface first in the itable.
    TypedRepository benchmark = newBenchmark("megamorphic");

    for (Object[] stores :
        new Object[][] {benchmark.objectStores, benchmark.genericStores, benchmark.balanceStores}) {
      Arrays.stream(stores)
          .map(Object::getClass)
          .distinct()
          .forEach(c -> assertThat(c.getInterfaces()).as(c.getSimpleName()).hasSize(1));
    }
  }

  private static long receiverClasses(Object[] stores) {
    return Arrays.stream(stores).map(Object::getClass).distinct().count();
  }

  private static String layerOf(Object store) {
    String name = store.getClass().getSimpleName();
    return Stream.of("Primary", "Replica", "Cache")
        .filter(name::startsWith)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no layer in " + name));
  }

  @Test
  void balancesAreOutsideTheLongCacheSoEveryBoxAllocates() {
    TypedRepository benchmark = newBenchmark("megamorphic");

    assertThat(Arrays.stream(benchmark.balances)).allMatch(b -> b > 127);
  }

  @Test
  void unknownCallSiteIsRejected() {
    TypedRepository benchmark = new TypedRepository();
    benchmark.callSite = "bimorphic";

    assertThatThrownBy(benchmark::setup)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bimorphic");
  }

  private static TypedRepository newBenchmark(String callSite) {
    TypedRepository benchmark = new TypedRepository();
    benchmark.callSite = callSite;
    benchmark.setup();
    return benchmark;
  }
}
