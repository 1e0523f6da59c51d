package org.pitfallatlas.suite;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.openjdk.jmh.annotations.Param;

/**
 * Runs a parameterized test once per value of a benchmark's {@code @Param} field, read from the
 * class: an equivalence test then covers exactly the points the benchmark measures, and a value
 * added to the sweep is tested without touching the test. JUnit converts each value (a String in
 * {@code @Param}) to the test method's parameter type.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @ParamValues(of = IntegerSum.class, field = "size")
 * void pitfallsAndFixComputeTheSameSum(int size) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(ParamValues.Provider.class)
public @interface ParamValues {

  /** The benchmark class. */
  Class<?> of();

  /** The {@code @Param} field whose values the test runs over. */
  String field();

  /** Supplies the values of the named field to the annotated test. */
  final class Provider implements ArgumentsProvider, AnnotationConsumer<ParamValues> {
    /**
     * Returns the values of a benchmark's {@code @Param} field, for tests that combine several
     * parameters themselves.
     *
     * @throws IllegalStateException when the field is missing, has no {@code @Param} or lists none
     */
    public static String[] values(Class<?> benchmark, String field) {
      Param p;
      try {
        p = benchmark.getDeclaredField(field).getAnnotation(Param.class);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(benchmark.getSimpleName() + " has no field " + field, e);
      }
      if (p == null || p.value().length == 0) {
        throw new IllegalStateException(
            benchmark.getSimpleName() + "." + field + " has no @Param values to test");
      }
      return p.value();
    }

    private ParamValues spec;

    @Override
    public void accept(ParamValues spec) {
      this.spec = spec;
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
      return Arrays.stream(values(spec.of(), spec.field())).map(Arguments::of);
    }
  }
}
