package org.pitfallatlas.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class CarrierPinningTest {

  private static CarrierPinning bench(int hogs) {
    CarrierPinning b = new CarrierPinning();
    b.hogs = hogs;
    b.setUp();
    return b;
  }

  @ParameterizedTest
  @ParamValues(of = CarrierPinning.class, field = "hogs")
  void theShortTaskAnswersTheSameWhoeverRunsTheHogs(int hogs) throws Exception {
    CarrierPinning virtual = bench(hogs);
    CarrierPinning platform = bench(hogs);
    virtual.startHogs(CarrierPinning.HogRunner.VIRTUAL);
    try {
      platform.startHogs(CarrierPinning.HogRunner.PLATFORM_POOL);
      try {
        long seed = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 5; i++) {
          long expected = CarrierPinning.shortWork(seed++ | 1L);
          assertThat(virtual.pitfallCpuWorkOnVirtualThreads()).isEqualTo(expected);
          assertThat(platform.fixCpuWorkOnPlatformPool()).isEqualTo(expected);
        }
      } finally {
        platform.stopHogs();
      }
    } finally {
      virtual.stopHogs();
    }
    assertThat(virtual.hogThreads).isEmpty();
    assertThat(platform.platformPool.isTerminated()).isTrue();
    assertThat(virtual.hogSink.get()).isNotZero();
  }

  @Test
  void theHogsStopWithTheTeardownAndLeaveNoThreads() throws Exception {
    CarrierPinning b = bench(2);
    b.startHogs(CarrierPinning.HogRunner.VIRTUAL);
    var hogs = java.util.List.copyOf(b.hogThreads);
    assertThat(hogs).hasSize(2).allMatch(Thread::isVirtual).allMatch(Thread::isAlive);
    b.stopHogs();
    assertThat(hogs).noneMatch(Thread::isAlive);
  }

  @Test
  void aBurstDependsOnItsSeed() {
    assertThat(CarrierPinning.burst(3, 1)).isNotEqualTo(CarrierPinning.burst(5, 1));
    assertThat(CarrierPinning.shortWork(3)).isNotEqualTo(CarrierPinning.shortWork(5));
  }
}
