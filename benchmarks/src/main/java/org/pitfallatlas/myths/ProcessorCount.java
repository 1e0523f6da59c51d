package org.pitfallatlas.myths;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/*
 * ProcessorCount — the same request handler in a JVM that believes it has the host's 16 CPUs vs
 * one sized for the 1 CPU its container's quota really gives it.
 *
 * The Go pitfall ("GOMAXPROCS in containers"): until Go 1.25 the runtime set GOMAXPROCS to the
 * host's CPU count and ignored the container's CPU quota, so a service limited to 1 CPU on a
 * 16-core node ran 16 Ps: more runnable threads than CPU time, its quota spent in bursts and then
 * throttled by the kernel's CFS bandwidth control for the rest of each 100 ms period. The fix was
 * uber-go/automaxprocs (GOMAXPROCS = the quota); Go 1.25's runtime reads the cgroup limit itself.
 *
 * The JVM twin is one number, the processor count, which the JVM reads once at start-up and sizes
 * everything by. HotSpot has read the cgroup CPU quota since JDK 10 (UseContainerSupport), so a
 * JVM in a container with a CPU limit is right-sized by default; it sizes itself by the host when
 * the quota is hidden from it or overridden: -XX:ActiveProcessorCount set to the host's count
 * (copied from a VM image or a "tuning" guide), -XX:-UseContainerSupport, or a container with CPU
 * shares but no limit (JDK 19+ no longer reads cpu.shares, JDK-8281181: a Kubernetes pod with a
 * CPU request but no limit sees the whole node). What follows from the count, verified with
 * -XX:+PrintFlagsFinal in a real 1-CPU cgroup (cpu.cfs_quota_us = period) on Temurin 25 with G1:
 *
 *                                    ActiveProcessorCount=16   no flag (the JVM reads the quota: 1)
 *   Runtime.availableProcessors()    16                        1
 *   ForkJoinPool common parallelism  15 (count - 1)            1 (at least 1)
 *   parallel-stream leaf target      60 (parallelism x 4)      4
 *   ParallelGCThreads                13 (8 + (16 - 8) x 5/8)   1
 *   ConcGCThreads                    3                         1
 *   CICompilerCount                  12                        2
 *
 * and every library that sizes a pool by availableProcessors() (Netty's event loops, HTTP client
 * selectors, "a thread per core" executors) scales with it. CompletableFuture's default async
 * executor is the common pool, so its tasks run with the same parallelism.
 *
 * The pair: one request handler — price an order of `items` lines against a product catalog (the
 * service's live set, 20,000 products), one parallel stream over the lines, each line allocating
 * its label String and a Line record, collected in order into a List (the response) and reduced
 * to a checksum. Only the fork's flags differ:
 *   - pitfallHostSized: @Fork(jvmArgsAppend = "-XX:ActiveProcessorCount=16"), the JVM sized for a
 *     16-core host, as Go's runtime without automaxprocs is.
 *   - fixQuotaSized: no flag: the JVM's container support reads the quota, the JVM twin of
 *     automaxprocs (where the quota is invisible to the JVM, -XX:ActiveProcessorCount=<the CPUs
 *     you really have> gives the same view; in the runner's emulated mode the runner adds it).
 * Both run in myths.json's configuration "quota-1cpu": a real cgroup with a CFS quota of 1 CPU
 * (ContainerLimits; where no cgroup is writable the runner emulates the limit with
 * -XX:ActiveProcessorCount=1 and nothing enforces it: containers.json in the run says which) and
 * -XX:+UseG1GC pinned, because with 1 CPU the JVM's ergonomics would otherwise pick Serial GC for
 * the fix and G1 for the pitfall — a different collector, which the gc family's container pair
 * measures; here the collector is the same and only the thread counts differ. Each fork prints
 * its ForkView (the numbers above, the cgroup quota it found, and how many GC and common-pool
 * threads were started) into the run log at start and end, and the pitfall fails if it does not
 * see 16 processors (a -jvmArgsAppend on the command line would replace the method's flag).
 *
 * The claim under test: "no figure given" — does an oversized processor count cost a JVM service
 * time per request under a quota? A mechanism, not a slogan: the same CPU work, spread over 15
 * pool workers and 13 GC workers that share 1 CPU of quota, pays for waking, stealing, spinning
 * and parking threads that cannot run in parallel anyway, and for bursts that exhaust the quota
 * early in a period and then wait out its end (throttling). Both sides compute the same answer
 * (the test runs the handler in a 15- and a 1-worker pool and checks both against a sequential
 * computation).
 *
 * The sweep (items = 100, 1,000, 10,000 lines per request): the work grows linearly; the
 * coordination the pitfall adds grows with its leaf target (60 vs 4 tasks per request), not with
 * the items, so its relative cost should be largest at 100 and shrink towards 10,000, where both
 * are CPU-bound on the same 1 CPU and differ only by what the extra threads waste.
 *
 * What it cannot show: this machine has 2 cores, so a 1-CPU quota lets two threads run at once for
 * half a period; a 16-core host would let all 16 burn the quota in ~6 ms and wait 94 ms. The
 * effect on the tail of a latency distribution (what throttling is famous for) needs open-loop
 * arrivals; this pair measures the mean time per request, closed-loop, one request at a time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class ProcessorCount {

  /** The processor count of a 16-core host: what a runtime that ignores the quota sizes by. */
  static final int HOST_CPUS = 16;

  /** Products in the catalog: the service's live set, shared by every request. */
  static final int PRODUCTS = 20_000;

  /** Order lines per request. */
  @Param({"100", "1000", "10000"})
  public int items;

  Map<Integer, Product> catalog;
  int[] productIds;
  int[] quantities;

  /** A catalog entry: part of the live set. */
  record Product(int id, String sku, long priceCents, int bulkFrom) {}

  /** One priced line of the response: allocated per line, per request. */
  record Line(String label, int quantity, long totalCents) {}

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(42);
    catalog = new HashMap<>();
    for (int id = 0; id < PRODUCTS; id++) {
      catalog.put(
          id, new Product(id, "SKU-" + (100_000 + id), 100 + random.nextInt(99_900), 2 + id % 10));
    }
    productIds = random.ints(items, 0, PRODUCTS).toArray();
    quantities = random.ints(items, 1, 20).toArray();
  }

  /**
   * Prints what this fork sized itself by, and fails the pitfall if it lost its flag (a
   * command-line -jvmArgsAppend replaces a method's @Fork(jvmArgsAppend): runners must prepend).
   */
  @Setup(Level.Trial)
  public void reportView(BenchmarkParams benchmark) {
    ForkView view = ForkView.current();
    System.out.println("# fork view at start: " + view);
    requireHostSized(benchmark.getBenchmark(), view.availableProcessors());
  }

  @TearDown(Level.Trial)
  public void reportThreads() {
    System.out.println("# fork view at end:   " + ForkView.current());
  }

  static void requireHostSized(String benchmark, int availableProcessors) {
    if (benchmark.endsWith(".pitfallHostSized") && availableProcessors != HOST_CPUS) {
      throw new IllegalStateException(
          benchmark
              + " must run in a JVM sized for "
              + HOST_CPUS
              + " CPUs but this one sees "
              + availableProcessors
              + "; was -jvmArgsAppend passed on the command line? It replaces the method's"
              + " -XX:ActiveProcessorCount: use -jvmArgsPrepend.");
    }
  }

  @Benchmark
  @Fork(jvmArgsAppend = "-XX:ActiveProcessorCount=" + HOST_CPUS)
  public long pitfallHostSized() {
    return handle();
  }

  @Benchmark
  public long fixQuotaSized() {
    return handle();
  }

  /** The request: price every line in parallel, collect the response in order, checksum it. */
  long handle() {
    List<Line> lines = IntStream.range(0, items).parallel().mapToObj(this::price).toList();
    return checksum(lines);
  }

  Line price(int line) {
    Product p = catalog.get(productIds[line]);
    int q = quantities[line];
    long unit = q >= p.bulkFrom() ? p.priceCents() * 95 / 100 : p.priceCents();
    return new Line(p.sku() + " x" + q, q, unit * q);
  }

  static long checksum(List<Line> lines) {
    long sum = 0;
    for (Line l : lines) {
      sum = 31 * sum + l.totalCents() + l.label().hashCode();
    }
    return sum;
  }
}

/*
 * How to run / what you should see:
 *
 *   scripts/atlas run myths --filter ProcessorCount     # in the quota-1cpu configuration
 *
 * By hand, outside the runner (no quota; both forks then share this machine's cores):
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'myths.ProcessorCount' -jvmArgsPrepend -XX:+UseG1GC
 */
