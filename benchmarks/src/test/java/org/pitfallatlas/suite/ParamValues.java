package org.pitfallatlas.suite;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
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

  /** Reads the values; fails when the field is missing, has no {@code @Param} or lists none. */
  final class Provider implements ArgumentsProvider, AnnotationConsumer<ParamValues> {
    private ParamValues spec;

    @Override
    public void accept(ParamValues spec) {
      this.spec = spec;
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context)
        throws NoSuchFieldException {
      Field f = spec.of().getDeclaredField(spec.field());
      Param p = f.getAnnotation(Param.class);
      if (p == null || p.value().length == 0) {
        throw new IllegalStateException(
            spec.of().getSimpleName() + "." + spec.field() + " has no @Param values to test");
      }
      return Arrays.stream(p.value()).map(Arguments::of);
    }
  }
}
