package org.pitfallatlas.myths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class ProcessorCountTest {

  /**
   * Both sides run the same handler; what differs is the pool it fans out into. Run inside a
   * ForkJoinPool, a parallel stream uses that pool and splits by its parallelism (leaf target =
   * parallelism x 4), so a 15-worker pool and a 1-worker pool reproduce the pitfall's and the fix's
   * decomposition. Both must give the sequential answer.
   */
  @ParameterizedTest
  @ParamValues(of = ProcessorCount.class, field = "items")
  void theAnswerDoesNotDependOnTheParallelism(int items) throws Exception {
    ProcessorCount bench = bench(items);
    List<ProcessorCount.Line> sequential =
        IntStream.range(0, items).mapToObj(bench::price).toList();
    long expected = ProcessorCount.checksum(sequential);

    assertThat(inPool(ProcessorCount.HOST_CPUS - 1, bench)).isEqualTo(expected);
    assertThat(inPool(1, bench)).isEqualTo(expected);
    assertThat(sequential).hasSize(items);
    assertThat(sequential.getFirst().label()).startsWith("SKU-");
  }

  /**
   * What the header claims the flag sets, checked in fresh JVMs (G1, as in the quota-1cpu
   * configuration): -XX:ActiveProcessorCount=16 gives a common pool of 15 and 13 parallel GC
   * threads; =1 gives 1 and 1. (Without the flag, inside a 1-CPU cgroup, the JVM reads the quota
   * and shows the second view: the smoke run's log and the class header show it.)
   */
  @Test
  void theProcessorCountSizesThePoolsTheGcAndTheJit() throws Exception {
    String host = view(16);
    assertThat(host)
        .contains("availableProcessors=16 ")
        .contains("commonPool.parallelism=15 ")
        .contains("ParallelGCThreads=13 ")
        .contains("ConcGCThreads=3 ")
        .contains("CICompilerCount=12 ")
        .contains("G1 Young Generation");
    String one = view(1);
    assertThat(one)
        .contains("availableProcessors=1 ")
        .contains("commonPool.parallelism=1 ")
        .contains("ParallelGCThreads=1 ")
        .contains("ConcGCThreads=1 ")
        .contains("CICompilerCount=2 ")
        .contains("G1 Young Generation");
  }

  @Test
  void thePitfallRefusesToRunWithoutItsProcessorCount() {
    String pitfall = ProcessorCount.class.getName() + ".pitfallHostSized";
    assertThatThrownBy(() -> ProcessorCount.requireHostSized(pitfall, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sees 2")
        .hasMessageContaining("-jvmArgsPrepend");
    ProcessorCount.requireHostSized(pitfall, ProcessorCount.HOST_CPUS);
    ProcessorCount.requireHostSized(ProcessorCount.class.getName() + ".fixQuotaSized", 2);
  }

  private static long inPool(int parallelism, ProcessorCount bench) throws Exception {
    ForkJoinPool pool = new ForkJoinPool(parallelism);
    try {
      return pool.submit(bench::handle).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static String view(int cpus) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-XX:ActiveProcessorCount=" + cpus,
            "-XX:+UseG1GC",
            "-Xmx64m",
            "-cp",
            System.getProperty("java.class.path"),
            ForkView.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("java ForkView finished").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static ProcessorCount bench(int items) {
    ProcessorCount bench = new ProcessorCount();
    bench.items = items;
    bench.setup();
    return bench;
  }
}
