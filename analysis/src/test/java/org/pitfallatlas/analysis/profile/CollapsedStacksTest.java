package org.pitfallatlas.analysis.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollapsedStacksTest {

  @Test
  void readsAnHtmlFlameGraphBackIntoItsStacks(@TempDir Path dir) throws Exception {
    Path html =
        DiffFlameGraphsTest.graph(
            dir, "org.p.Sum.pitfallList-AverageTime", "cpu", DiffFlameGraphsTest.PITFALL);
    CollapsedStacks s = CollapsedStacks.read(html);
    assertThat(s.total()).isEqualTo(100);
    assertThat(s.weights()).hasSize(3);
  }

  @Test
  void dropsTheHarnessDownToTheJmhStub() {
    CollapsedStacks s = CollapsedStacks.parse(DiffFlameGraphsTest.PITFALL).withoutHarness();
    assertThat(s.weights())
        .containsEntry("org/p/Sum.pitfallList_[i];org/p/Sum.add_[i]", 60L)
        .containsEntry("clone3;start_thread;G1YoungCollector::collect", 10L);
  }

  @Test
  void ranksFramesBySelfAndByTotalShare() {
    CollapsedStacks s = CollapsedStacks.parse(DiffFlameGraphsTest.PITFALL).withoutHarness();
    assertThat(s.topSelf(2))
        .containsExactly(
            new CollapsedStacks.FrameShare("org/p/Sum.add", 0.6),
            new CollapsedStacks.FrameShare("java/lang/Integer.valueOf", 0.3));
    List<CollapsedStacks.FrameShare> total = s.topTotal(10);
    assertThat(total.get(0))
        .isEqualTo(new CollapsedStacks.FrameShare("org/p/Sum.pitfallList", 0.9));
    assertThat(total).hasSize(6);
  }

  @Test
  void aRecursiveFrameCountsOncePerStackInItsTotal() {
    CollapsedStacks s = CollapsedStacks.parse("a;b;a;c 4\nd 4\n");
    assertThat(s.topTotal(1)).containsExactly(new CollapsedStacks.FrameShare("a", 0.5));
  }

  @Test
  void shortNamesDropThePackageOnly() {
    assertThat(CollapsedStacks.shortName("java/lang/Thread.run_[j]")).isEqualTo("Thread.run");
    assertThat(CollapsedStacks.shortName("java.lang.Integer_[i]")).isEqualTo("Integer");
    assertThat(CollapsedStacks.shortName("G1YoungCollector::collect"))
        .isEqualTo("G1YoungCollector::collect");
    assertThat(CollapsedStacks.shortName("clone3")).isEqualTo("clone3");
    assertThat(CollapsedStacks.type("pvm_irq_enable_[k]"))
        .isEqualTo(CollapsedStacks.FrameType.KERNEL);
  }

  @Test
  void aDiffLinesUpLambdasAndHiddenClassesAcrossRuns() {
    CollapsedStacks pitfall =
        CollapsedStacks.parse(
            "Thread.run;F$$Lambda.0x0000000029064a68.run;F.lambda$setup$0;F.count 5\n");
    CollapsedStacks fix =
        CollapsedStacks.parse(
            "Thread.run;F$$Lambda.0x0000000067064c98.run;F.lambda$setup$1;F.count 7\n");
    assertThat(pitfall.forDiff("r").weights().keySet())
        .isEqualTo(fix.forDiff("r").weights().keySet())
        .containsExactly("Thread.run;F$$Lambda.run;F.lambda$setup;F.count");
  }

  @Test
  void aLineWithoutAWeightIsRejected() {
    assertThatThrownBy(() -> CollapsedStacks.parse("a;b;c\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no weight");
  }
}
