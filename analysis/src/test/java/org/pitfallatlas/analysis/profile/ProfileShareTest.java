package org.pitfallatlas.analysis.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileShareTest {

  @Test
  void equalSlicesGiveTheTIntervalOfTheSliceShares() {
    // Slice shares 0.1, 0.2, 0.3, 0.4 of 10 samples each. SciPy 1.17:
    // stats.ttest_1samp([.1, .2, .3, .4], 0).confidence_interval(0.95) -> 0.04457397, 0.45542603
    ProfileShare s = ProfileShare.of(new long[] {1, 2, 3, 4}, new long[] {10, 10, 10, 10});
    assertThat(s.share()).isCloseTo(0.25, offset(1e-12));
    assertThat(s.lo()).isCloseTo(0.04457397, offset(1e-7));
    assertThat(s.hi()).isCloseTo(0.45542603, offset(1e-7));
    assertThat(s.matched()).isEqualTo(10);
    assertThat(s.samples()).isEqualTo(40);
    assertThat(s.slices()).isEqualTo(4);
  }

  @Test
  void unequalSlicesUseTheRatioEstimatorAndTheIntervalStaysInZeroToOne() {
    // R = 5 / 40; linearised values R + (m - R n) / 20 = 0.1625, 0.0875; t(1) = 12.7062:
    // SciPy: stats.ttest_1samp([.1625, .0875], 0).confidence_interval(0.95) -> -0.35148268,
    // 0.60148268, clipped to [0, 0.60148268].
    ProfileShare s = ProfileShare.of(new long[] {2, 3}, new long[] {10, 30});
    assertThat(s.share()).isCloseTo(0.125, offset(1e-12));
    assertThat(s.lo()).isZero();
    assertThat(s.hi()).isCloseTo(0.60148268, offset(1e-7));
    // Slices in the same proportion agree exactly, whatever their sizes.
    ProfileShare same = ProfileShare.of(new long[] {1, 3, 0}, new long[] {10, 30, 0});
    assertThat(same.share()).isCloseTo(0.1, offset(1e-12));
    assertThat(same.lo()).isCloseTo(0.1, offset(1e-12));
    assertThat(same.hi()).isCloseTo(0.1, offset(1e-12));
    assertThat(same.slices()).isEqualTo(2);
  }

  @Test
  void aSampleCountsOnceWhenAnyOfItsFramesMatches() {
    SlicedStacks stacks =
        SlicedStacksTest.stacks(
            new SlicedStacks.Stack("main;work", new long[] {6, 6}),
            // Two patterns match this one: it still counts once.
            new SlicedStacks.Stack(
                "main;ArrayBlockingQueue.put;jdk/internal/misc/Unsafe.park;futex_wait_[k]",
                new long[] {2, 2}),
            new SlicedStacks.Stack("main;ReentrantLock.lock", new long[] {2, 2}));
    ProfileShare s = ProfileShare.of(stacks, List.of("Unsafe.park", "futex", "ReentrantLock"));
    assertThat(s.matched()).isEqualTo(8);
    assertThat(s.samples()).isEqualTo(20);
    assertThat(s.share()).isCloseTo(0.4, offset(1e-12));
    // Both slices hold 40%: an exact interval.
    assertThat(s.lo()).isCloseTo(0.4, offset(1e-12));
    assertThat(s.hi()).isCloseTo(0.4, offset(1e-12));
    assertThat(ProfileShare.of(stacks, List.of("Thread.sleep")).share()).isZero();
    // A pattern is a substring of a frame's name, and it is case-sensitive.
    assertThat(ProfileShare.of(stacks, List.of("unsafe.park")).matched()).isZero();
  }

  @Test
  void withoutTwoSlicesThereIsNoInterval() {
    ProfileShare one = ProfileShare.of(new long[] {0, 3, 0}, new long[] {0, 10, 0});
    assertThat(one.share()).isCloseTo(0.3, offset(1e-12));
    assertThat(one.hasInterval()).isFalse();
    assertThat(one.lo()).isNaN();
    ProfileShare none = ProfileShare.of(new long[] {0, 0}, new long[] {0, 0});
    assertThat(none.samples()).isZero();
    assertThat(none.share()).isNaN();
  }

  @Test
  void rejectsInconsistentCountsAndUnusablePatterns() {
    assertThatThrownBy(() -> ProfileShare.of(new long[] {3}, new long[] {2}))
        .hasMessageContaining("3 matching of 2 samples");
    assertThatThrownBy(() -> ProfileShare.of(new long[] {1}, new long[] {2, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    SlicedStacks stacks = SlicedStacksTest.stacks(new SlicedStacks.Stack("a;b", new long[] {1}));
    assertThatThrownBy(() -> ProfileShare.of(stacks, List.of("a;b")))
        .hasMessageContaining("with ';'");
    assertThatThrownBy(() -> ProfileShare.of(stacks, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void underCountsOnlyStacksThatAlsoPassThroughTheNamedFrames() {
    SlicedStacks stacks =
        SlicedStacksTest.stacks(
            new SlicedStacks.Stack("main;work", new long[] {5, 5}),
            // The channel's own park: counted.
            new SlicedStacks.Stack(
                "main;java/util/concurrent/ArrayBlockingQueue.take;jdk/internal/misc/Unsafe.park",
                new long[] {3, 3}),
            // The harness's barrier parks through the same frames: not the channel's cost.
            new SlicedStacks.Stack(
                "main;java/util/concurrent/Phaser.awaitAdvance;jdk/internal/misc/Unsafe.park",
                new long[] {2, 2}));
    List<String> park = List.of("Unsafe.park");
    assertThat(ProfileShare.of(stacks, park).matched()).isEqualTo(10);
    ProfileShare channel = ProfileShare.of(stacks, park, List.of("ArrayBlockingQueue"));
    assertThat(channel.matched()).isEqualTo(6);
    assertThat(channel.samples()).as("the denominator stays every sample").isEqualTo(20);
    assertThat(channel.share()).isCloseTo(0.3, offset(1e-12));
    assertThat(ProfileShare.of(stacks, park, List.of()).matched()).isEqualTo(10);
  }

  @Test
  void printsTheShareWithItsIntervalAndSamples() {
    assertThat(ProfileShare.of(new long[] {1, 2, 3, 4}, new long[] {10, 10, 10, 10}))
        .hasToString("25% [4.5%, 46%] of 40 samples in 4 slices");
  }
}
