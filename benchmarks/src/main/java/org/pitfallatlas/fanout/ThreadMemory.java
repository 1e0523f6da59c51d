package org.pitfallatlas.fanout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * ThreadMemory reads what a process holds for its threads: the "Thread" category of Native Memory
 * Tracking (reserved and committed, stacks included), the resident set size, and the heap in use
 * after a full GC; and carries one measurement per benchmark operation from {@link ThreadStacks} to
 * {@link ThreadMemoryProfiler}.
 *
 * <p>NMT is read in-process through the DiagnosticCommand MBean ({@code jcmd <pid> VM.native_memory
 * summary} without a second JVM); it answers only when the JVM runs with {@code
 * -XX:NativeMemoryTracking=summary} (or detail), otherwise {@link #nmtThread()} returns null.
 *
 * @see <a href="https://docs.oracle.com/en/java/javase/25/vm/native-memory-tracking.html">Native
 *     Memory Tracking</a>
 */
public final class ThreadMemory {

  /**
   * A Snapshot is the process's thread-related memory at one moment, in bytes: NMT's Thread
   * category (-1 each when NMT is off), the resident set size (-1 where /proc is absent), and the
   * heap in use after a full GC.
   */
  public record Snapshot(long nmtReserved, long nmtCommitted, long rss, long heapUsed) {}

  /**
   * A PerThread is one operation's memory per thread, in bytes: the differences of two snapshots
   * (all threads parked minus none started) divided by the thread count.
   *
   * @param nmtReserved NMT Thread reserved: the stacks' address space (-Xss each) plus malloc
   * @param nmtCommitted NMT Thread committed: the stack pages touched plus malloc
   * @param rss resident set size (NaN where /proc/self/status cannot be read)
   * @param heap heap in use after GC: Thread objects, and for virtual threads their stack chunks
   */
  public record PerThread(
      double nmtReserved, double nmtCommitted, double rss, double heap, boolean nmt) {

    /** Committed memory per thread: native committed (NMT) plus heap. */
    public double committed() {
      return Math.max(0, nmtCommitted) + heap;
    }

    /** Reserved memory per thread: native reserved (NMT) plus heap (a chunk is its reservation). */
    public double reserved() {
      return Math.max(0, nmtReserved) + heap;
    }
  }

  private static final AtomicReference<PerThread> LAST = new AtomicReference<>();
  private static final Pattern THREAD =
      Pattern.compile("-\\s+Thread \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
  private static final Path STATUS = Path.of("/proc/self/status");

  private ThreadMemory() {}

  /** Takes a snapshot: a full GC first (so heap use is the live set), then NMT and RSS. */
  public static Snapshot snapshot() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    // Two collections: the first may only promote; the second leaves the live set.
    System.gc();
    System.gc();
    long heap = memory.getHeapMemoryUsage().getUsed();
    long[] nmt = settledNmtThread();
    return new Snapshot(
        nmt == null ? -1 : nmt[0], nmt == null ? -1 : nmt[1], rssBytes(List.of()), heap);
  }

  /** The difference {@code after - before} divided by {@code threads}. */
  public static PerThread perThread(Snapshot before, Snapshot after, int threads) {
    boolean nmt = before.nmtCommitted() >= 0 && after.nmtCommitted() >= 0;
    return new PerThread(
        nmt ? (after.nmtReserved() - before.nmtReserved()) / (double) threads : -1,
        nmt ? (after.nmtCommitted() - before.nmtCommitted()) / (double) threads : -1,
        before.rss() < 0 || after.rss() < 0
            ? Double.NaN
            : (after.rss() - before.rss()) / (double) threads,
        (after.heapUsed() - before.heapUsed()) / (double) threads,
        nmt);
  }

  /** Records an operation's figures for {@link ThreadMemoryProfiler}. */
  static void record(PerThread perThread) {
    LAST.set(perThread);
  }

  /** Takes (and clears) the last recorded figures, or null when none was recorded. */
  static PerThread takeLast() {
    return LAST.getAndSet(null);
  }

  /**
   * NMT's Thread category once it stops changing: a joined platform thread has ended as a Java
   * thread, but its native thread may still be exiting and its stack still counted for a few
   * milliseconds. Reads until two readings 20 ms apart agree (at most ~2 s).
   */
  static long[] settledNmtThread() {
    long[] previous = nmtThread();
    for (int i = 0; i < 100 && previous != null; i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return previous;
      }
      long[] next = nmtThread();
      if (next == null || (next[0] == previous[0] && next[1] == previous[1])) {
        return next;
      }
      previous = next;
    }
    return previous;
  }

  /**
   * NMT's Thread category: {reserved, committed} in bytes, or null when NMT is off (or the MBean is
   * missing).
   */
  static long[] nmtThread() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      Object out =
          server.invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              "vmNativeMemory",
              new Object[] {new String[] {"summary"}},
              new String[] {String[].class.getName()});
      return parseNmtThread(String.valueOf(out));
    } catch (JMException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads the Thread category of an NMT summary ("- Thread (reserved=18490KB, committed=786KB)").
   *
   * @return {reserved, committed} in bytes, or null when the line is absent (NMT off: the command
   *     answers "Native memory tracking is not enabled")
   */
  static long[] parseNmtThread(String summary) {
    Matcher m = THREAD.matcher(summary);
    if (!m.find()) {
      return null;
    }
    return new long[] {Long.parseLong(m.group(1)) * 1024, Long.parseLong(m.group(2)) * 1024};
  }

  /** The resident set size ({@code VmRSS}) in bytes, or -1 where it cannot be read. */
  static long rssBytes(List<String> statusLines) {
    List<String> lines = statusLines;
    if (lines.isEmpty()) {
      try {
        lines = Files.readAllLines(STATUS);
      } catch (IOException | SecurityException e) {
        return -1;
      }
    }
    for (String line : lines) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
        if (parts.length == 2 && parts[1].equals("kB")) {
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    }
    return -1;
  }
}
