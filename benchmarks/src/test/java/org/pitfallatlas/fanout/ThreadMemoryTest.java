package org.pitfallatlas.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;

class ThreadMemoryTest {

  /** The Thread lines of `jcmd <pid> VM.native_memory summary` on Temurin 25 (this machine). */
  private static final String NMT_25 =
      """
      Total: reserved=7751618KB, committed=497134KB
      -                    Thread (reserved=18490KB, committed=786KB)
                                  (stack: reserved=18432KB, committed=728KB, peak=728KB)
                                  (malloc=39KB tag=Thread #109) (peak=46KB #107)
      """;

  @Test
  void readsTheThreadCategoryOfAnNmtSummaryInBytes() {
    assertThat(ThreadMemory.parseNmtThread(NMT_25)).containsExactly(18490L * 1024, 786L * 1024);
  }

  @Test
  void anNmtAnswerWithoutTheCategoryIsNotAFigure() {
    assertThat(ThreadMemory.parseNmtThread("Native memory tracking is not enabled")).isNull();
  }

  @Test
  void readsVmRss() {
    assertThat(ThreadMemory.rssBytes(List.of("VmHWM:\t  2000 kB", "VmRSS:\t  1536 kB")))
        .isEqualTo(1536L * 1024);
    assertThat(ThreadMemory.rssBytes(List.of("Name: java"))).isEqualTo(-1);
  }

  @Test
  void perThreadIsTheDifferenceDividedByTheCount() {
    var before = new ThreadMemory.Snapshot(1_000, 100, 10_000, 50_000);
    var after =
        new ThreadMemory.Snapshot(1_000 + 1_048_576 * 10, 100 + 32_768 * 10, 200_000, 52_000);
    ThreadMemory.PerThread m = ThreadMemory.perThread(before, after, 10);
    assertThat(m.nmt()).isTrue();
    assertThat(m.nmtReserved()).isEqualTo(1_048_576);
    assertThat(m.nmtCommitted()).isEqualTo(32_768);
    assertThat(m.rss()).isEqualTo(19_000);
    assertThat(m.heap()).isEqualTo(200);
    assertThat(m.committed()).isEqualTo(32_968);
    assertThat(m.reserved()).isEqualTo(1_048_776);

    List<Result> results = ThreadMemoryProfiler.results(m);
    assertThat(results)
        .extracting(Result::getLabel)
        .containsExactly(
            "thread.committed",
            "thread.reserved",
            "thread.nmt.committed",
            "thread.nmt.reserved",
            "thread.heap",
            "thread.rss");
    assertThat(results).allMatch(r -> r.getScoreUnit().equals(ThreadMemoryProfiler.UNIT));
    assertThat(results.get(0).getScore()).isEqualTo(32_968);
  }

  @Test
  void withoutNmtOrRssOnlyTheHeapIsReported() {
    var before = new ThreadMemory.Snapshot(-1, -1, -1, 0);
    var after = new ThreadMemory.Snapshot(-1, -1, -1, 4_000);
    ThreadMemory.PerThread m = ThreadMemory.perThread(before, after, 2);
    assertThat(ThreadMemoryProfiler.results(m))
        .extracting(Result::getLabel)
        .containsExactly("thread.heap");
    assertThat(ThreadMemoryProfiler.results(null)).isEmpty();
  }
}
