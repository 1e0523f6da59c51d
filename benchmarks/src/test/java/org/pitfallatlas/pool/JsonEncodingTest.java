package org.pitfallatlas.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

class JsonEncodingTest {

  private static JsonEncoding bench(int lines) {
    JsonEncoding b = new JsonEncoding();
    b.lines = lines;
    b.setup();
    return b;
  }

  @ParameterizedTest
  @ParamValues(of = JsonEncoding.class, field = "lines")
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
