package org.pitfallatlas.analysis.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlicedStacksTest {

  static SlicedStacks stacks(SlicedStacks.Stack... s) {
    return new SlicedStacks(SlicedStacks.FORMAT, "cpu", s[0].counts().length, 1, 2, List.of(s));
  }

  @Test
  void writesGzippedJsonAndReadsItBack(@TempDir Path dir) throws IOException {
    SlicedStacks s =
        stacks(
            new SlicedStacks.Stack("main;work", new long[] {3, 0, 2}),
            new SlicedStacks.Stack("main;queue.put;LockSupport.park", new long[] {1, 1, 0}));
    Path f = dir.resolve(SlicedStacks.fileName("cpu"));
    s.write(f);
    assertThat(f.getFileName().toString()).isEqualTo("stacks-cpu.json.gz");
    byte[] bytes = Files.readAllBytes(f);
    assertThat(bytes[0] & 0xff).isEqualTo(0x1f); // gzip magic
    assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
    SlicedStacks back = SlicedStacks.read(f);
    assertThat(back).isEqualTo(s);
    assertThat(back.total()).isEqualTo(7);
    assertThat(back.sliceTotal(0)).isEqualTo(4);
    assertThat(back.stacks().get(1).frameList())
        .containsExactly("main", "queue.put", "LockSupport.park");
  }

  @Test
  void refusesAnotherFormatWithAClearMessage(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("stacks-cpu.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(
          "{\"format\": \"other 2\", \"event\": \"cpu\", \"slices\": 1, \"stacks\": []}"
              .getBytes());
    }
    assertThatThrownBy(() -> SlicedStacks.read(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("format \"other 2\"");
  }

  @Test
  void everyStackHasOneCountPerSlice() {
    assertThatThrownBy(
            () ->
                new SlicedStacks(
                    SlicedStacks.FORMAT,
                    "cpu",
                    3,
                    0,
                    1,
                    List.of(new SlicedStacks.Stack("a", new long[] {1, 2}))))
        .hasMessageContaining("has 2 counts for 3 slices");
    assertThatThrownBy(() -> new SlicedStacks.Stack("a", new long[] {-1}))
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> new SlicedStacks.Stack("", new long[] {1}))
        .hasMessageContaining("at least one frame");
  }
}
