package org.pitfallatlas.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jol.info.ClassLayout;

/**
 * Recomputes the suite file's expectedBytesPerOp and humongous-threshold facts for BufferReuse from
 * JOL and from the class's own annotations, so the data the central checks use cannot drift.
 */
class BufferReuseBytesTest {

  private static final Path SUITE = Path.of("suites", "pool.json");

  private static long jolBytes(int length) {
    return ClassLayout.parseInstance(new byte[length]).instanceSize();
  }

  @Test
  void expectedBytesPerOpInTheSuiteFileAreTheJolSizes() throws IOException {
    JsonNode expectations = pair("BufferReuse").path("expectedBytesPerOp");
    assertThat(expectations.size()).isGreaterThanOrEqualTo(2);
    for (var entry : expectations.properties()) {
      String method = entry.getKey().split("@")[0];
      int size = Integer.parseInt(entry.getValue().path("params").path("size").asText());
      long expected =
          switch (method) {
            case "pitfallAllocate" -> jolBytes(size);
            case "fixThreadLocal" -> 0;
            default -> throw new AssertionError("unexpected method " + entry.getKey());
          };
      assertThat(entry.getValue().path("bytes").asLong()).as(entry.getKey()).isEqualTo(expected);
      assertThat(entry.getValue().path("tolerance").asDouble()).isBetween(0.0, 0.25);
      assertThat(declaredSizes()).as(entry.getKey()).contains(size);
    }
  }

  @Test
  void theSuiteStatesTheHeapTheForkReallyUses() throws IOException {
    JsonNode heap = pair("BufferReuse").path("heap");
    List<String> suiteArgs = new ArrayList<>();
    heap.path("jvmArgs").forEach(a -> suiteArgs.add(a.asText()));
    String[] forkArgs = BufferReuse.class.getAnnotation(Fork.class).jvmArgsAppend();
    assertThat(suiteArgs).containsExactly(forkArgs);

    long region = regionBytes(forkArgs);
    assertThat(heap.path("regionBytes").asLong()).isEqualTo(region);
    assertThat(heap.path("humongousThresholdBytes").asLong()).isEqualTo(region / 2);
  }

  @Test
  void humongousSizesAreExactlyThoseAtLeastHalfARegionWithTheirHeader() throws IOException {
    JsonNode heap = pair("BufferReuse").path("heap");
    long threshold = heap.path("humongousThresholdBytes").asLong();
    List<Integer> stated = new ArrayList<>();
    heap.path("humongousSizes").forEach(s -> stated.add(Integer.parseInt(s.asText())));

    List<Integer> computed = new ArrayList<>();
    for (int size : declaredSizes()) {
      if (jolBytes(size) >= threshold) {
        computed.add(size);
      }
    }
    assertThat(stated).containsExactlyElementsOf(computed);
    // The sweep must straddle the threshold: some sizes below, some past it.
    assertThat(computed).isNotEmpty().hasSizeLessThan(declaredSizes().size());
  }

  private static long regionBytes(String[] jvmArgs) {
    for (String arg : jvmArgs) {
      if (arg.startsWith("-XX:G1HeapRegionSize=")) {
        String v = arg.substring(arg.indexOf('=') + 1).toLowerCase();
        long unit = v.endsWith("m") ? 1L << 20 : v.endsWith("k") ? 1L << 10 : 1L;
        return Long.parseLong(v.replaceAll("[km]$", "")) * unit;
      }
    }
    throw new AssertionError("BufferReuse does not pin G1HeapRegionSize");
  }

  private static List<Integer> declaredSizes() {
    try {
      String[] values =
          BufferReuse.class.getDeclaredField("size").getAnnotation(Param.class).value();
      return Arrays.stream(values).map(Integer::valueOf).toList();
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode pair(String className) throws IOException {
    JsonNode suite = new ObjectMapper().readTree(SUITE.toFile());
    for (JsonNode pair : suite.path("pairs")) {
      if (pair.path("class").asText().equals(className)) {
        return pair;
      }
    }
    throw new AssertionError("no " + className + " pair in " + SUITE.toAbsolutePath());
  }
}
