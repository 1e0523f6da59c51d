package org.pitfallatlas.analysis.report;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A GrowthTable is the presize notebook's table of growth policies: how many backing arrays an
 * unsized {@code ArrayList} (1.5×), pure doubling (the Go folklore's model) and Go's real runtime
 * allocate, and how many bytes they copy, to reach a number of elements appended one at a time.
 *
 * <p>The numbers are computed by {@code org.pitfallatlas.presize.GrowthPolicy} in the benchmarks
 * module (tested there against the real {@code ArrayList}); this class only loads it from the
 * benchmarks jar of the checkout, in its own class loader, and renders its rows. The analysis
 * module does not depend on the benchmarks module, so that the statistics stay a leaf.
 */
public final class GrowthTable {

  static final String POLICY = "org.pitfallatlas.presize.GrowthPolicy";

  private GrowthTable() {}

  /**
   * Returns the table for the given element counts, as Markdown, or a note saying why it cannot be
   * shown (the benchmarks jar is not built).
   *
   * @param targets element counts, e.g. 10_000 and 50_000
   * @return the table
   */
  public static Output of(int... targets) {
    Path home;
    try {
      home = AtlasPaths.home();
    } catch (IllegalStateException e) {
      return Output.markdown("_No atlas checkout found: " + e.getMessage() + "_");
    }
    List<Path> candidates =
        List.of(
            home.resolve("benchmarks/target/benchmarks.jar"),
            home.resolve("benchmarks/target/classes"));
    for (Path p : candidates) {
      if (Files.exists(p)) {
        return of(p, targets);
      }
    }
    return Output.markdown(
        "_The growth table needs the benchmarks jar (`benchmarks/target/benchmarks.jar`): run"
            + " `scripts/atlas run presize` or `./mvnw -pl benchmarks package` first._");
  }

  /**
   * Returns the table computed by the {@code GrowthPolicy} found in a jar or classes folder.
   *
   * @param classpath the benchmarks jar or classes folder
   * @param targets element counts
   * @return the table as Markdown
   * @throws IllegalStateException if the class is not there or its API changed
   */
  static Output of(Path classpath, int... targets) {
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classpath.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> policy = Class.forName(POLICY, true, loader);
      List<?> rows = (List<?>) policy.getMethod("table", int[].class).invoke(null, targets);
      StringBuilder md =
          new StringBuilder(
              "| policy | elements | arrays allocated | reallocations | elements copied |"
                  + " bytes copied | bytes allocated | × one pre-sized array |\n"
                  + "|:---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Object g : rows) {
        Object p = call(g, "policy");
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %d | %d | %,d | %,d | %,d | %.2f× |%n",
                call(p, "label"),
                (Integer) call(g, "target"),
                (Integer) call(g, "allocations"),
                (Integer) call(g, "reallocations"),
                (Long) call(g, "elementsCopied"),
                (Long) call(g, "bytesCopied"),
                (Long) call(g, "bytesAllocated"),
                (Double) call(g, "allocatedVersusPresized")));
      }
      return Output.markdown(md.toString());
    } catch (ReflectiveOperationException | IOException | ClassCastException e) {
      throw new IllegalStateException(
          "cannot compute the growth table from " + POLICY + " in " + classpath + ": " + e, e);
    }
  }

  private static Object call(Object target, String method) throws ReflectiveOperationException {
    Method m = target.getClass().getMethod(method);
    m.setAccessible(true);
    return m.invoke(target);
  }
}
