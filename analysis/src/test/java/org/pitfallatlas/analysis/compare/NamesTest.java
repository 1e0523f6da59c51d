package org.pitfallatlas.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void sameFileNameInTwoFoldersIsLabelledByTheFolder() {
    assertThat(
            Names.distinguishing(
                List.of(Path.of("/r/before/jmh-result.json"), Path.of("/r/after/jmh-result.json"))))
        .containsExactly("before/jmh-result.json", "after/jmh-result.json");
  }

  @Test
  void distinctNamesStayShortAndOnlyTheCollidingOnesGrow() {
    assertThat(
            Names.distinguishing(
                List.of(
                    Path.of("/a/x/run/jmh-result.json"),
                    Path.of("/a/y/run/jmh-result.json"),
                    Path.of("/a/base.json"))))
        .containsExactly("x/run/jmh-result.json", "y/run/jmh-result.json", "base.json");
  }

  @Test
  void theSameFileTwiceGetsASuffix() {
    assertThat(Names.distinguishing(List.of(Path.of("/a/b.json"), Path.of("/a/./b.json"))))
        .containsExactly("b.json", "b.json#2");
  }

  @Test
  void theSameClassAndMethodInTwoPackagesKeepsThePackage() {
    var names =
        Names.unambiguous(
            List.of(
                "org.jdk.ConcCollectionBenchmark.ArrayBlockingQueue",
                "org.guava.ConcCollectionBenchmark.ArrayBlockingQueue",
                "org.jdk.Other.run"));
    assertThat(names)
        .containsEntry(
            "org.jdk.ConcCollectionBenchmark.ArrayBlockingQueue",
            "jdk.ConcCollectionBenchmark.ArrayBlockingQueue")
        .containsEntry(
            "org.guava.ConcCollectionBenchmark.ArrayBlockingQueue",
            "guava.ConcCollectionBenchmark.ArrayBlockingQueue")
        .containsEntry("org.jdk.Other.run", "Other.run");
  }
}
