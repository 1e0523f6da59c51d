package org.pitfallatlas.jol;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;
import org.openjdk.jol.vm.VirtualMachine;

/**
 * An AllocationExpectation is the size, in bytes, of the objects one benchmark operation allocates,
 * measured with JOL on the running JVM — so compressed oops, compact object headers and the object
 * alignment in effect are all respected.
 *
 * <p>A family's {@code Expectations} class builds the same objects its benchmark builds (by calling
 * the benchmark's own package-private helpers), then asks this class for their size. That figure is
 * what JMH's {@code -prof gc} should report as {@code gc.alloc.rate.norm} unless the JIT removes
 * the allocation (escape analysis, box elimination) — which is exactly what the atlas wants to
 * show.
 *
 * <p>Sizes depend on the JVM's object layout, so they are only comparable between JVMs with the
 * same {@link #layout()}. The suite files record the layout their numbers were computed for.
 *
 * @see <a href="https://github.com/openjdk/jol">JOL, the Java Object Layout tool</a>
 */
public final class AllocationExpectation {

  private final VirtualMachine vm;

  private AllocationExpectation(VirtualMachine vm) {
    this.vm = vm;
  }

  /**
   * Returns the expectation calculator for the JVM this code runs in.
   *
   * <p>JOL inspects the JVM through a self-attached agent or {@code Unsafe}; on JDK 21+ run with
   * {@code -Djdk.attach.allowAttachSelf=true -XX:+EnableDynamicAgentLoading} to keep it quiet.
   */
  public static AllocationExpectation ofRunningJvm() {
    return new AllocationExpectation(VM.current());
  }

  /**
   * Describes the object layout the sizes depend on, e.g. {@code "object header 12 B, array header
   * 16 B, reference 4 B, alignment 8 B"} for HotSpot's default 64-bit layout with compressed oops
   * and compressed class pointers.
   */
  public String layout() {
    return "object header "
        + vm.objectHeaderSize()
        + " B, array header "
        + vm.arrayHeaderSize()
        + " B, reference "
        + vm.sizeOfField(Object.class.getName())
        + " B, alignment "
        + vm.objectAlignment()
        + " B";
  }

  /**
   * Returns the size of one instance of {@code type} (header, fields, padding).
   *
   * @throws IllegalArgumentException if {@code type} is an array class; use {@link #arrayBytes}
   */
  public long instanceBytes(Class<?> type) {
    if (type.isArray()) {
      throw new IllegalArgumentException("array class " + type.getName() + ": use arrayBytes");
    }
    return ClassLayout.parseClass(type).instanceSize();
  }

  /**
   * Returns the size of an array of {@code length} elements of {@code componentType} (header,
   * elements, padding).
   *
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public long arrayBytes(Class<?> componentType, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative array length " + length);
    }
    return vm.sizeOf(Array.newInstance(componentType, length));
  }

  /**
   * Returns the size of a Latin-1 {@code String} of {@code length} chars together with its own
   * {@code byte[]} (compact strings: one byte a char) — what a concatenation or {@code toString()}
   * allocates for its result.
   *
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public long latin1StringBytes(int length) {
    return instanceBytes(String.class) + arrayBytes(byte.class, length);
  }

  /**
   * Returns the total size of the objects reachable from {@code root} that are not reachable from
   * any of {@code preexisting}.
   *
   * <p>The preexisting objects are what the operation only refers to — inputs from the benchmark's
   * {@code @State}, string literals, values from the {@code Integer} cache — and did not allocate.
   * The difference is taken between two sizes (root and preexisting together, minus preexisting
   * alone) rather than between two address sets, so a GC that moves objects in between cannot skew
   * it.
   */
  public long graphBytes(Object root, Object... preexisting) {
    Objects.requireNonNull(root, "root");
    if (preexisting.length == 0) {
      return GraphLayout.parseInstance(root).totalSize();
    }
    Object[] all = Arrays.copyOf(preexisting, preexisting.length + 1);
    all[preexisting.length] = root;
    return GraphLayout.parseInstance(all).totalSize()
        - GraphLayout.parseInstance(preexisting).totalSize();
  }

  /**
   * Returns a printable footprint of the graph reachable from {@code root}: one line per class with
   * instance count and bytes — what to paste into a {@code why} field or a report.
   */
  public String footprint(Object root) {
    return GraphLayout.parseInstance(root).toFootprint();
  }
}
