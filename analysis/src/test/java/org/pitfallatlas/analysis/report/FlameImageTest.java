package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pitfallatlas.analysis.profile.CollapsedStacks;

class FlameImageTest {

  /** A recursion 20,000 frames deep (myths' Recursion pair profiles ~5,000) as one stack. */
  private static CollapsedStacks deep(String leaf, long weight) {
    StringBuilder sb = new StringBuilder("Recursion.pitfallRecursive_[j]");
    for (int i = 0; i < 20_000; i++) {
      sb.append(";Recursion.sum_[j]");
    }
    return new CollapsedStacks(Map.of(sb.append(';').append(leaf).toString(), weight));
  }

  @Test
  void aVeryDeepRecursionIsDrawnToTheImagesHeightWithoutOverflowingTheStack() {
    CollapsedStacks pitfall = deep("Recursion.leaf_[j]", 100);
    CollapsedStacks fix = deep("Recursion.other_[j]", 60);
    BufferedImage img =
        FlameImage.render(
            List.of(
                new FlameImage.Panel("pitfall", pitfall, null),
                new FlameImage.Panel("pitfall vs fix", pitfall, fix)));
    int panel = FlameImage.TITLE + FlameImage.MAX_ROWS * FlameImage.ROW + FlameImage.GAP;
    assertThat(img.getHeight()).isEqualTo(2 * panel);
    assertThat(img.getWidth()).isEqualTo(FlameImage.WIDTH);
  }
}
