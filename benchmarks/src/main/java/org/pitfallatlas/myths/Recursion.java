package org.pitfallatlas.myths;

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
 * Recursion — sum a linked list of `depth` nodes recursively vs with a loop.
 *
 * The Go folklore: "deep recursion is slow — iterate instead", for a reason specific to Go: a
 * goroutine starts with a small stack (a few KiB) and grows it on demand. When a call needs more
 * stack than is left, the runtime (morestack) allocates a stack twice the size and *copies* the
 * whole stack into it, adjusting every pointer into it; a recursion 10,000 frames deep in a fresh
 * goroutine pays several such copies (the stack stays grown until the GC shrinks it). Go has no
 * StackOverflowError short of its 1 GB maximum stack.
 *
 * The JVM has no stack growth to pay: a platform thread's stack is reserved up front (-Xss,
 * ThreadStackSize: 1 MiB on Linux x64, JMH's worker threads included) and a call only moves the
 * stack pointer (plus a stack-banging probe). What a recursive call still costs is the call: a
 * frame per node, a call and a return, and what the JIT cannot do across calls — C2 inlines a
 * recursive method into itself only MaxRecursiveInlineLevel (1) deep, and there is no tail-call
 * elimination (this sum is not a tail call anyway: it adds after the call returns). The loop keeps
 * the running sum in a register. Both walk the same nodes in the same order, so both pay the same
 * pointer chase (a dependent load per node); what differs is the call overhead alone.
 *
 * The JVM's own limit is the other direction: a fixed stack overflows. With the default 1 MiB
 * stack (ThreadStackSize = 1024 on Linux x64, JDK 25) sumRecursive overflowed past 8,000 frames
 * (at 9,000) in the interpreter (-Xint) and past 39,000 (at 40,000) once compiled: interpreter
 * frames are ~4-5x larger. The first calls of every fork run interpreted, so the sweep stops at
 * 5,000, inside the default stack at every tier (at 10,000 a fork would overflow whenever the
 * compiler fell behind); RecursionTest runs every depth on a thread with the default stack size,
 * and shows a million frames overflowing where the loop does not. (Virtual threads are the JVM's
 * growable stacks, but frames are copied to and from a heap stack chunk only when a virtual
 * thread unmounts and mounts, not as it recurses.)
 *
 * The claim under test: "recursion is slower than iteration" (no figure; in Go the stack copying
 * is part of it). A "faster" iterative row here is the call overhead, not stack growth — the
 * JVM's part of the myth. The sweep (depth 100, 1,000, 5,000) should be linear in depth for
 * both, with a roughly constant ratio; a ratio that grows with depth would point at the stack
 * (more frames leave L1) rather than the calls.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class Recursion {

  /** How many nodes the list has: the recursion depth. */
  @Param({"100", "1000", "5000"})
  public int depth;

  /** A singly linked list node; final fields, allocated in order in setup. */
  static final class Node {
    final long value;
    final Node next;

    Node(long value, Node next) {
      this.value = value;
      this.next = next;
    }
  }

  Node head;

  @Setup
  public void setup() {
    head = list(depth);
  }

  /** Returns a list of {@code depth} nodes with values 1..depth, 1 first. */
  static Node list(int depth) {
    Node n = null;
    for (int i = depth; i >= 1; i--) {
      n = new Node(i, n);
    }
    return n;
  }

  @Benchmark
  public long pitfallRecursive() {
    return sumRecursive(head);
  }

  @Benchmark
  public long fixIterative() {
    return sumIterative(head);
  }

  static long sumRecursive(Node n) {
    return n == null ? 0 : n.value + sumRecursive(n.next);
  }

  static long sumIterative(Node n) {
    long sum = 0;
    for (; n != null; n = n.next) {
      sum += n.value;
    }
    return sum;
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'myths.Recursion'
 *
 * Expect both linear in depth, no allocation on either side, and the recursive sum slower by the
 * cost of a call and return per node. By hand on the shared 2-core VM while other benchmarks ran,
 * with depth 10,000 as the last point then (-f 1 -wi 4 -w 300ms -i 5 -r 200ms; one fork, noisy,
 * read the shape only): recursive/iterative 259 / 171 ns at depth 100, 4,942 / 1,419 ns at 1,000,
 * 79,783 / 17,325 ns at 10,000 — a ratio that grew with depth (1.5x, 3.5x, 4.6x). If the reference
 * run's intervals confirm it, the stack's frames leaving the caches cost more than the calls alone.
 */
