package org.pitfallatlas.analysis.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LoadMonitor measures how much CPU <em>other</em> processes used between two points in time,
 * e.g. around each JMH invocation of a run, so a result measured on a busy machine can be told
 * apart from one measured on a quiet machine.
 *
 * <pre>{@code
 * LoadMonitor monitor = new LoadMonitor();
 * LoadMonitor.Mark start = monitor.mark();
 * ... run the JMH invocation ...
 * LoadMonitor.Interval i = monitor.since(start);
 * i.foreignCpuShare(); // 0.35: others used 35% of the machine's CPU time meanwhile
 * }</pre>
 *
 * <p>How: the machine's busy time is the aggregate {@code cpu} line of {@code /proc/stat} (user,
 * nice, system, irq, softirq; guest time is already inside user and nice). This run's own time is
 * its process tree: {@code /proc/self/stat} utime + stime + cutime + cstime — the last two hold
 * every child this JVM has already waited for, and through them every grandchild they waited for
 * (JMH's host waits for its forked JVMs; this JVM waits for the host) — plus, for each descendant
 * still running (not yet waited for, so not yet in any cutime), its own utime + stime + cutime +
 * cstime from {@code /proc/<pid>/stat}. Others' time is busy time minus our time, as a share of all
 * CPU time that passed (idle, iowait and steal included), so 1.0 means every CPU busy with others
 * the whole time. Steal (time the hypervisor gave to other guests) is reported separately.
 *
 * <p>Accuracy is about a clock tick per process: the kernel samples CPU time in ticks, and a child
 * that is reaped between the listing of descendants and the reading of its parent's stat can be
 * missed for one mark. Where there is no {@code /proc/stat} (macOS, Windows) every interval is
 * {@linkplain Interval#available() not available} and nothing fails.
 */
public final class LoadMonitor {

  /**
   * Clock ticks per second of the {@code /proc} CPU figures (USER_HZ, {@code getconf CLK_TCK}). It
   * is 100 on every mainstream Linux architecture (x86, arm64, ppc64, s390x): the kernel keeps the
   * user-visible value fixed whatever its internal HZ, so it is assumed here rather than read (a
   * test checks it against {@code getconf}). Shares do not depend on it; only seconds do.
   */
  public static final int CLOCK_TICKS_PER_SECOND = 100;

  private final Path root;
  private final boolean countLiveDescendants;

  /** A monitor of this machine and this JVM's process tree. */
  public LoadMonitor() {
    this(Path.of("/"), true);
  }

  /**
   * A monitor reading {@code proc/stat} and {@code proc/self/stat} under {@code root} (a fake tree
   * in tests).
   *
   * @param countLiveDescendants whether to add the CPU time of this JVM's running descendants, read
   *     from {@code root/proc/<pid>/stat}
   */
  LoadMonitor(Path root, boolean countLiveDescendants) {
    this.root = root;
    this.countLiveDescendants = countLiveDescendants;
  }

  /** Whether this machine has the figures ({@code /proc/stat}); false on macOS and Windows. */
  public boolean available() {
    return Files.isReadable(root.resolve("proc/stat"));
  }

  /** The figures now, to measure from. */
  public Mark mark() {
    long nanos = System.nanoTime();
    Instant at = Instant.now();
    try {
      CpuTimes machine = CpuTimes.parse(Files.readString(root.resolve("proc/stat")));
      return new Mark(at, nanos, machine, ownJiffies(), null);
    } catch (IOException | RuntimeException e) {
      return new Mark(at, nanos, null, 0, unavailableReason(e));
    }
  }

  /** What happened between {@code start} and now. */
  public Interval since(Mark start) {
    return between(start, mark());
  }

  /** What happened between two marks of this monitor. */
  public static Interval between(Mark start, Mark end) {
    double wall = (end.nanos - start.nanos) / 1e9;
    if (start.machine == null || end.machine == null) {
      String reason = start.unavailable != null ? start.unavailable : end.unavailable;
      return Interval.unavailable(start.at, wall, reason);
    }
    return new Interval(
        start.at,
        wall,
        end.machine.cpus,
        end.machine.total - start.machine.total,
        end.machine.busy - start.machine.busy,
        end.own - start.own,
        end.machine.steal - start.machine.steal,
        null);
  }

  private String unavailableReason(Exception e) {
    if (!Files.exists(root.resolve("proc/stat"))) {
      return "not available: no /proc/stat (not Linux)";
    }
    return "not available: " + e;
  }

  /** Clock ticks used by this JVM, the children it reaped, and its descendants still running. */
  private long ownJiffies() throws IOException {
    long sum = processJiffies(Files.readString(root.resolve("proc/self/stat")));
    if (countLiveDescendants) {
      List<Long> pids = new ArrayList<>();
      ProcessHandle.current().descendants().forEach(p -> pids.add(p.pid()));
      for (long pid : pids) {
        try {
          sum += processJiffies(Files.readString(root.resolve("proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException gone) {
          // Ended and reaped meanwhile: its time is in its parent's cutime now (or is lost for
          // this mark if the parent was read before the reap).
        }
      }
    }
    return sum;
  }

  /** utime + stime + cutime + cstime of one {@code /proc/<pid>/stat} line. */
  static long processJiffies(String stat) {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last
    // ')'. Fields 14-17 (utime, stime, cutime, cstime) are then at indexes 11-14.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return Long.parseLong(f[11])
        + Long.parseLong(f[12])
        + Long.parseLong(f[13])
        + Long.parseLong(f[14]);
  }

  /** The machine's CPU figures at one instant. Opaque: pass it to {@link #since}. */
  public static final class Mark {
    private final Instant at;
    private final long nanos;
    private final CpuTimes machine;
    private final long own;
    private final String unavailable;

    private Mark(Instant at, long nanos, CpuTimes machine, long own, String unavailable) {
      this.at = at;
      this.nanos = nanos;
      this.machine = machine;
      this.own = own;
      this.unavailable = unavailable;
    }

    /** When the mark was taken. */
    public Instant at() {
      return at;
    }
  }

  /** Aggregate {@code cpu} line of {@code /proc/stat}, in clock ticks summed over all CPUs. */
  record CpuTimes(int cpus, long total, long busy, long steal) {

    static CpuTimes parse(String procStat) {
      long[] v = null;
      int cpus = 0;
      for (String line : procStat.lines().toList()) {
        if (line.startsWith("cpu ")) {
          String[] f = line.trim().split("\\s+");
          v = new long[8]; // user nice system idle iowait irq softirq steal (guest is in user)
          for (int i = 0; i < v.length && i + 1 < f.length; i++) {
            v[i] = Long.parseLong(f[i + 1]);
          }
        } else if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
          cpus++;
        }
      }
      if (v == null) {
        throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
      }
      long busy = v[0] + v[1] + v[2] + v[5] + v[6];
      long total = busy + v[3] + v[4] + v[7];
      return new CpuTimes(cpus, total, busy, v[7]);
    }
  }

  /**
   * CPU use between two marks. All jiffy counts are clock ticks summed over all CPUs.
   *
   * @param start when the interval began
   * @param wallSeconds wall-clock length
   * @param cpus CPUs online at the end
   * @param totalJiffies all CPU time that passed: the machine's capacity over the interval
   * @param busyJiffies time some process (or the kernel for one) ran
   * @param ownJiffies time this JVM and its descendants ran
   * @param stealJiffies time the hypervisor ran other guests instead of this machine's CPUs
   * @param unavailable why there are no figures ("not available: ..."), or null when there are
   */
  public record Interval(
      Instant start,
      double wallSeconds,
      int cpus,
      long totalJiffies,
      long busyJiffies,
      long ownJiffies,
      long stealJiffies,
      String unavailable) {

    static Interval unavailable(Instant start, double wallSeconds, String reason) {
      return new Interval(start, wallSeconds, 0, 0, 0, 0, 0, reason);
    }

    /** Whether there are figures (Linux) and time passed (at least a clock tick). */
    public boolean available() {
      return unavailable == null && totalJiffies > 0;
    }

    /** Busy time of other processes: busy minus ours, never below 0. */
    public long foreignJiffies() {
      return Math.max(0, busyJiffies - ownJiffies);
    }

    /**
     * Share (0 to 1) of the machine's CPU capacity over the interval that other processes used; NaN
     * when not {@linkplain #available() available}.
     */
    public double foreignCpuShare() {
      return share(foreignJiffies());
    }

    /** Share of the machine's CPU time stolen by the hypervisor; NaN when not available. */
    public double stealShare() {
      return share(stealJiffies);
    }

    /** Share of the machine's CPU time that this JVM and its descendants used. */
    public double ownCpuShare() {
      return share(Math.min(ownJiffies, busyJiffies));
    }

    /** Share of the machine's CPU time that anything used (ours and others'). */
    public double busyShare() {
      return share(busyJiffies);
    }

    /** CPUs' worth of work others did on average, e.g. 0.7 of 2 CPUs; NaN when not available. */
    public double foreignCpus() {
      return foreignCpuShare() * cpus;
    }

    private double share(long jiffies) {
      return available() ? Math.min(1.0, (double) jiffies / totalJiffies) : Double.NaN;
    }

    /** The interval as ordered fields for {@code run.json}/{@code env.json}. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("available", available());
      m.put("start", start == null ? null : start.toString());
      m.put("wallSeconds", round(wallSeconds));
      if (!available()) {
        m.put(
            "reason",
            unavailable != null ? unavailable : "not available: less than a clock tick passed");
        return m;
      }
      m.put("cpus", cpus);
      m.put("foreignCpuShare", round(foreignCpuShare()));
      m.put("stealShare", round(stealShare()));
      m.put("ownCpuShare", round(ownCpuShare()));
      m.put("busyShare", round(busyShare()));
      m.put("foreignCpuSeconds", round((double) foreignJiffies() / CLOCK_TICKS_PER_SECOND));
      m.put("ownCpuSeconds", round((double) ownJiffies / CLOCK_TICKS_PER_SECOND));
      m.put("stealSeconds", round((double) stealJiffies / CLOCK_TICKS_PER_SECOND));
      return m;
    }

    private static Double round(double v) {
      return Double.isFinite(v) ? Math.round(v * 10_000) / 10_000.0 : null;
    }
  }
}
