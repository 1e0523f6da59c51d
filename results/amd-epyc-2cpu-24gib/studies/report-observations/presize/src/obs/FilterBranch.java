package obs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Control for presize.FilterCollect: the same three loops, on three input orders.
 * shuffled = one fixed permutation reused every call (what FilterCollect does);
 * sorted = ascending, so the branch e < threshold is taken for a prefix then never (predictable);
 * rotating = 64 different permutations, one per call in turn (640k outcomes: not learnable by the
 * branch predictor across calls, unlike the single permutation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class FilterBranch {
  static final int N = 10_000;
  static final int PERMS = 64;

  @Param({"0.01", "0.5", "1.0"})
  public double selectivity;

  /**
   * shuffled: FilterCollect's input (boxes allocated in value order, array shuffled: values random,
   * memory order random); sorted: values ascending, memory sequential; sortedScattered: values
   * ascending but the boxes allocated in a random order (memory random, branch predictable);
   * shuffledSequential: values random, boxes allocated in array order (memory sequential);
   * rotating: 64 shuffles of the same boxes, one per call (the outcome sequence never repeats
   * within 640k branches).
   */
  @Param({"shuffled", "sorted", "sortedScattered", "shuffledSequential", "rotating"})
  public String order;

  Integer[][] inputs;
  int next;
  int threshold;

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(7);
    int[] perm = new int[N];
    for (int i = 0; i < N; i++) perm[i] = i;
    for (int i = N - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int s = perm[i]; perm[i] = perm[j]; perm[j] = s;
    }
    int count = order.equals("rotating") ? PERMS : 1;
    inputs = new Integer[count][];
    switch (order) {
      case "sorted" -> {
        Integer[] in = new Integer[N];
        for (int i = 0; i < N; i++) in[i] = new Integer(i);
        inputs[0] = in;
      }
      case "shuffled", "rotating" -> {
        Integer[] boxes = new Integer[N];
        for (int i = 0; i < N; i++) boxes[i] = new Integer(i);
        for (int p = 0; p < count; p++) {
          Integer[] in = new Integer[N];
          for (int i = 0; i < N; i++) in[i] = boxes[perm[i]];
          inputs[p] = in;
          for (int i = N - 1; i > 0; i--) { // next permutation
            int j = random.nextInt(i + 1);
            int s = perm[i]; perm[i] = perm[j]; perm[j] = s;
          }
        }
      }
      case "sortedScattered" -> {
        Integer[] boxes = new Integer[N];
        for (int i = 0; i < N; i++) boxes[perm[i]] = new Integer(perm[i]); // allocated in random value order
        inputs[0] = boxes; // iterated in value order: predictable branch, random memory
      }
      case "shuffledSequential" -> {
        Integer[] in = new Integer[N];
        for (int i = 0; i < N; i++) in[i] = new Integer(perm[i]); // allocated in iteration order
        inputs[0] = in; // random values, sequential memory
      }
      default -> throw new IllegalArgumentException(order);
    }
    threshold = (int) Math.round(selectivity * N);
  }

  Integer[] input() {
    Integer[][] a = inputs;
    return a.length == 1 ? a[0] : a[(next++) & (PERMS - 1)];
  }

  @Benchmark
  public List<Integer> pitfallGrowFromDefault() {
    Integer[] input = input();
    List<Integer> kept = new ArrayList<>();
    for (Integer e : input) if (e < threshold) kept.add(e);
    return kept;
  }

  @Benchmark
  public List<Integer> fixPresizeToInputLength() {
    Integer[] input = input();
    List<Integer> kept = new ArrayList<>(input.length);
    for (Integer e : input) if (e < threshold) kept.add(e);
    return kept;
  }

  @Benchmark
  public List<Integer> fixCountThenPresize() {
    Integer[] input = input();
    int count = 0;
    for (Integer e : input) if (e < threshold) count++;
    List<Integer> kept = new ArrayList<>(count);
    for (Integer e : input) if (e < threshold) kept.add(e);
    return kept;
  }
}
