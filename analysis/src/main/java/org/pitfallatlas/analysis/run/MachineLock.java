package org.pitfallatlas.analysis.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A MachineLock keeps two atlas runs from measuring on one machine at once. JMH's own {@code
 * /tmp/jmh.lock} only covers one JMH invocation, and a run is many of them: between two, another
 * run could slip in, and both would then measure each other. A run takes this lock before it
 * measures and keeps it to the end.
 *
 * <pre>{@code
 * MachineLock lock = new MachineLock(family, folders.results());
 * try (MachineLock.Held held = lock.acquire(Duration.ofHours(2), log::line)) {
 *   env.put("machineLock", held.toMap());   // who we waited for, and how long
 *   ... measure ...
 * }
 * }</pre>
 *
 * <p>It is an OS file lock ({@link FileChannel#tryLock()}, {@code fcntl} on Linux) on a fixed file,
 * {@link #DEFAULT_FILE}: the kernel drops it when the holding process ends however it ends (even
 * {@code kill -9}), so there are no stale locks to clean up. The holder writes who it is (pid,
 * user, family, results folder, start time) into the file, so a run that finds it taken can say
 * which run it is waiting for. Within one JVM the lock is also recorded in a table, because the OS
 * lock belongs to the process: a second {@code tryLock} from the same JVM would throw {@link
 * OverlappingFileLockException}, and closing any other channel on the file would silently drop the
 * lock.
 */
public final class MachineLock {

  /** The machine-wide lock file. */
  public static final Path DEFAULT_FILE = Path.of("/tmp/pitfall-atlas.lock");

  /** Exit code of a run that was refused because another run holds the machine. */
  public static final int BUSY_EXIT_CODE = 3;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long UNKNOWN_GRACE_NANOS = 2_000_000_000L;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

  /** Locks held by this JVM, by absolute lock file. Guarded by the class monitor. */
  private static final Map<Path, Holder> HELD_HERE = new HashMap<>();

  private final Path file;
  private final String family;
  private final Path results;
  private Duration pollInterval = Duration.ofMillis(500);

  /**
   * A lock on {@link #DEFAULT_FILE} for a run of {@code family} writing to {@code results}.
   *
   * @param results the run's results folder, shown to runs that wait; may be null
   */
  public MachineLock(String family, Path results) {
    this(DEFAULT_FILE, family, results);
  }

  /** A lock on another file: for tests, or to separate groups of runs. */
  public MachineLock(Path file, String family, Path results) {
    this.file = file.toAbsolutePath().normalize();
    this.family = Objects.requireNonNull(family, "family");
    this.results = results;
  }

  /** How often a waiting run tries again (500 ms by default). */
  MachineLock pollEvery(Duration interval) {
    this.pollInterval = interval;
    return this;
  }

  /**
   * Takes the lock, waiting for the run that holds it for at most {@code maxWait}. {@link
   * Duration#ZERO} does not wait (a {@code --no-wait} option): it refuses at once if the lock is
   * taken.
   *
   * @param notice told, once per run waited for, who holds the machine and that we wait
   * @return the held lock; close it when the run has finished measuring
   * @throws RunException with exit code {@link #BUSY_EXIT_CODE} when the lock is still taken after
   *     {@code maxWait}, or the lock file cannot be opened; the message says who holds it and what
   *     to do
   */
  public Held acquire(Duration maxWait, Consumer<String> notice) {
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("negative wait: " + maxWait);
    }
    long t0 = System.nanoTime();
    long maxNanos =
        maxWait.compareTo(Duration.ofDays(3650)) > 0 ? Long.MAX_VALUE : maxWait.toNanos();
    List<Holder> waitedFor = new ArrayList<>();
    Holder last = null;
    long unknownSince = -1;
    while (true) {
      Attempt a = attempt();
      if (a.held != null) {
        return a.held.waited(Duration.ofNanos(System.nanoTime() - t0), waitedFor);
      }
      Holder holder = a.holder;
      long waited = System.nanoTime() - t0;
      if (maxWait.isZero()) {
        throw new RunException(
            BUSY_EXIT_CODE,
            describe(holder)
                + " is measuring on this machine; two runs at once would spoil each other's"
                + " numbers, so nothing was run. Wait for it to finish (or stop it), or run again"
                + " without --no-wait to queue behind it.");
      }
      // A holder that has only just taken the lock may not have written who it is yet: give it a
      // moment before saying "unknown".
      unknownSince = holder.pid() > 0 ? -1 : unknownSince < 0 ? waited : unknownSince;
      boolean tell = holder.pid() > 0 || waited - unknownSince >= UNKNOWN_GRACE_NANOS;
      if (tell && (last == null || !sameRun(last, holder))) {
        waitedFor.add(holder);
        last = holder;
        String limit =
            maxNanos == Long.MAX_VALUE ? "" : " up to " + human(Duration.ofNanos(maxNanos));
        notice.accept(
            describe(holder) + " is measuring; waiting" + limit + " for it (Ctrl-C to give up)");
      }
      if (waited >= maxNanos) {
        throw new RunException(
            BUSY_EXIT_CODE,
            describe(holder)
                + " is still measuring on this machine after waiting "
                + human(Duration.ofNanos(waited))
                + "; nothing was run. Try again when it has finished (or stop it).");
      }
      try {
        Thread.sleep(
            Math.max(1, Math.min(pollInterval.toMillis(), (maxNanos - waited) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunException(
            130, "interrupted while waiting for " + describe(holder) + "; nothing was run.");
      }
    }
  }

  private record Attempt(Held held, Holder holder) {}

  /** One try: the lock, or who holds it. */
  private Attempt attempt() {
    synchronized (MachineLock.class) {
      Holder here = HELD_HERE.get(file);
      if (here != null) {
        // Held by this JVM: do not open the file (closing a second channel would drop the lock).
        return new Attempt(null, here);
      }
      FileChannel ch = open();
      try {
        FileLock lock;
        try {
          lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null; // held through a channel in this JVM that is not ours
        } catch (IOException e) {
          throw new RunException(
              BUSY_EXIT_CODE,
              "cannot lock the machine-wide run lock " + file + ": " + e + "; nothing was run.");
        }
        if (lock != null) {
          Holder me =
              new Holder(
                  ProcessHandle.current().pid(),
                  System.getProperty("user.name", ""),
                  family,
                  results == null ? null : results.toString(),
                  Instant.now());
          write(ch, me);
          HELD_HERE.put(file, me);
          Held held = new Held(file, ch, lock, me);
          ch = null; // the Held owns it now
          return new Attempt(held, null);
        }
        return new Attempt(null, read(ch));
      } finally {
        if (ch != null) {
          closeQuietly(ch);
        }
      }
    }
  }

  private FileChannel open() {
    try {
      for (int attempt = 0; ; attempt++) {
        try {
          // Without CREATE when it exists: with fs.protected_regular, O_CREAT on another user's
          // file in sticky /tmp is refused even when its permissions allow writing.
          return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException absent) {
          try {
            FileChannel ch =
                FileChannel.open(
                    file,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try { // let other users' runs take it too
              Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            } catch (IOException | UnsupportedOperationException e) {
              // not POSIX: the default permissions stay
            }
            return ch;
          } catch (FileAlreadyExistsException raced) {
            if (attempt > 10) {
              throw raced;
            }
          }
        }
      }
    } catch (AccessDeniedException e) {
      throw new RunException(
          BUSY_EXIT_CODE,
          "cannot open the machine-wide run lock "
              + file
              + " (made by another user?); nothing was run. Let every user write it: chmod 666 "
              + file);
    } catch (IOException e) {
      throw new RunException(
          BUSY_EXIT_CODE,
          "cannot open the machine-wide run lock " + file + ": " + e + "; nothing was run.");
    }
  }

  private static void write(FileChannel ch, Holder me) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(me.toMap());
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(bytes), 0);
    } catch (IOException e) {
      // Only the description for waiting runs is lost; the lock itself holds.
    }
  }

  /** Who holds the lock, as its holder wrote it; {@link Holder#UNKNOWN} when not (yet) written. */
  private static Holder read(FileChannel ch) {
    try {
      long size = Math.min(ch.size(), 64 * 1024);
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
        // read it all
      }
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        return Holder.UNKNOWN;
      }
      JsonNode n = JSON.readTree(text);
      long pid = n.path("pid").asLong(-1);
      // Left by an earlier holder that died before the current one wrote its own.
      if (pid <= 0 || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
        return Holder.UNKNOWN;
      }
      return new Holder(
          pid,
          n.path("user").asText(""),
          n.path("family").asText(""),
          n.hasNonNull("results") ? n.get("results").asText() : null,
          n.hasNonNull("started") ? Instant.parse(n.get("started").asText()) : null);
    } catch (IOException | RuntimeException e) {
      return Holder.UNKNOWN;
    }
  }

  private static boolean sameRun(Holder a, Holder b) {
    return a.pid() == b.pid() && Objects.equals(a.started(), b.started());
  }

  /** "another atlas run (pid 1234, user ann, boxing, started 04:31Z, results/…)" for a holder. */
  static String describe(Holder h) {
    if (h.pid() <= 0) {
      return "another atlas run (it has not said which yet)";
    }
    List<String> parts = new ArrayList<>();
    parts.add("pid " + h.pid());
    if (h.user() != null && !h.user().isEmpty()) {
      parts.add("user " + h.user());
    }
    if (h.family() != null && !h.family().isEmpty()) {
      parts.add(h.family());
    }
    if (h.started() != null) {
      Instant now = Instant.now();
      boolean today = Duration.between(h.started(), now).toHours() < 20;
      parts.add(
          "started "
              + (today ? TIME : DAY_TIME).format(h.started())
              + ", "
              + human(Duration.between(h.started(), now))
              + " ago");
    }
    if (h.results() != null) {
      parts.add(h.results());
    }
    String who = h.pid() == ProcessHandle.current().pid() ? "this process" : "another atlas run";
    return who + " (" + String.join(", ", parts) + ")";
  }

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 10) {
      return String.format(java.util.Locale.ROOT, "%.1f s", Math.max(0, d.toMillis()) / 1000.0);
    }
    if (s < 90) {
      return s + " s";
    }
    if (s < 90 * 60) {
      return (s + 30) / 60 + " min";
    }
    return String.format(java.util.Locale.ROOT, "%.1f h", s / 3600.0);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  /**
   * A run holding (or seen holding) the lock.
   *
   * @param pid its process id; -1 when unknown
   * @param user the user it runs as
   * @param family the family it measures
   * @param results its results folder, or null
   * @param started when it took the lock
   */
  public record Holder(long pid, String user, String family, String results, Instant started) {

    static final Holder UNKNOWN = new Holder(-1, null, null, null, null);

    /** The holder as ordered fields, for the lock file and {@code run.json}. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pid", pid);
      m.put("user", user);
      m.put("family", family);
      m.put("results", results);
      m.put("started", started == null ? null : started.toString());
      return m;
    }
  }

  /** The lock, held. Close it when the run has finished measuring; closing twice is harmless. */
  public static final class Held implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder me;
    private Duration waited = Duration.ZERO;
    private List<Holder> waitedFor = List.of();
    private boolean closed;

    private Held(Path file, FileChannel channel, FileLock lock, Holder me) {
      this.file = file;
      this.channel = channel;
      this.lock = lock;
      this.me = me;
    }

    private Held waited(Duration d, List<Holder> runs) {
      this.waited = d;
      this.waitedFor = List.copyOf(runs);
      return this;
    }

    /** How long {@link MachineLock#acquire} waited for other runs. */
    public Duration waited() {
      return waited;
    }

    /** The runs waited for, in order; empty when the machine was free. */
    public List<Holder> waitedFor() {
      return waitedFor;
    }

    /** When the lock was taken. */
    public Instant acquired() {
      return me.started();
    }

    /** The lock file. */
    public Path file() {
      return file;
    }

    /** For {@code env.json}/{@code run.json}: file, pid, acquired, waitedSeconds, waitedFor. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file.toString());
      m.put("pid", me.pid());
      m.put("acquired", me.started().toString());
      m.put("waitedSeconds", Math.round(waited.toMillis() / 100.0) / 10.0);
      m.put("waitedFor", waitedFor.stream().map(Holder::toMap).toList());
      return m;
    }

    /** Releases the lock. */
    @Override
    public void close() {
      synchronized (MachineLock.class) {
        if (closed) {
          return;
        }
        closed = true;
        try {
          channel.truncate(0); // a run that looks next sees no stale description
        } catch (IOException e) {
          // the description stays; readers check that its pid is alive
        }
        try {
          lock.release();
        } catch (IOException e) {
          // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD_HERE.remove(file);
      }
    }
  }
}
