package org.pitfallatlas.presize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A GrowthPolicy is a growable array's rule for its next capacity: what appending one element at a
 * time to an unsized {@code ArrayList} (or Go slice) costs in backing arrays allocated,
 * reallocations and bytes copied, before any benchmark runs.
 *
 * <p>Three policies, each stated exactly:
 *
 * <ul>
 *   <li>{@link #JAVA_ARRAY_LIST}: {@code new ArrayList<>()} on JDK 21–25. The first {@code add}
 *       allocates {@code Object[10]} ({@code DEFAULT_CAPACITY}); each later growth asks {@code
 *       ArraysSupport.newLength(old, minGrowth = 1, prefGrowth = old >> 1)}, i.e. {@code old + (old
 *       >> 1)}: 1.5×. Elements are references, 4 bytes with compressed oops.
 *   <li>{@link #GO_DOUBLING}: the model behind the "~14 reallocations to reach 10k" figure:
 *       capacity 1, then doubling. 8-byte elements, no allocator rounding.
 *   <li>{@link #GO_RUNTIME}: what Go ≥ 1.18 really does for a pointer-free 8-byte element ({@code
 *       []int64}): {@code runtime.nextslicecap} (so named since Go 1.21; double below 256, then
 *       {@code newcap += (newcap + 768) >> 2}, a smooth move towards 1.25×), then {@code
 *       roundupsize} to the malloc size class ({@code runtime/sizeclasses.go}, 8 B … 32 KiB) or to
 *       whole 8 KiB pages above 32 KiB.
 * </ul>
 *
 * <p>Counting convention, the same for all three: <em>allocations</em> counts every backing array
 * (the first one included); <em>reallocations</em> = allocations − 1 (each one a grow-and-copy);
 * <em>elements copied</em> is the sum of the full old capacities moved at each growth; <em>bytes
 * allocated</em> sums the arrays' real footprint (Java: header + elements, 8-byte aligned; Go: size
 * class).
 *
 * @see <a
 *     href="https://github.com/openjdk/jdk/blob/master/src/java.base/share/classes/java/util/ArrayList.java">ArrayList.grow</a>
 * @see <a href="https://github.com/golang/go/blob/master/src/runtime/slice.go">Go
 *     runtime.nextslicecap</a>
 */
public enum GrowthPolicy {
  /** {@code new ArrayList<>()}: first array of 10, then {@code old + (old >> 1)}. */
  JAVA_ARRAY_LIST("Java ArrayList() 1.5x", 4) {
    @Override
    int nextCapacity(int oldCapacity, int minCapacity) {
      if (oldCapacity == 0) {
        return Math.max(10, minCapacity);
      }
      return oldCapacity + Math.max(minCapacity - oldCapacity, oldCapacity >> 1);
    }

    @Override
    long arrayBytes(int capacity) {
      return javaArrayBytes(capacity, elementBytes());
    }
  },
  /** Pure doubling from capacity 1: the model behind the Go folklore figure. */
  GO_DOUBLING("Go, pure doubling", 8) {
    @Override
    int nextCapacity(int oldCapacity, int minCapacity) {
      return Math.max(minCapacity, oldCapacity == 0 ? 1 : oldCapacity * 2);
    }

    @Override
    long arrayBytes(int capacity) {
      return (long) capacity * elementBytes();
    }
  },
  /** Go ≥ 1.18 {@code append} to a {@code []int64}: nextslicecap plus size-class rounding. */
  GO_RUNTIME("Go 1.18+ runtime ([]int64)", 8) {
    @Override
    int nextCapacity(int oldCapacity, int minCapacity) {
      int requested = goNextSliceCap(minCapacity, oldCapacity);
      return (int) (goRoundUpSize((long) requested * elementBytes()) / elementBytes());
    }

    @Override
    long arrayBytes(int capacity) {
      return goRoundUpSize((long) capacity * elementBytes());
    }
  };

  /**
   * Java object layout on a 64-bit JVM with compressed oops: 16-byte array header, 8-byte align.
   */
  static final int JAVA_ARRAY_HEADER_BYTES = 16;

  static final int JAVA_OBJECT_ALIGNMENT = 8;

  /** {@code runtime/sizeclasses.go} (Go 1.12+), class 0 omitted: the small-object size classes. */
  private static final int[] GO_SIZE_CLASSES = {
    8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
    384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048,
    2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240,
    10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768
  };

  private static final int GO_PAGE_BYTES = 8192;

  private final String label;
  private final int elementBytes;

  GrowthPolicy(String label, int elementBytes) {
    this.label = label;
    this.elementBytes = elementBytes;
  }

  /** The capacity the policy grows to when {@code minCapacity} elements must fit. */
  abstract int nextCapacity(int oldCapacity, int minCapacity);

  /** The heap footprint of one backing array of {@code capacity} elements. */
  abstract long arrayBytes(int capacity);

  /** A short human label for tables. */
  public String label() {
    return label;
  }

  /** Bytes per element: 4 for a compressed Java reference, 8 for a Go {@code int64}. */
  public int elementBytes() {
    return elementBytes;
  }

  /**
   * Appends {@code count} elements one at a time to an empty, unsized container.
   *
   * @param count the number of elements appended
   * @return every backing array's capacity and the totals
   * @throws IllegalArgumentException if {@code count} is not positive
   */
  public Growth appendOneByOne(int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
    List<Integer> capacities = new ArrayList<>();
    int capacity = 0;
    long elementsCopied = 0;
    long bytesAllocated = 0;
    for (int size = 1; size <= count; size++) {
      if (size > capacity) {
        elementsCopied += capacity; // a full old array is copied into the new one
        capacity = nextCapacity(capacity, size);
        capacities.add(capacity);
        bytesAllocated += arrayBytes(capacity);
      }
    }
    return new Growth(this, count, List.copyOf(capacities), elementsCopied, bytesAllocated);
  }

  /**
   * The bytes of one array sized exactly for {@code count} elements: {@code ArrayList(n)} or {@code
   * make([]T, 0, n)}.
   *
   * @param count the number of elements
   * @return the footprint of that one array
   */
  public long presizedBytes(int count) {
    return arrayBytes(this == JAVA_ARRAY_LIST ? count : nextCapacityExact(count));
  }

  private int nextCapacityExact(int count) {
    return this == GO_RUNTIME
        ? (int) (goRoundUpSize((long) count * elementBytes) / elementBytes)
        : count;
  }

  /**
   * The rows the presize notebook prints: every policy at every target size.
   *
   * @param targets element counts, e.g. 10_000 and 50_000
   * @return one Growth per (policy, target), policies in declaration order
   */
  public static List<Growth> table(int... targets) {
    List<Growth> rows = new ArrayList<>();
    for (int target : targets) {
      for (GrowthPolicy policy : values()) {
        rows.add(policy.appendOneByOne(target));
      }
    }
    return rows;
  }

  /**
   * Renders {@link #table(int...)} as fixed-width text.
   *
   * @param targets element counts
   * @return the table, one line per row, with a header line
   */
  public static String render(int... targets) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-28s %7s %7s %7s %12s %12s %12s %6s%n",
            "policy",
            "target",
            "allocs",
            "reallocs",
            "elemsCopied",
            "bytesCopied",
            "bytesAlloc",
            "vsSized"));
    for (Growth g : table(targets)) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-28s %7d %7d %7d %12d %12d %12d %5.2fx%n",
              g.policy().label(),
              g.target(),
              g.allocations(),
              g.reallocations(),
              g.elementsCopied(),
              g.bytesCopied(),
              g.bytesAllocated(),
              g.allocatedVersusPresized()));
    }
    return out.toString();
  }

  /** Prints the growth table for 10k and 50k elements, or for the counts given as arguments. */
  public static void main(String[] args) {
    int[] targets =
        args.length == 0
            ? new int[] {10_000, 50_000}
            : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.print(render(targets));
  }

  static long javaArrayBytes(int length, int elementBytes) {
    long raw = JAVA_ARRAY_HEADER_BYTES + (long) length * elementBytes;
    return (raw + JAVA_OBJECT_ALIGNMENT - 1) / JAVA_OBJECT_ALIGNMENT * JAVA_OBJECT_ALIGNMENT;
  }

  /** Go's {@code runtime.nextslicecap(newLen, oldCap)}: the growth rule of Go 1.18 and later. */
  static int goNextSliceCap(int newLen, int oldCap) {
    int newcap = oldCap;
    int doublecap = newcap + newcap;
    if (newLen > doublecap) {
      return newLen;
    }
    final int threshold = 256;
    if (oldCap < threshold) {
      return doublecap;
    }
    while (newcap < newLen) {
      newcap += (newcap + 3 * threshold) >> 2;
    }
    return newcap;
  }

  /** Go's {@code roundupsize} for a pointer-free object: size class, else whole pages. */
  static long goRoundUpSize(long bytes) {
    for (int sizeClass : GO_SIZE_CLASSES) {
      if (bytes <= sizeClass) {
        return sizeClass;
      }
    }
    return (bytes + GO_PAGE_BYTES - 1) / GO_PAGE_BYTES * GO_PAGE_BYTES;
  }

  /**
   * A Growth is what one policy did to reach {@code target} elements appended one at a time.
   *
   * @param policy the growth policy
   * @param target the number of elements appended
   * @param capacities every backing array's capacity, in allocation order
   * @param elementsCopied elements moved from old to new arrays in all growths
   * @param bytesAllocated the summed footprint of all backing arrays
   */
  public record Growth(
      GrowthPolicy policy,
      int target,
      List<Integer> capacities,
      long elementsCopied,
      long bytesAllocated) {

    /** Backing arrays allocated, the first one included. */
    public int allocations() {
      return capacities.size();
    }

    /** Grow-and-copy events: allocations after the first. */
    public int reallocations() {
      return capacities.size() - 1;
    }

    /** Bytes moved by the copies: elements copied × element size. */
    public long bytesCopied() {
      return elementsCopied * policy.elementBytes();
    }

    /** The capacity of the last array. */
    public int finalCapacity() {
      return capacities.get(capacities.size() - 1);
    }

    /** Bytes allocated by growing, divided by the one pre-sized array's bytes. */
    public double allocatedVersusPresized() {
      return (double) bytesAllocated / policy.presizedBytes(target);
    }
  }
}
