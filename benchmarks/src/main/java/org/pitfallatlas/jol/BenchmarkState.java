package org.pitfallatlas.jol;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * BenchmarkState builds a benchmark's {@code @State} object the way JMH does before a trial: a new
 * instance, every {@code @Param} field set from one parameter point, then its trial-level {@code
 * Setup} method called.
 *
 * <p>An {@code Expectations} class that measures the very objects a benchmark method returns uses
 * it to get the method's inputs, so the prediction and the benchmark cannot drift apart.
 */
public final class BenchmarkState {

  private BenchmarkState() {}

  /**
   * Returns a new {@code type}, set up at the {@code @Param} point {@code params}.
   *
   * @throws IllegalArgumentException if a {@code @Param} field of {@code type} has no value in
   *     {@code params}, {@code params} names a field that is not a {@code @Param}, or a value does
   *     not convert to its field's type
   * @throws IllegalStateException if {@code type} cannot be instantiated, has more than one
   *     trial-level {@code Setup} method, or its set-up throws
   */
  public static <T> T at(Class<T> type, Map<String, String> params) {
    T state;
    try {
      state = type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate " + type.getName(), e);
    }
    List<String> fields = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      if (field.isAnnotationPresent(Param.class)) {
        fields.add(field.getName());
        set(state, field, BytesPerOp.param(params, field.getName()));
      }
    }
    if (!fields.containsAll(params.keySet())) {
      TreeSet<String> unknown = new TreeSet<>(params.keySet());
      fields.forEach(unknown::remove);
      throw new IllegalArgumentException(
          type.getSimpleName() + " has no @Param " + unknown + "; it has " + fields);
    }
    setUp(state, type);
    return state;
  }

  private static void set(Object state, Field field, String value) {
    Class<?> t = field.getType();
    try {
      field.setAccessible(true);
      if (t == int.class) {
        field.setInt(state, Integer.parseInt(value));
      } else if (t == long.class) {
        field.setLong(state, Long.parseLong(value));
      } else if (t == double.class) {
        field.setDouble(state, Double.parseDouble(value));
      } else if (t == boolean.class) {
        field.setBoolean(state, Boolean.parseBoolean(value));
      } else if (t == String.class) {
        field.set(state, value);
      } else if (t.isEnum()) {
        field.set(state, enumConstant(t, value));
      } else {
        throw new IllegalArgumentException("unsupported @Param type " + t + " of " + field);
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<?> type, String name) {
    return Enum.valueOf((Class<? extends Enum>) type, name);
  }

  private static void setUp(Object state, Class<?> type) {
    Method setUp = null;
    for (Method method : type.getDeclaredMethods()) {
      Setup setup = method.getAnnotation(Setup.class);
      if (setup != null && setup.value() == Level.Trial) {
        if (setUp != null) {
          throw new IllegalStateException(
              type.getName()
                  + " has two trial set-ups, in no fixed order: "
                  + setUp
                  + ", "
                  + method);
        }
        setUp = method;
      }
    }
    if (setUp == null) {
      return;
    }
    try {
      setUp.setAccessible(true);
      setUp.invoke(state);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(type.getName() + " set-up failed", e.getCause());
    }
  }
}
