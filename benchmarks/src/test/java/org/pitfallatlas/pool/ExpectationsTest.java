package org.pitfallatlas.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;
import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps pool's suite file in step with its package and with {@link Expectations} (the contract),
 * and its G1 heap facts equal to what JOL and {@link BufferReuse}'s own {@code @Fork} say.
 */
class ExpectationsTest extends SuiteContract {

  ExpectationsTest() {
    super("pool", Expectations.BYTES_PER_OP, "BufferReuse.fixCommonsPool", "JsonEncoding");
  }

  @Test
  void allocationGrowsWithTheBufferAndReuseAllocatesNothing() {
    long small = bytes("BufferReuse.pitfallAllocate", Map.of("size", "64"));
    long large = bytes("BufferReuse.pitfallAllocate", Map.of("size", "1048576"));
    assertThat(small).isBetween(64L, 64L + 24);
    assertThat(large).isBetween(1_048_576L, 1_048_576L + 24);
    assertThat(bytes("BufferReuse.fixThreadLocal", Map.of("size", "64"))).isZero();
  }

  @Test
  void unknownBenchmarkOrMissingParamIsRejected() {
    assertRejected("BufferReuse.fixCommonsPool", Map.of(), "BufferReuse.pitfallAllocate");
    assertRejected("BufferReuse.pitfallAllocate", Map.of(), "size");
  }

  @Test
  void theSuiteStatesTheHeapTheForkReallyUses() {
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
  void humongousSizesAreExactlyThoseAtLeastHalfARegionWithTheirHeader() {
    JsonNode heap = pair("BufferReuse").path("heap");
    long threshold = heap.path("humongousThresholdBytes").asLong();
    List<String> stated = new ArrayList<>();
    heap.path("humongousSizes").forEach(s -> stated.add(s.asText()));

    List<String> sizes = params("BufferReuse").get("size");
    List<String> computed = new ArrayList<>();
    for (String size : sizes) {
      if (jol().arrayBytes(byte.class, Integer.parseInt(size)) >= threshold) {
        computed.add(size);
      }
    }
    assertThat(stated).containsExactlyElementsOf(computed);
    // The sweep must straddle the threshold: some sizes below it, some past it.
    assertThat(computed).isNotEmpty().hasSizeLessThan(sizes.size());
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
}
