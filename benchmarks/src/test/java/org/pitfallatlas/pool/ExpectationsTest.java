package org.pitfallatlas.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.pitfallatlas.jol.AllocationExpectation;

/**
 * Keeps the suite file's {@code expectedBytesPerOp} numbers and G1 heap facts equal to what JOL and
 * the benchmark's own annotations say, and the suite's pairs in step with the package's classes.
 */
class ExpectationsTest {

  private static final String PACKAGE = "org.pitfallatlas.pool";
  private static final Path SUITE = Path.of("suites", "pool.json");

  private static JsonNode suite;
  private static AllocationExpectation jol;

  @BeforeAll
  static void readSuite() throws IOException {
    assertThat(SUITE).as("run from the benchmarks module directory").isRegularFile();
    suite = new ObjectMapper().readTree(SUITE.toFile());
    jol = AllocationExpectation.ofRunningJvm();
  }

  /**
   * One row per {@code expectedBytesPerOp} entry; a key may name the point, as in {@code
   * "pitfallAllocate@4096"}, so one method can carry several.
   */
  record Entry(String benchmark, Map<String, String> params, long bytes, JsonNode json) {
    @Override
    public String toString() {
      return benchmark + " " + params + " = " + bytes + " B";
    }
  }

  static Stream<Entry> entries() throws IOException {
    JsonNode root = new ObjectMapper().readTree(SUITE.toFile());
    List<Entry> entries = new ArrayList<>();
    for (JsonNode pair : root.get("pairs")) {
      JsonNode expected = pair.get("expectedBytesPerOp");
      if (expected == null) {
        continue;
      }
      expected
          .fields()
          .forEachRemaining(
              e ->
                  entries.add(
                      new Entry(
                          pair.get("class").asText() + "." + e.getKey().split("@")[0],
                          strings(e.getValue().get("params")),
                          e.getValue().get("bytes").asLong(),
                          e.getValue())));
    }
    return entries.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void suiteNumberIsTheJolFigure(Entry entry) {
    assumeThat(jol.layout())
        .as("the suite's numbers are for another object layout; this JVM's figures differ")
        .isEqualTo(suite.at("/expectedBytesPerOpLayout/layout").asText());

    assertThat(Expectations.bytesPerOp(entry.benchmark(), entry.params(), jol))
        .as(entry.benchmark() + " at " + entry.params())
        .isEqualTo(entry.bytes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void entryIsComplete(Entry entry) throws ReflectiveOperationException {
    assertThat(entry.json().get("tolerance").asDouble()).isBetween(0.0, 0.25);
    assertThat(entry.json().get("toleranceBytes").asLong()).isBetween(0L, 64L);
    assertThat(entry.json().get("why").asText()).isNotBlank();
    assertValidParams(
        entry.benchmark().substring(0, entry.benchmark().indexOf('.')), entry.params());
  }

  @Test
  void everyPredictableBenchmarkHasAnEntryInTheSuite() throws IOException {
    Set<String> inSuite = new TreeSet<>();
    entries().forEach(e -> inSuite.add(e.benchmark()));
    assertThat(inSuite).isEqualTo(new TreeSet<>(Expectations.benchmarks()));
  }

  @Test
  void allocationGrowsWithTheBufferAndReuseAllocatesNothing() {
    long small = Expectations.bytesPerOp("BufferReuse.pitfallAllocate", Map.of("size", "64"), jol);
    long large =
        Expectations.bytesPerOp("BufferReuse.pitfallAllocate", Map.of("size", "1048576"), jol);
    assertThat(small).isBetween(64L, 64L + 24);
    assertThat(large).isBetween(1_048_576L, 1_048_576L + 24);
    assertThat(Expectations.bytesPerOp("BufferReuse.fixThreadLocal", Map.of("size", "64"), jol))
        .isZero();
  }

  @Test
  void unknownBenchmarkOrMissingParamIsRejected() {
    assertThatThrownBy(() -> Expectations.bytesPerOp("BufferReuse.fixCommonsPool", Map.of(), jol))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BufferReuse.pitfallAllocate");
    assertThatThrownBy(() -> Expectations.bytesPerOp("BufferReuse.pitfallAllocate", Map.of(), jol))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size");
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
  void humongousSizesAreExactlyThoseAtLeastHalfARegionWithTheirHeader() throws Exception {
    JsonNode heap = pair("BufferReuse").path("heap");
    long threshold = heap.path("humongousThresholdBytes").asLong();
    List<String> stated = new ArrayList<>();
    heap.path("humongousSizes").forEach(s -> stated.add(s.asText()));

    List<String> sizes = Arrays.asList(paramValues("BufferReuse", "size"));
    List<String> computed = new ArrayList<>();
    for (String size : sizes) {
      if (jol.arrayBytes(byte.class, Integer.parseInt(size)) >= threshold) {
        computed.add(size);
      }
    }
    assertThat(stated).containsExactlyElementsOf(computed);
    // The sweep must straddle the threshold: some sizes below it, some past it.
    assertThat(computed).isNotEmpty().hasSizeLessThan(sizes.size());
  }

  @Test
  void suiteListsEveryBenchmarkClassOfThePackageOnce() throws URISyntaxException, IOException {
    // The main classes' directory (target/classes), not the tests' one for the same package.
    Path dir =
        Path.of(BufferReuse.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(PACKAGE.replace('.', '/'));
    Set<String> withBenchmarks = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.contains("$"))
          .map(n -> n.substring(0, n.length() - ".class".length()))
          .filter(ExpectationsTest::hasBenchmarks)
          .forEach(withBenchmarks::add);
    }
    List<String> classes = new ArrayList<>();
    suite.get("pairs").forEach(p -> classes.add(p.get("class").asText()));
    assertThat(classes).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(classes)).isEqualTo(withBenchmarks);
  }

  @Test
  void profileParamsAreOnePointOfEachSweep() throws ReflectiveOperationException {
    for (JsonNode pair : suite.get("pairs")) {
      String className = pair.get("class").asText();
      Map<String, String> params = strings(pair.get("profileParams"));
      Set<String> names = new TreeSet<>();
      for (var field : Class.forName(PACKAGE + "." + className).getDeclaredFields()) {
        if (field.isAnnotationPresent(Param.class)) {
          names.add(field.getName());
        }
      }
      assertThat(params.keySet()).as(className).isEqualTo(names);
      assertValidParams(className, params);
    }
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

  private static boolean hasBenchmarks(String className) {
    try {
      return Arrays.stream(Class.forName(PACKAGE + "." + className).getDeclaredMethods())
          .anyMatch(m -> m.isAnnotationPresent(Benchmark.class));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] paramValues(String className, String field)
      throws ReflectiveOperationException {
    Param values =
        Class.forName(PACKAGE + "." + className).getDeclaredField(field).getAnnotation(Param.class);
    assertThat(values).as(className + "." + field + " is a @Param").isNotNull();
    return values.value();
  }

  private static void assertValidParams(String className, Map<String, String> params)
      throws ReflectiveOperationException {
    for (Map.Entry<String, String> param : params.entrySet()) {
      assertThat(paramValues(className, param.getKey()))
          .as(className + "." + param.getKey())
          .contains(param.getValue());
    }
  }

  private static JsonNode pair(String className) {
    for (JsonNode pair : suite.path("pairs")) {
      if (pair.path("class").asText().equals(className)) {
        return pair;
      }
    }
    throw new AssertionError("no " + className + " pair in " + SUITE.toAbsolutePath());
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }
}
