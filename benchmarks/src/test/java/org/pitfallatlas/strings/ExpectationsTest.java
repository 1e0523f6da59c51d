package org.pitfallatlas.strings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
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
import org.openjdk.jmh.annotations.Param;
import org.pitfallatlas.jol.AllocationExpectation;

/**
 * Keeps the suite file's {@code expectedBytesPerOp} numbers equal to what JOL computes, and the
 * suite's pairs in step with the benchmark classes of the package.
 */
class ExpectationsTest {

  private static final String PACKAGE = "org.pitfallatlas.strings";
  private static final Path SUITE = Path.of("suites", "strings.json");

  private static JsonNode suite;
  private static AllocationExpectation jol;

  @BeforeAll
  static void readSuite() throws IOException {
    assertThat(SUITE).as("run from the benchmarks module directory").isRegularFile();
    suite = new ObjectMapper().readTree(SUITE.toFile());
    jol = AllocationExpectation.ofRunningJvm();
  }

  /** One row per {@code expectedBytesPerOp} entry of the suite file. */
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
        continue; // StringFormat, DebugLogging: JDK/Logback internals, measured not predicted
      }
      expected
          .fields()
          .forEachRemaining(
              e ->
                  entries.add(
                      new Entry(
                          pair.get("class").asText() + "." + e.getKey(),
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
  void everyMethodOfThePredictablePairsHasAnExpectationInTheSuiteAndInExpectations()
      throws ReflectiveOperationException, IOException {
    Set<String> inSuite = new TreeSet<>();
    entries().forEach(e -> inSuite.add(e.benchmark()));

    Set<String> benchmarks = new TreeSet<>();
    for (String className : List.of("LoopConcat", "ConcatExpression")) {
      for (Method method : Class.forName(PACKAGE + "." + className).getDeclaredMethods()) {
        if (method.isAnnotationPresent(Benchmark.class)) {
          benchmarks.add(className + "." + method.getName());
        }
      }
    }

    assertThat(inSuite).isEqualTo(benchmarks);
    assertThat(new TreeSet<>(Expectations.benchmarks())).isEqualTo(benchmarks);
  }

  @Test
  void suiteListsEveryBenchmarkClassOfThePackageOnce() throws URISyntaxException, IOException {
    // The main classes' directory (target/classes), not the tests' one for the same package.
    Path dir =
        Path.of(LoopConcat.class.getProtectionDomain().getCodeSource().getLocation().toURI())
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

    assertThat(pairClasses()).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(pairClasses())).isEqualTo(withBenchmarks);
  }

  @Test
  void profileParamsAreOnePointOfEachSweep() throws ReflectiveOperationException {
    for (JsonNode pair : suite.get("pairs")) {
      String className = pair.get("class").asText();
      Map<String, String> params = strings(pair.get("profileParams"));
      assertThat(params.keySet()).as(className).isEqualTo(paramNames(className));
      assertValidParams(className, params);
    }
  }

  @Test
  void unknownBenchmarkOrMissingParamIsRejected() {
    assertThatThrownBy(() -> Expectations.bytesPerOp("StringFormat.pitfallFormat", Map.of(), jol))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LoopConcat.fixJoin");
    assertThatThrownBy(() -> Expectations.bytesPerOp("LoopConcat.fixJoin", Map.of(), jol))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parts");
  }

  @Test
  void plusEqualsIsQuadraticAndEveryFixLinear() {
    String[] fixes = {"LoopConcat.fixBuilder", "LoopConcat.fixSizedBuilder", "LoopConcat.fixJoin"};
    long[] pitfall = new long[3];
    String[] parts = {"64", "256", "1024"};
    for (int i = 0; i < parts.length; i++) {
      pitfall[i] =
          Expectations.bytesPerOp("LoopConcat.pitfallPlusEquals", Map.of("parts", parts[i]), jol);
    }
    // x4 parts: ~x16 bytes for +=, ~x4 for every fix.
    assertThat((double) pitfall[2] / pitfall[1]).isBetween(15.0, 16.0);
    for (String fix : fixes) {
      double step =
          (double) Expectations.bytesPerOp(fix, Map.of("parts", "1024"), jol)
              / Expectations.bytesPerOp(fix, Map.of("parts", "256"), jol);
      assertThat(step).as(fix).isBetween(3.8, 4.1);
    }
    // join allocates the text once (plus the array of references): less than the sized builder.
    assertThat(Expectations.bytesPerOp("LoopConcat.fixJoin", Map.of("parts", "1024"), jol))
        .isLessThan(
            Expectations.bytesPerOp("LoopConcat.fixSizedBuilder", Map.of("parts", "1024"), jol));
  }

  private static List<String> pairClasses() {
    List<String> classes = new ArrayList<>();
    suite.get("pairs").forEach(p -> classes.add(p.get("class").asText()));
    return classes;
  }

  private static boolean hasBenchmarks(String className) {
    try {
      return Arrays.stream(Class.forName(PACKAGE + "." + className).getDeclaredMethods())
          .anyMatch(m -> m.isAnnotationPresent(Benchmark.class));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> paramNames(String className) throws ClassNotFoundException {
    Set<String> names = new TreeSet<>();
    for (var field : Class.forName(PACKAGE + "." + className).getDeclaredFields()) {
      if (field.isAnnotationPresent(Param.class)) {
        names.add(field.getName());
      }
    }
    return names;
  }

  private static void assertValidParams(String className, Map<String, String> params)
      throws ReflectiveOperationException {
    Class<?> type = Class.forName(PACKAGE + "." + className);
    for (Map.Entry<String, String> param : params.entrySet()) {
      Param values = type.getDeclaredField(param.getKey()).getAnnotation(Param.class);
      assertThat(values).as(className + "." + param.getKey() + " is a @Param").isNotNull();
      assertThat(values.value()).as(className + "." + param.getKey()).contains(param.getValue());
    }
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }
}
