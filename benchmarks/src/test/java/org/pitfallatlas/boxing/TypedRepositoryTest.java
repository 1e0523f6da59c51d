package org.pitfallatlas.boxing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
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
      expected += benchmark.stores[i].balances[benchmark.accounts[i]];
    }

    assertThat(benchmark.fixPrimitiveTyped()).isEqualTo(expected);
    assertThat(benchmark.pitfallObjectCast()).isEqualTo(expected);
    assertThat(benchmark.pitfallGenericBoxed()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ParamValues(of = TypedRepository.class, field = "callSite")
  void callSiteSeesTheIntendedNumberOfReceiverClasses(String callSite) {
    TypedRepository benchmark = newBenchmark(callSite);

    long classes = Arrays.stream(benchmark.stores).map(Object::getClass).distinct().count();

    assertThat(classes).isEqualTo(callSite.equals("monomorphic") ? 1 : 3);
  }

  @Test
  void balancesAreOutsideTheLongCacheSoEveryBoxAllocates() {
    TypedRepository benchmark = newBenchmark("megamorphic");

    assertThat(Arrays.stream(benchmark.stores[0].balances)).allMatch(b -> b > 127);
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
