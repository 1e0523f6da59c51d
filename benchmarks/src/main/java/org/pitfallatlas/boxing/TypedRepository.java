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
 * long returned as Object must become a Long (JOL: 24 B), allocated in the callee. And generics do
 * NOT fix it: Repository<Long> is erased to the same Object-returning method plus a compiler-
 * inserted checkcast — byte for byte the first pitfall. Only a primitive-typed signature
 * (long balanceOf(int), like java.util.function.ToLongFunction) returns the value unboxed.
 *
 * Whether the box is really allocated depends on inlining, which the `callSite` sweep controls:
 * - monomorphic: every lookup goes to the same store class. C2 inlines the call, sees
 *   Long.valueOf(..) feeding only longValue() and eliminates the box (EliminateAutoBox): the
 *   pitfall allocates nothing and runs as fast as the fix. The JIT erases the trap.
 * - megamorphic: lookups are spread over three store classes (primary, replica, cache — the
 *   usual layering of a service). The interface call site sees three receiver types, C2 does not
 *   inline it, and each call returns a real, freshly allocated Long.
 *
 * One operation looks up `LOOKUPS` (256) balances, all outside the Long cache, and sums them.
 *
 * The claim under test (ATLAS.md): "Concrete types instead of interface{}: heap allocation
 * 800 -> 210 MB/min in an RPC handler". JOL predicts 256 x 24 B = 6144 B per operation for both
 * pitfalls at a megamorphic call site, 0 B for the fix, and 0 B for everything at a monomorphic
 * one (box eliminated; a finding, not a JOL figure).
 *
 * How to read it. Compare B/op first: 0 / 0 / 0 (monomorphic) and 6144 / 6144 / 0 (megamorphic).
 * pitfallObjectCast and pitfallGenericBoxed must agree with each other everywhere — they are the
 * same bytecode. Time: at the monomorphic point all three are within noise; at the megamorphic
 * point all three pay an itable call, and the pitfalls add the allocation on top (~1.5-2x).
 *
 * Measured 2026-11-30, contradicting the time expectation above: at the megamorphic point the
 * primitive-typed fix is slower than both boxing pitfalls — fix/pitfall 2.57-2.74 in two quick runs
 * and a 10-fork full run (e.g. 3.24 us vs 1.41 us per 256 lookups), while B/op match JOL (6144 vs
 * 0). The committed run of 2026-11-22 showed the pitfalls ~4x slower, but that was the page-fault
 * artefact of IntegerSum's header (their 6 KB per operation went into never-touched heap pages).
 * -XX:+PrintInlining shows both call sites 'failed to inline: virtual call', so inlining is not the
 * difference. Why the long-returning itable call costs more than the Object-returning one
 * (BalanceRepository is the third interface Store implements, and itable stubs scan in order) is
 * not established yet: treat the megamorphic time row as an open question, not as a verdict on
 * boxing.
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

  /** One store class per layer, identical bodies, so only the receiver type differs. */
  abstract static sealed class Store
      implements ObjectRepository, Repository<Long>, BalanceRepository
      permits PrimaryStore, ReplicaStore, CacheStore {
    final long[] balances;

    Store(long[] balances) {
      this.balances = balances;
    }
  }

  static final class PrimaryStore extends Store {
    PrimaryStore(long[] balances) {
      super(balances);
    }

    @Override
    public Object find(int account) {
      return balances[account];
    }

    @Override
    public Long findById(int account) {
      return balances[account];
    }

    @Override
    public long balanceOf(int account) {
      return balances[account];
    }
  }

  static final class ReplicaStore extends Store {
    ReplicaStore(long[] balances) {
      super(balances);
    }

    @Override
    public Object find(int account) {
      return balances[account];
    }

    @Override
    public Long findById(int account) {
      return balances[account];
    }

    @Override
    public long balanceOf(int account) {
      return balances[account];
    }
  }

  static final class CacheStore extends Store {
    CacheStore(long[] balances) {
      super(balances);
    }

    @Override
    public Object find(int account) {
      return balances[account];
    }

    @Override
    public Long findById(int account) {
      return balances[account];
    }

    @Override
    public long balanceOf(int account) {
      return balances[account];
    }
  }

  /** The store each lookup goes to (index = lookup number) and the account it asks for. */
  Store[] stores;

  int[] accounts;

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(42);
    long[] balances = new long[ACCOUNTS];
    for (int i = 0; i < ACCOUNTS; i++) {
      balances[i] = random.nextLong(1_000_000L, 1_000_000_000_000L);
    }
    Store[] layers =
        switch (callSite) {
          case "monomorphic" ->
              new Store[] {
                new PrimaryStore(balances), new PrimaryStore(balances), new PrimaryStore(balances)
              };
          case "megamorphic" ->
              new Store[] {
                new PrimaryStore(balances), new ReplicaStore(balances), new CacheStore(balances)
              };
          default -> throw new IllegalArgumentException("unknown callSite " + callSite);
        };
    stores = new Store[LOOKUPS];
    accounts = new int[LOOKUPS];
    for (int i = 0; i < LOOKUPS; i++) {
      stores[i] = layers[random.nextInt(layers.length)];
      accounts[i] = random.nextInt(ACCOUNTS);
    }
  }

  @Benchmark
  public long pitfallObjectCast() {
    long sum = 0;
    for (int i = 0; i < LOOKUPS; i++) {
      ObjectRepository repository = stores[i];
      sum += (Long) repository.find(accounts[i]);
    }
    return sum;
  }

  @Benchmark
  public long pitfallGenericBoxed() {
    long sum = 0;
    for (int i = 0; i < LOOKUPS; i++) {
      Repository<Long> repository = stores[i];
      sum += repository.findById(accounts[i]);
    }
    return sum;
  }

  @Benchmark
  public long fixPrimitiveTyped() {
    long sum = 0;
    for (int i = 0; i < LOOKUPS; i++) {
      BalanceRepository repository = stores[i];
      sum += repository.balanceOf(accounts[i]);
    }
    return sum;
  }
}
