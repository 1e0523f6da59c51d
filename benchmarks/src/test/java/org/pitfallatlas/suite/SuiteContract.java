package org.pitfallatlas.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.pitfallatlas.jol.AllocationExpectation;
import org.pitfallatlas.jol.BytesPerOp;

/**
 * A SuiteContract is what every family's suite file ({@code benchmarks/suites/<family>.json}) owes
 * the family's package: every benchmark class listed once, profile points that are points of the
 * sweeps, budgets the runner can use, configurations that the profile pass and the comparisons can
 * name, and {@code expectedBytesPerOp} entries that name real benchmarks at real points — with
 * numbers equal to the family's {@link BytesPerOp} on a JVM of the suite's object layout.
 *
 * <p>A family's test extends it, names the family (and its {@code BytesPerOp}, if it predicts
 * allocation) in its constructor, and adds only the checks that are the family's own. A check that
 * cannot run (no expectation function, another object layout) is skipped with its reason, never
 * passed silently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SuiteContract {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> BUDGETS = Set.of("smoke", "quick", "full");
  private static final String DURATION = "\\d+(ms|s)";

  private final String family;
  private final String javaPackage;
  private final BytesPerOp expectations;
  private final Set<String> measuredNotPredicted;
  private JsonNode suite;
  private AllocationExpectation jol;

  /**
   * Binds the contract to {@code family}: the package {@code org.pitfallatlas.<family>} and the
   * suite file {@code suites/<family>.json}, whose allocation numbers {@code expectations}
   * predicts.
   *
   * @param measuredNotPredicted what the family measures but does not predict: pair classes ({@code
   *     "JsonEncoding"}) or single benchmarks ({@code "BufferReuse.fixCommonsPool"}); every other
   *     {@code @Benchmark} method of the family must have an {@code expectedBytesPerOp} entry
   */
  protected SuiteContract(String family, BytesPerOp expectations, String... measuredNotPredicted) {
    this.family = family;
    this.javaPackage = "org.pitfallatlas." + family;
    this.expectations = expectations;
    this.measuredNotPredicted = Set.of(measuredNotPredicted);
  }

  /** Binds the contract to a family that predicts no allocation. */
  protected SuiteContract(String family) {
    this(family, null);
  }

  @BeforeAll
  void readSuite() throws IOException {
    Path file = Path.of("suites", family + ".json");
    assertThat(file).as("run from the benchmarks module directory").isRegularFile();
    suite = JSON.readTree(file.toFile());
    jol = AllocationExpectation.ofRunningJvm();
  }

  // ---------------------------------------------------------------- the suite and its package

  @Test
  void suiteNamesItsFamily() {
    assertThat(suite.path("family").asText()).isEqualTo(family);
    assertThat(suite.path("title").asText()).isNotBlank();
    assertThat(suite.path("goPitfall").asText()).isNotBlank();
  }

  @Test
  void suiteListsEveryBenchmarkClassOfThePackageOnce() throws IOException, URISyntaxException {
    // The main classes' directory (target/classes), not the tests' one for the same package.
    URI mainClasses =
        AllocationExpectation.class.getProtectionDomain().getCodeSource().getLocation().toURI();
    Path dir = Path.of(mainClasses).resolve(javaPackage.replace('.', '/'));
    Set<String> withBenchmarks = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (String name : files.map(f -> f.getFileName().toString()).toList()) {
        if (name.endsWith(".class") && !name.contains("$")) {
          String simpleName = name.substring(0, name.length() - ".class".length());
          if (!benchmarkMethods(simpleName).isEmpty()) {
            withBenchmarks.add(simpleName);
          }
        }
      }
    }

    assertThat(withBenchmarks).as("benchmark classes in " + dir).isNotEmpty();
    assertThat(pairClasses()).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(pairClasses())).isEqualTo(withBenchmarks);
  }

  @Test
  void everyPairStatesItsClaim() {
    for (JsonNode pair : suite.path("pairs")) {
      assertThat(pair.path("claim").asText()).as(pair.path("class").asText()).isNotBlank();
    }
  }

  @Test
  void profileParamsAreOnePointOfEachSweep() {
    for (JsonNode pair : suite.path("pairs")) {
      String className = pair.path("class").asText();
      assertThat(pair.has("profileParams")).as(className + " has profileParams").isTrue();
      assertPointOf(className, strings(pair.get("profileParams")));
    }
  }

  // ---------------------------------------------------------------- budgets and configurations

  @Test
  void budgetsSmokeQuickAndFullExistAndSmokeHasOneFork() {
    JsonNode budgets = suite.path("budgets");
    Set<String> names = new TreeSet<>();
    budgets.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsAll(BUDGETS);
    for (String name : names) {
      assertUsableBudget(name, budgets.get(name));
    }
    assertThat(budgets.at("/smoke/forks").asInt()).as("smoke forks").isEqualTo(1);
    // Each budget spends at least what the one before it does.
    for (String field : List.of("forks", "iterations")) {
      assertThat(budgets.at("/quick/" + field).asInt())
          .as("quick " + field)
          .isGreaterThanOrEqualTo(budgets.at("/smoke/" + field).asInt())
          .isLessThanOrEqualTo(budgets.at("/full/" + field).asInt());
    }
  }

  @Test
  void profilePassHasEventsAndABudget() {
    JsonNode profile = suite.path("profile");
    assertThat(profile.path("events").isArray()).as("profile.events").isTrue();
    assertThat(profile.path("events")).as("profile.events").isNotEmpty();
    profile.path("events").forEach(e -> assertThat(e.asText()).isNotBlank());
    assertUsableBudget("profile", profile.path("budget"));
  }

  @Test
  void configurationsHaveUniqueIdsAndJvmArgs() {
    List<String> ids = configurationIds();
    assertThat(ids)
        .isNotEmpty()
        .doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).isNotBlank());
    for (JsonNode configuration : suite.path("configurations")) {
      assertThat(configuration.path("jvmArgs").isArray())
          .as(configuration.path("id").asText() + ".jvmArgs")
          .isTrue();
    }
  }

  @Test
  void profileConfigurationsExist() {
    for (JsonNode id : suite.path("profile").path("configurations")) {
      assertThat(configurationIds()).as("profile.configurations").contains(id.asText());
    }
  }

  @Test
  void comparisonsNameTwoExistingConfigurationsAndAClaim() {
    for (JsonNode comparison : suite.path("comparisons")) {
      String pitfall = comparison.path("pitfall").asText();
      String fix = comparison.path("fix").asText();
      assertThat(configurationIds()).as("comparison " + comparison).contains(pitfall, fix);
      // The two sides differ in configuration, or in the @Param values they pin (gc's allocation
      // fix: g1-2x[garbageKiB=64] vs g1-2x[garbageKiB=4]).
      assertThat(pitfall + comparison.path("pitfallParams"))
          .as("comparison " + comparison)
          .isNotEqualTo(fix + comparison.path("fixParams"));
      assertThat(comparison.path("claim").asText()).as("comparison " + comparison).isNotBlank();
    }
  }

  @Test
  void profilersAreJmhNamesOrClassesThatExist() {
    for (JsonNode profiler : suite.path("profilers")) {
      String name = profiler.asText();
      assertThat(name).as("profiler").isNotBlank();
      if (name.contains(".")) {
        assertThat(loads(name)).as(name + " is a class").isTrue();
      }
    }
  }

  // ---------------------------------------------------------------- allocation expectations

  /** One row per {@code expectedBytesPerOp} entry; a key may name its point, as in {@code m@64}. */
  private record Entry(
      String className, String key, String method, Map<String, String> params, JsonNode json) {

    /** The benchmark as {@code Class.method}. */
    String benchmark() {
      return className + "." + method;
    }

    @Override
    public String toString() {
      return benchmark() + " " + params + " = " + json.path("bytes").asText() + " B";
    }
  }

  /** Returns the benchmarks ({@code Class.method}) the suite has an entry for. */
  private Set<String> benchmarksInSuite() {
    Set<String> benchmarks = new TreeSet<>();
    entries().forEach(e -> benchmarks.add(e.benchmark()));
    return benchmarks;
  }

  /** Returns the suite's {@code expectedBytesPerOp} entries, in file order. */
  private List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode pair : suite.path("pairs")) {
      String className = pair.path("class").asText();
      pair.path("expectedBytesPerOp")
          .fields()
          .forEachRemaining(
              e ->
                  entries.add(
                      new Entry(
                          className,
                          e.getKey(),
                          e.getKey().split("@", 2)[0],
                          strings(e.getValue().path("params")),
                          e.getValue())));
    }
    return entries;
  }

  @TestFactory
  Stream<DynamicTest> everyExpectationIsComplete() {
    return perEntry(
        entry -> {
          JsonNode json = entry.json();
          assertThat(entry.key()).matches("\\w+(@[\\w.]+)?");
          assertThat(benchmarkMethods(entry.className()))
              .as("@Benchmark methods of " + entry.className())
              .contains(entry.method());
          assertThat(json.has("params")).as("params").isTrue();
          assertPointOf(entry.className(), entry.params());
          assertThat(json.path("bytes").isIntegralNumber()).as("bytes is a whole number").isTrue();
          assertThat(json.path("bytes").asLong()).as("bytes").isNotNegative();
          assertThat(json.path("tolerance").isNumber()).as("tolerance").isTrue();
          assertThat(json.path("tolerance").asDouble()).as("tolerance").isBetween(0.0, 0.25);
          assertThat(json.path("toleranceBytes").isIntegralNumber()).as("toleranceBytes").isTrue();
          assertThat(json.path("toleranceBytes").asLong()).as("toleranceBytes").isBetween(0L, 64L);
          assertThat(json.path("why").asText()).as("why").isNotBlank();
          assertThat(layout()).as("expectedBytesPerOpLayout.layout").isNotBlank();
        });
  }

  @TestFactory
  Stream<DynamicTest> suiteNumberIsTheJolFigure() {
    return perEntry(
        entry -> {
          assumeTrue(
              expectations != null,
              family + " provides no BytesPerOp: its suite numbers cannot be recomputed");
          assumeTrue(
              jol.layout().equals(layout()),
              () ->
                  "the suite's numbers are for the layout '"
                      + layout()
                      + "'; this JVM's is '"
                      + jol.layout()
                      + "', so its figures differ");

          assertThat(expectations.bytes(entry.benchmark(), entry.params(), jol))
              .as(entry.benchmark() + " at " + entry.params())
              .isEqualTo(entry.json().path("bytes").asLong());
        });
  }

  @Test
  void noTwoEntriesShareABenchmarkAndPoint() {
    Set<String> points = new HashSet<>();
    for (Entry entry : entries()) {
      assertThat(points.add(entry.benchmark() + " " + entry.params())).as(entry.key()).isTrue();
    }
  }

  @Test
  void suiteAndExpectationsPredictTheSameBenchmarks() {
    assumeTrue(expectations != null, family + " provides no BytesPerOp");
    assertThat(benchmarksInSuite()).isEqualTo(new TreeSet<>(expectations.benchmarks()));
  }

  @Test
  void everyBenchmarkIsPredictedOrSaidToBeMeasuredOnly() {
    assumeTrue(expectations != null, family + " provides no BytesPerOp: it predicts nothing");
    Set<String> benchmarks = new TreeSet<>();
    for (String className : pairClasses()) {
      benchmarkMethods(className).forEach(m -> benchmarks.add(className + "." + m));
    }
    Set<String> predicted = new TreeSet<>(benchmarks);
    for (String excluded : measuredNotPredicted) {
      boolean named =
          excluded.contains(".")
              ? predicted.remove(excluded)
              : predicted.removeIf(b -> b.startsWith(excluded + "."));
      assertThat(named).as(excluded + " is a pair or benchmark of " + family).isTrue();
    }
    assertThat(predicted).as("predicted benchmarks").isNotEmpty();
    assertThat(benchmarksInSuite()).isEqualTo(predicted);
  }

  // ---------------------------------------------------------------- for the families' own checks

  /** Returns the suite file's tree. */
  protected JsonNode suite() {
    return suite;
  }

  /** Returns the JOL calculator of the running JVM. */
  protected AllocationExpectation jol() {
    return jol;
  }

  /** Returns the family's expectation for {@code benchmark} at {@code params} on this JVM. */
  protected long bytes(String benchmark, Map<String, String> params) {
    return expectations.bytes(benchmark, params, jol);
  }

  /** Asserts that asking for {@code benchmark} at {@code params} fails, naming {@code hint}. */
  protected void assertRejected(String benchmark, Map<String, String> params, String hint) {
    assertThatThrownBy(() -> bytes(benchmark, params))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(hint);
  }

  /** Returns the suite's pair classes, in file order. */
  protected List<String> pairClasses() {
    List<String> classes = new ArrayList<>();
    suite.path("pairs").forEach(p -> classes.add(p.path("class").asText()));
    return classes;
  }

  /** Returns the suite's entry for {@code className}. */
  protected JsonNode pair(String className) {
    for (JsonNode pair : suite.path("pairs")) {
      if (pair.path("class").asText().equals(className)) {
        return pair;
      }
    }
    throw new AssertionError("no " + className + " pair in suites/" + family + ".json");
  }

  /** Returns the class {@code simpleName} of the family's package. */
  protected Class<?> pairClass(String simpleName) {
    try {
      return Class.forName(javaPackage + "." + simpleName, false, getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no class " + simpleName + " in " + javaPackage, e);
    }
  }

  /** Returns the names of the {@code @Benchmark} methods of {@code className}. */
  protected Set<String> benchmarkMethods(String className) {
    Set<String> names = new TreeSet<>();
    for (Class<?> c = pairClass(className); c != null; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.isAnnotationPresent(Benchmark.class)) {
          names.add(method.getName());
        }
      }
    }
    return names;
  }

  /** Returns the {@code @Param} fields of {@code className}, each with its declared values. */
  protected Map<String, List<String>> params(String className) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (Class<?> c = pairClass(className); c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        Param param = field.getAnnotation(Param.class);
        if (param != null) {
          params.put(field.getName(), List.of(param.value()));
        }
      }
    }
    return params;
  }

  /** Returns the configuration ids, in file order. */
  protected List<String> configurationIds() {
    List<String> ids = new ArrayList<>();
    suite.path("configurations").forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }

  /** Returns an object's fields as strings, in file order. */
  protected static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  // ---------------------------------------------------------------- internals

  /** Asserts that {@code point} sets exactly the @Param fields of the class, to declared values. */
  private void assertPointOf(String className, Map<String, String> point) {
    Map<String, List<String>> declared = params(className);
    assertThat(point.keySet()).as(className + " @Param fields").isEqualTo(declared.keySet());
    for (Map.Entry<String, String> param : point.entrySet()) {
      assertThat(declared.get(param.getKey()))
          .as(className + "." + param.getKey())
          .contains(param.getValue());
    }
  }

  private static void assertUsableBudget(String name, JsonNode budget) {
    assertThat(budget.isObject()).as(name + " budget").isTrue();
    assertThat(budget.path("forks").asInt()).as(name + " forks").isPositive();
    assertThat(budget.path("iterations").asInt()).as(name + " iterations").isPositive();
    assertThat(budget.path("warmupIterations").isInt()).as(name + " warmupIterations").isTrue();
    assertThat(budget.path("warmupIterations").asInt()).as(name + " warmup").isNotNegative();
    assertThat(budget.path("time").asText()).as(name + " time").matches(DURATION);
    assertThat(budget.path("warmupTime").asText()).as(name + " warmupTime").matches(DURATION);
  }

  private boolean loads(String className) {
    try {
      Class.forName(className, false, getClass().getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private String layout() {
    return suite.at("/expectedBytesPerOpLayout/layout").asText();
  }

  private Stream<DynamicTest> perEntry(Consumer<Entry> check) {
    List<Entry> entries = entries();
    if (entries.isEmpty()) {
      return Stream.of(
          dynamicTest(
              "no expectedBytesPerOp entries",
              () -> assumeTrue(false, family + "'s suite has no expectedBytesPerOp entries")));
    }
    return entries.stream().map(entry -> dynamicTest(entry.toString(), () -> check.accept(entry)));
  }
}
