package org.pitfallatlas.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/*
 * BatchedInserts — N single-row transactions vs one transaction of N rows, into a real SQLite
 * file that really syncs.
 *
 * The Go claim: "1000 inserts in one transaction vs 1000 single-row transactions: ~50x faster
 * (1000 fsyncs -> 1)". database/sql runs every Exec outside a Tx in its own implicit transaction
 * (autocommit), and a durable commit must reach the disk: the database calls fsync before it
 * reports success. The JVM is no different — JDBC connections start in autocommit mode, so
 * `insert.executeUpdate()` in a loop is N commits — and the cost is the disk's, not the
 * runtime's, so the figure should travel as far as this machine's fsync resembles the source's.
 *
 * The database: SQLite (org.xerial:sqlite-jdbc, the SQLite C library over JNI) on a file in a
 * fresh folder made in @Setup and deleted in @TearDown, with PRAGMA synchronous=FULL (every commit
 * is synced: SQLite's compiled-in default, set and checked here because NORMAL, which SQLite's
 * documentation suggests with WAL, skips the WAL's per-commit sync). The folder is made in the
 * fork's working directory — the run's results folder under scripts/atlas — or in -Datlas.io.dir; a folder on tmpfs is refused (fsync is a no-op
 * there, so the benchmark would measure nothing it claims). The @Param `journal` picks SQLite's
 * commit protocol, and with it the number of syncs per commit:
 *
 *   - DELETE (rollback journal, SQLite's default): a commit writes the old pages to a -journal
 *     file and syncs it, writes the database pages and syncs the database, then deletes the
 *     journal (a directory update): two fsyncs or more, plus a file creation and deletion, per
 *     commit.
 *   - WAL (write-ahead log): a commit appends its pages to the -wal file and syncs it once; the
 *     pages reach the database at checkpoints (every ~1000 WAL pages by default), which sync
 *     again — amortised over many commits.
 *
 * The three variants insert the same rows (seq 0..rows-1 and a precomputed ~40-byte payload)
 * through one PreparedStatement prepared in @Setup and reused — the fair pitfall, no re-parsing:
 *
 *   - pitfallAutocommit: executeUpdate per row in autocommit mode, what a loop over `db.Exec`
 *     (Go) or `insert.executeUpdate()` (JDBC) does: rows commits, rows x (journal's syncs).
 *   - fixOneTransaction: setAutoCommit(false), the same executeUpdate per row, one commit(), and
 *     setAutoCommit(true) in finally: one commit's syncs for all rows.
 *   - fixBatch: the same transaction, with addBatch per row and one executeBatch — the "batched
 *     statements vs single" half of the folklore. With an in-process database there is no network
 *     round trip for batching to save (against a server it also saves rows-1 round trips), so
 *     expect it equal to or a little faster than fixOneTransaction (fewer JNI calls).
 *
 * Each op returns the number of rows the driver reports inserted. The table keeps only what one
 * iteration inserts: @Setup(Level.Iteration) empties it (DELETE FROM, and a WAL checkpoint that
 * truncates the log) outside the measured time, so every iteration starts from the same empty
 * table and file sizes. BatchedInsertsTest proves all three variants leave identical rows.
 *
 * How to read it: time per op (one op = `rows` inserts). The pitfall costs ~rows x (one commit's
 * syncs); the fixes cost one commit's syncs plus rows x (the per-row CPU of an INSERT, a few us).
 * So the fix/pitfall ratio falls with rows until the per-row CPU dominates the fix, and its floor
 * is (per-row CPU) / (one commit's sync cost): the faster this machine's fsync, the smaller the
 * speedup. The sweep's expected shape: pitfall linear in rows (about rows x the commit cost at
 * every point — a per-row cost that drifts with rows would mean the file or journal grew); the
 * fixes nearly flat from 10 to 100 rows (one commit dominates), then growing slowly. DELETE's
 * commit syncs more and creates and deletes a file, so its pitfall should be slower than WAL's; by
 * how much depends on the file system and on what else writes to it (see below).
 *
 * The fsync cost of this machine's disk, measured by hand (a 4 KiB write plus FileChannel.force,
 * 300 times, three rounds; and `dd bs=4k count=300 oflag=dsync`), on ext4 over virtio: 0.08-0.37 ms
 * per sync with load ~2 (dd: 0.34-0.48 ms), and 8-15 ms (dd: 16 ms) ten minutes later, with a load
 * of ~16 and other helpers' builds and runs writing to the same disk. A sync on ext4 waits for a
 * journal commit that carries everyone's dirty metadata, so this benchmark's absolute times follow
 * the machine's other I/O far more than a CPU-bound pair's do: its reference needs a quiet machine.
 * For scale, a 7200 rpm disk takes ~8-10 ms per sync and a consumer SSD without power-loss
 * protection ~1-5 ms (typical figures, not measured here).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(5)
@State(Scope.Benchmark)
public class BatchedInserts {

  /** The system property naming the folder the database's folder is made in. */
  public static final String DIR_PROPERTY = "atlas.io.dir";

  /** File systems on which fsync reaches no disk. */
  private static final Set<String> MEMORY_FILE_SYSTEMS = Set.of("tmpfs", "ramfs");

  /** SQLite's commit protocol: a rollback journal deleted per commit, or a write-ahead log. */
  @Param({"DELETE", "WAL"})
  public String journal;

  /** Rows inserted per operation. */
  @Param({"10", "100", "1000"})
  public int rows;

  /** Where the database's folder is made; null: -Datlas.io.dir, else the working directory. */
  Path baseDir;

  Path dir;
  Connection connection;
  PreparedStatement insert;
  String[] payloads;

  @Setup
  public void setup() throws SQLException, IOException {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    String mode = journal.toUpperCase(Locale.ROOT);
    if (!mode.equals("DELETE") && !mode.equals("WAL")) {
      throw new IllegalArgumentException(
          "journal must be DELETE (rollback journal) or WAL (write-ahead log), got '"
              + journal
              + "'");
    }
    dir = Files.createTempDirectory(base(), "batched-inserts-");
    connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("atlas.db"));
    try (Statement s = connection.createStatement()) {
      String applied = single(s, "PRAGMA journal_mode=" + mode);
      if (!applied.equalsIgnoreCase(mode)) {
        throw new IllegalStateException(
            "SQLite refused journal_mode=" + mode + " on " + dir + " (it reports " + applied + ")");
      }
      s.execute("PRAGMA synchronous=FULL");
      // 2 = FULL: checked, because a driver or build default that overrode it would silently
      // make every commit cheaper than the claim's.
      String sync = single(s, "PRAGMA synchronous");
      if (!sync.equals("2")) {
        throw new IllegalStateException("PRAGMA synchronous is " + sync + ", not 2 (FULL)");
      }
      s.execute("CREATE TABLE events (seq INTEGER NOT NULL, payload TEXT NOT NULL)");
    }
    insert = connection.prepareStatement("INSERT INTO events (seq, payload) VALUES (?, ?)");
    payloads = new String[rows];
    for (int i = 0; i < rows; i++) {
      payloads[i] = String.format(Locale.ROOT, "event-%06d user=%08x action=insert", i, i * 31);
    }
  }

  /** Empties the table (and, in WAL mode, the log) so every iteration starts from the same file. */
  @Setup(Level.Iteration)
  public void emptyTable() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("DELETE FROM events");
      if (journal.equalsIgnoreCase("WAL")) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    }
  }

  @TearDown
  public void tearDown() throws SQLException, IOException {
    try {
      if (insert != null) {
        insert.close();
      }
      if (connection != null) {
        connection.close();
      }
    } finally {
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  @Benchmark
  public int pitfallAutocommit() throws SQLException {
    PreparedStatement insert = this.insert;
    int stored = 0;
    for (int i = 0; i < rows; i++) {
      insert.setInt(1, i);
      insert.setString(2, payloads[i]);
      stored += insert.executeUpdate();
    }
    return stored;
  }

  @Benchmark
  public int fixOneTransaction() throws SQLException {
    PreparedStatement insert = this.insert;
    connection.setAutoCommit(false);
    try {
      int stored = 0;
      for (int i = 0; i < rows; i++) {
        insert.setInt(1, i);
        insert.setString(2, payloads[i]);
        stored += insert.executeUpdate();
      }
      connection.commit();
      return stored;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  @Benchmark
  public int fixBatch() throws SQLException {
    PreparedStatement insert = this.insert;
    connection.setAutoCommit(false);
    try {
      for (int i = 0; i < rows; i++) {
        insert.setInt(1, i);
        insert.setString(2, payloads[i]);
        insert.addBatch();
      }
      int stored = 0;
      for (int count : insert.executeBatch()) {
        stored += count;
      }
      connection.commit();
      return stored;
    } catch (SQLException | RuntimeException e) {
      insert.clearBatch();
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private Path base() throws IOException {
    Path base = baseDir;
    if (base == null) {
      String prop = System.getProperty(DIR_PROPERTY);
      base = Path.of(prop == null || prop.isBlank() ? "" : prop).toAbsolutePath();
    }
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException(
          "the database folder's parent "
              + base
              + " is not a directory: set -D"
              + DIR_PROPERTY
              + " to an existing folder on a disk");
    }
    String type = Files.getFileStore(base).type();
    if (MEMORY_FILE_SYSTEMS.contains(type)) {
      throw new IllegalArgumentException(
          base
              + " is on "
              + type
              + ", where fsync reaches no disk, so commits would cost nothing to sync: run from a"
              + " folder on a disk or set -D"
              + DIR_PROPERTY
              + " to one");
    }
    return base;
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      if (!r.next()) {
        throw new IllegalStateException(sql + " returned no row");
      }
      return r.getString(1);
    }
  }

  /** The table's rows in insertion order, as "seq|payload" (for tests). */
  List<String> storedRows() throws SQLException {
    List<String> stored = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT seq, payload FROM events ORDER BY rowid")) {
      while (r.next()) {
        stored.add(r.getInt(1) + "|" + r.getString(2));
      }
    }
    return stored;
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'io.BatchedInserts' -p rows=1000 -prof gc
 *
 * (add -jvmArgsAppend -Datlas.io.dir=<folder on a disk> to choose where the database goes; the
 * recommended profiler is async-profiler's wall clock, event=wall: the pitfall's thread sits in
 * fsync, which a cpu profile does not show.) The smoke run on the loaded shared VM (1 fork, 1
 * iteration, load ~16: fsync took 8-15 ms then, so the times are far slower than a quiet machine's
 * and only their order is worth reading):
 *
 *   BatchedInserts.pitfallAutocommit  journal=DELETE rows=1000   14040 ms/op
 *   BatchedInserts.fixOneTransaction  journal=DELETE rows=1000      47 ms/op
 *   BatchedInserts.pitfallAutocommit  journal=WAL    rows=1000    3679 ms/op
 *   BatchedInserts.fixOneTransaction  journal=WAL    rows=1000      21 ms/op
 *   BatchedInserts.fixBatch           journal=WAL    rows=1000     9.4 ms/op
 *
 * and by hand a few minutes earlier, load ~2 (-f 1 -wi 1 -w 100ms -i 2 -r 200ms): pitfall 880 ms
 * (DELETE) and 761 ms (WAL) at 1000 rows, fixOneTransaction 41 and 19 ms, fixBatch 23 and 6.6 ms.
 * The telling number is the pitfall's time per row, about one commit's sync cost (0.76-14 ms here),
 * against the fixes' one commit plus a few us per row. The wall-clock profile of the smoke run
 * (WAL, 1000 rows) put 95% of the pitfall thread's samples under libc's fsync (this SQLite build
 * syncs with fsync, not fdatasync). -prof gc shows the driver's own cost too: executeUpdate
 * allocated ~1 KB per row (pitfall and fixOneTransaction alike), executeBatch ~94 B per row.
 */
