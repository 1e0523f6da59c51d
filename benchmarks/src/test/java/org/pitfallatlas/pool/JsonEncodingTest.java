package org.pitfallatlas.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

class JsonEncodingTest {

  /** Every line count the benchmark declares, read from its @Param. */
  static IntStream lineCounts() throws NoSuchFieldException {
    String[] values =
        JsonEncoding.class.getDeclaredField("lines").getAnnotation(Param.class).value();
    assertThat(values).isNotEmpty();
    return Arrays.stream(values).mapToInt(Integer::parseInt);
  }

  private static JsonEncoding bench(int lines) {
    JsonEncoding b = new JsonEncoding();
    b.lines = lines;
    b.setup();
    return b;
  }

  @ParameterizedTest
  @MethodSource("lineCounts")
  void everyVariantWritesTheSameBytes(int lines) throws Exception {
    JsonEncoding b = bench(lines);
    byte[] want = b.pitfallMapperPerCall();
    for (int call = 0; call < 3; call++) { // later calls run on recycled buffers
      assertThat(b.pitfallMapperPerCall()).isEqualTo(want);
      assertThat(b.pitfallNoBufferPool()).isEqualTo(want);
      assertThat(b.fixSharedMapper()).isEqualTo(want);
      assertThat(b.fixSharedWriter()).isEqualTo(want);
    }
    JsonNode tree = new ObjectMapper().readTree(want);
    assertThat(tree.get("lines").size()).isEqualTo(lines);
    assertThat(tree.get("currency").asText()).isEqualTo("EUR");
  }

  @Test
  void recycledBuffersDoNotLeakAPreviousLongerDocument() throws Exception {
    JsonEncoding large = bench(64);
    JsonEncoding small = bench(1);
    // Share the mappers, so the small document reuses the buffers the large one dirtied.
    small.sharedMapper = large.sharedMapper;
    small.sharedWriter = large.sharedWriter;
    byte[] fresh = new ObjectMapper().writeValueAsBytes(small.order);

    large.fixSharedMapper();
    assertThat(small.fixSharedMapper()).isEqualTo(fresh);
    large.fixSharedWriter();
    assertThat(small.fixSharedWriter()).isEqualTo(fresh);
  }
}
