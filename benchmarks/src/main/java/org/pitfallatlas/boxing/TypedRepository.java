package org.pitfallatlas.boxing;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * A repository that returns Object (and callers that cast) against a typed one.
 *
 * The pitfall. A Go store whose Get returns interface{} boxes every value on the way out and makes
 * every caller type-assert. The JVM counterpart is a repository method returning Object (a cache,
 * a generic DAO, a "find by key" on a map of attributes) whose callers cast the result.
 *
 * The mechanism. The cast itself (checkcast) is nearly free on the JVM. The cost is the box: a
 * long returned as Object must become a Long (JOL: 24 B), allocated in the callee. Only a
 * primitive-typed signature (long balanceOf(int), like java.util.function.ToLongFunction) returns
 * the value unboxed: fixPrimitiveTyped.
 *
 * Two fixes, one of which is not. Go's advice is "prefer generics over any": a Go generic Get[T]
 * instantiated with int64 returns it unboxed (GC-shape stenciling). fixGenericRepository is that
 * advice on the JVM, a Repository<Long>; it is named fix because the seeds offer it as one, so the
 * atlas pairs it with the pitfall and lets the data judge. On the JVM generics do NOT fix it:
 * Repository<Long> is erased to the same Object-returning method plus a compiler-inserted
 * checkcast, byte for byte pitfallObjectCast; its rows against pitfallObjectCast should come out
 * the same on both sides (the ledger's "prefer generics over any" row).
 *
 * Whether the box is really allocated depends on inlining, which the `callSite` sweep controls:
 * - monomorphic: every lookup goes to the same store class. C2 inlines the call, sees
 *   Long.valueOf(..) feeding only longValue() and eliminates the box (EliminateAutoBox): the
 *   pitfall allocates nothing and runs as fast as the fix. The JIT erases the trap.
 * - megamorphic: lookups are spread over three store classes (primary, replica, cache — the
 *   usual layering of a service). The interface call site sees three receiver types, C2 does not
 *   inline it, and each call returns a real, freshly allocated Long.
 * Each store class implements exactly one of the three interfaces (nine small records), as a real
 * service's stores do, so all three sides make the same kind of interface call.
 *
 * One operation looks up `LOOKUPS` (256) balances, all outside the Long cache, and sums them.
 *
 * The claim under test (ATLAS.md): "Concrete types instead of interface{}: heap allocation
 * 800 -> 210 MB/min in an RPC handler". JOL predicts 256 x 24 B = 6144 B per operation for
 * pitfallObjectCast and fixGenericRepository at a megamorphic call site, 0 B for
 * fixPrimitiveTyped, and 0 B for everything at a monomorphic one (box eliminated; a finding, not a
 * JOL figure).
 *
 * How to read it. Compare B/op first: 0 / 0 / 0 (monomorphic) and 6144 / 6144 / 0 (megamorphic).
 * pitfallObjectCast and fixGenericRepository must agree with each other everywhere — they are the
 * same bytecode. Time: at the monomorphic point all three are within noise; at the megamorphic
 * point all three pay an itable call, and the two boxing methods add the allocation on top.
 *
 * Found 2026-11-30 and removed: an accident of interface order, not of boxing. The first version
 * had one store class implementing all three interfaces (ObjectRepository, Repository<Long>,
 * BalanceRepository, in that order). At the megamorphic point the fix then ran at 3.2-4.0 us per
 * 256 lookups in 11 of 12 forks and 1.05 us in one, against ~1.2-1.4 us for both pitfalls, so two
 * consecutive runs disagreed about the verdict. -XX:+PrintInlining shows every call site 'failed
 * to inline: virtual call' in fast and slow forks alike, and -XX:+PrintCompilation shows the same
 * tiers; async-profiler puts the slow forks' time in the itable stub and the three balanceOf
 * bodies. The cause is the interface's position in the class's itable: declared first
 * (BalanceRepository, ObjectRepository, Repository<Long>) the fix ran 1.03-1.25 us in all 6 forks
 * and the generic method (then pitfallGenericBoxed, now fixGenericRepository), third, became the slow one (3.6-3.8 us in 4 of 6 forks). The itable
 * stub scans the receiver's itable in declaration order; why the third position costs ~8 ns per
 * call, and only in most forks, needs hardware counters this VM does not expose. With one
 * interface per class the fix is never the slowest: 6 forks per side (3 x 200 ms measured), fix
 * 1.21-1.27 us in every fork, pitfallObjectCast 1.32-1.80 us, the generic repository 1.27-1.78 us.
 *
 * What is left (reference runs of 2026-11-30, commit 37ffa44): every side still has a fast and a
 * slow mode from fork to fork, ~1.3x apart — in the 10-fork full run fixPrimitiveTyped 934-941 ns
 * in 4 forks and 1117-1232 ns in 6, pitfallObjectCast 1159-1246 ns in 6 and 1484-1772 ns in 4 —
 * that GC does not explain (8-13 GCs per 200 ms iteration, <5% of the time). The box costs ~1.26x
 * (full run: fix/pitfall 0.795 [0.633, 0.998]); the two quick runs (6 forks a side at most) give
 * 0.776 and 0.784 with intervals that reach past 1, so the megamorphic time row reads `~` there
 * and `faster` only with 10 forks. B/op are exact everywhere (6144 vs 0). The generic repository
 * and the Object one cost the same, as erasure says (time 1.03-1.05, `~`; B/op equivalent).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class TypedRepository {

  /** How many receiver classes the lookup call site sees: one (inlined) or three (not inlined). */
  @Param({"monomorphic", "megamorphic"})
  public String callSite;

  static final int LOOKUPS = 256;
  static final int ACCOUNTS = 4096;

  /** The pitfall's repository: returns Object, callers cast. */
  interface ObjectRepository {
    Object find(int account);
  }

  /** The "typed" repository that still boxes: erased to {@code Object find(int)}. */
  interface Repository<T> {
    T findById(int account);
  }

  /** The fix: a primitive-typed signature. */
  interface BalanceRepository {
    long balanceOf(int account);
  }

  /*
   * One store class per layer and per interface: each record implements exactly one repository
   * interface, as a real service's stores do. (An earlier version had one class implementing all
   * three interfaces; the itable stub then found BalanceRepository third, and the fix lost by an
   * accident of declaration order, not of boxing: see the header.)
   */
  record PrimaryObjects(long[] balances) implements ObjectRepository {
    @Override
    public Object find(int account) {
      return balances[account];
    }
  }

  record ReplicaObjects(long[] balances) implements ObjectRepository {
    @Override
    public Object find(int account) {
      return balances[account];
    }
  }

  record CacheObjects(long[] balances) implements ObjectRepository {
    @Override
    public Object find(int account) {
      return balances[account];
    }
  }

  record PrimaryRepository(long[] balances) implements Repository<Long> {
    @Override
    public Long findById(int account) {
      return balances[account];
    }
  }

  record ReplicaRepository(long[] balances) implements Repository<Long> {
    @Override
    public Long findById(int account) {
      return balances[account];
    }
  }

  record CacheRepository(long[] balances) implements Repository<Long> {
    @Override
    public Long findById(int account) {
      return balances[account];
    }
  }

  record PrimaryBalances(long[] balances) implements BalanceRepository {
    @Override
    public long balanceOf(int account) {
      return balances[account];
    }
  }

  record ReplicaBalances(long[] balances) implements BalanceRepository {
    @Override
    public long balanceOf(int account) {
      return balances[account];
    }
  }

  record CacheBalances(long[] balances) implements BalanceRepository {
    @Override
    public long balanceOf(int account) {
      return balances[account];
    }
  }

  /** Every account's balance, shared by all stores. */
  long[] balances;

  /** Which layer (0 primary, 1 replica, 2 cache) each lookup goes to; the same for all three. */
  int[] layers;

  /** The store each lookup goes to, one array per interface (index = lookup number). */
  ObjectRepository[] objectStores;

  Repository<Long>[] genericStores;

  BalanceRepository[] balanceStores;

  /** The account each lookup asks for. */
  int[] accounts;

  @Setup
  @SuppressWarnings("unchecked")
  public void setup() {
    SplittableRandom random = new SplittableRandom(42);
    balances = new long[ACCOUNTS];
    for (int i = 0; i < ACCOUNTS; i++) {
      balances[i] = random.nextLong(1_000_000L, 1_000_000_000_000L);
    }
    int layerCount =
        switch (callSite) {
          case "monomorphic" -> 1;
          case "megamorphic" -> 3;
          default -> throw new IllegalArgumentException("unknown callSite " + callSite);
        };
    ObjectRepository[] objectLayers = {
      new PrimaryObjects(balances), new ReplicaObjects(balances), new CacheObjects(balances)
    };
    Repository<Long>[] genericLayers =
        new Repository[] {
          new PrimaryRepository(balances),
          new ReplicaRepository(balances),
          new CacheRepository(balances)
        };
    BalanceRepository[] balanceLayers = {
      new PrimaryBalances(balances), new ReplicaBalances(balances), new CacheBalances(balances)
    };
    layers = new int[LOOKUPS];
    accounts = new int[LOOKUPS];
    objectStores = new ObjectRepository[LOOKUPS];
    genericStores = new Repository[LOOKUPS];
    balanceStores = new BalanceRepository[LOOKUPS];
    for (int i = 0; i < LOOKUPS; i++) {
      int layer = random.nextInt(3) % layerCount;
      layers[i] = layer;
      accounts[i] = random.nextInt(ACCOUNTS);
      objectStores[i] = objectLayers[layer];
      genericStores[i] = genericLayers[layer];
      balanceStores[i] = balanceLayers[layer];
    }
  }

  @Benchmark
  public long pitfallObjectCast() {
    long sum = 0;
    for (int i = 0; i < LOOKUPS; i++) {
      ObjectRepository repository = objectStores[i];
      sum += (Long) repository.find(accounts[i]);
    }
    return sum;
  }

  @Benchmark
  public long fixGenericRepository() {
    long sum = 0;
    for (int i = 0; i < LOOKUPS; i++) {
      Repository<Long> repository = genericStores[i];
      sum += repository.findById(accounts[i]);
    }
    return sum;
  }

  @Benchmark
  public long fixPrimitiveTyped() {
    long sum = 0;
    for (int i = 0; i < LOOKUPS; i++) {
      BalanceRepository repository = balanceStores[i];
      sum += repository.balanceOf(accounts[i]);
    }
    return sum;
  }
}
