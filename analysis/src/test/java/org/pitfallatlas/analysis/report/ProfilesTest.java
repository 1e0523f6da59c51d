package org.pitfallatlas.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pitfallatlas.analysis.profile.DiffFlameGraphs;

class ProfilesTest {

  static final String HARNESS =
      "java/lang/Thread.run_[0];org/p/jmh_generated/Sum_%s_jmhTest.%s_avgt_jmhStub_[j];";

  static Path run(Path dir) throws Exception {
    String pitfall =
        HARNESS.formatted("pitfallList", "pitfallList")
            + "org/p/Sum.pitfallList_[i];java/lang/Integer.valueOf_[i] 30\n"
            + HARNESS.formatted("pitfallList", "pitfallList")
            + "org/p/Sum.pitfallList_[i];org/p/Sum.add_[i] 70\n";
    String fix =
        HARNESS.formatted("fixIntArray", "fixIntArray")
            + "org/p/Sum.fixIntArray_[i];org/p/Sum.add_[i] 100\n";
    org.pitfallatlas.analysis.profile.DiffFlameGraphsTest.graph(
        dir, "org.p.Sum.pitfallList-AverageTime-size-10", "cpu", pitfall);
    org.pitfallatlas.analysis.profile.DiffFlameGraphsTest.graph(
        dir, "org.p.Sum.fixIntArray-AverageTime-size-10", "cpu", fix);
    return dir;
  }

  @Test
  void topFramesListEachVariantBySelfAndTotalShare(@TempDir Path dir) throws Exception {
    String md = new Profiles(run(dir)).topFrames().text();
    assertThat(md).contains("**Sum — cpu** (share of samples; JMH's harness frames left out)");
    assertThat(md)
        .contains("| pitfallList (100 samples) | 1 | `Sum.add` | 70% | `Sum.pitfallList` | 100% |");
    assertThat(md).contains("|  | 2 | `Integer.valueOf` | 30% | `Sum.add` | 70% |");
    assertThat(md).contains("| fixIntArray (100 samples) | 1 | `Sum.add` | 100% |");
    // pitfalls first
    assertThat(md.indexOf("pitfallList (")).isLessThan(md.indexOf("fixIntArray ("));
  }

  @Test
  void linksListTheGraphsAndTheDiffsOnceWritten(@TempDir Path dir) throws Exception {
    Profiles p = new Profiles(run(dir));
    assertThat(p.links().text())
        .contains("| Sum | pitfallList | size=10 | [cpu](")
        .contains("scripts/atlas diffs");
    DiffFlameGraphs.writeMissing(dir);
    assertThat(p.links().text())
        .contains("| Sum | pitfallList vs fixIntArray | size=10 | [cpu diff](")
        .contains("diff/Sum.pitfallList-vs-fixIntArray/flame-cpu-diff.html)");
  }

  @Test
  void oneSmallIndexedPngPerClassAndEventWithVariantsAndTheDiff(@TempDir Path dir)
      throws Exception {
    Profiles p = new Profiles(run(dir));
    assertThat(p.images("alloc"))
        .singleElement()
        .extracting(Output::kind)
        .isEqualTo(Output.Kind.MARKDOWN);
    List<Output> images = p.images();
    assertThat(images).hasSize(1);
    Output o = images.get(0);
    assertThat(o.kind()).isEqualTo(Output.Kind.PNG);
    assertThat(o.text())
        .contains("Sum cpu flame graphs of pitfallList, fixIntArray, and pitfall vs fix");
    BufferedImage img = o.image();
    assertThat(img.getWidth()).isEqualTo(FlameImage.WIDTH);
    assertThat(img.getColorModel()).isInstanceOf(IndexColorModel.class);
    assertThat(o.pngBytes().length).isLessThan(20_000);
    // The diff panel is the third: valueOf (only in the pitfall) is yellow, add (70 vs 100) blue.
    int diffTop = 2 * (FlameImage.TITLE + 2 * FlameImage.ROW + FlameImage.GAP) + FlameImage.TITLE;
    int addRow = diffTop + FlameImage.ROW / 2; // level 1 (the top row of this two-level panel)
    // Frames are ordered by name, as the converter orders them: java/lang/Integer.valueOf (30%)
    // before org/p/Sum.add (70%).
    int valueOfX = FlameImage.WIDTH * 15 / 100;
    assertThat(new java.awt.Color(img.getRGB(valueOfX, addRow))).isEqualTo(FlameImage.NEW);
    java.awt.Color add = new java.awt.Color(img.getRGB(FlameImage.WIDTH * 65 / 100, addRow));
    assertThat(add).isEqualTo(new java.awt.Color(96, 96, 255));
  }

  @Test
  void diffColoursFollowTheConverter() {
    assertThat(FlameImage.diffColor(null, 10)).isEqualTo(FlameImage.NEW);
    assertThat(FlameImage.diffColor(0L, 10)).isEqualTo(FlameImage.SAME);
    assertThat(FlameImage.diffColor(10L, 10)).isEqualTo(new java.awt.Color(255, 96, 96));
    assertThat(FlameImage.diffColor(-10L, 10)).isEqualTo(new java.awt.Color(96, 96, 255));
    assertThat(FlameImage.diffColor(1L, 10).getRed()).isEqualTo(255);
  }

  @Test
  void noProfilesFolderSaysSo(@TempDir Path dir) {
    assertThat(new Profiles(dir.resolve("none")).topFrames().text()).contains("No flame graphs");
    assertThat(new Profiles(dir.resolve("none")).images())
        .singleElement()
        .extracting(Output::text)
        .asString()
        .contains("No flame graphs");
  }
}
