package org.pitfallatlas.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fixtures and golden files in {@code src/test/resources/testdata}. Run the tests with {@code
 * -Datlas.regenerateGolden=true} to rewrite the {@code *.golden} files from the current output.
 */
public final class Testdata {
  private Testdata() {}

  /** Returns the path of a fixture (in target/test-classes). */
  public static Path path(String name) {
    try {
      return Path.of(Testdata.class.getResource("/testdata/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no fixture " + name, e);
    }
  }

  /** Asserts that {@code actual} equals the golden file {@code name}, or rewrites it. */
  public static void assertGolden(String name, String actual) throws IOException {
    Path source = Path.of("src/test/resources/testdata", name);
    if (Boolean.parseBoolean(System.getProperty("atlas.regenerateGolden"))) {
      Files.writeString(source, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(source)
        .as("golden file %s (regenerate with -Datlas.regenerateGolden=true)", name)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(source, StandardCharsets.UTF_8));
  }
}
