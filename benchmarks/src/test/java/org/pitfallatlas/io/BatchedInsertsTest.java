package org.pitfallatlas.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pitfallatlas.suite.ParamValues;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

class BatchedInsertsTest {

  /** The database's folder is made under target/ (a disk; /tmp may be tmpfs, which is refused). */
  private static final Path BASE = Path.of("target").toAbsolutePath();

  /** Every (journal, rows) point the benchmark declares. */
  static Stream<Arguments> points() {
    return Stream.of(ParamValues.Provider.values(BatchedInserts.class, "journal"))
        .flatMap(
            j ->
                Stream.of(ParamValues.Provider.values(BatchedInserts.class, "rows"))
                    .map(r -> Arguments.of(j, Integer.parseInt(r))));
  }

  @ParameterizedTest
  @MethodSource("points")
  void everyVariantStoresTheSameRowsAndOnlyThePitfallCommitsPerRow(String journal, int rows)
      throws Exception {
    BatchedInserts bench = bench(journal, rows);
    Path dir = bench.dir;
    AtomicInteger commits = new AtomicInteger();
    bench
        .connection
        .unwrap(SQLiteConnection.class)
        .addCommitListener(
            new SQLiteCommitListener() {
              @Override
              public void onCommit() {
                commits.incrementAndGet();
              }

              @Override
              public void onRollback() {}
            });
    try {
      bench.emptyTable();
      commits.set(0);
      assertThat(bench.pitfallAutocommit()).isEqualTo(rows);
      assertThat(commits.get()).as("commits of pitfallAutocommit").isEqualTo(rows);
      List<String> expected = bench.storedRows();
      assertThat(expected).hasSize(rows);
      assertThat(expected.getFirst()).startsWith("0|event-000000 ");
      assertThat(expected.getLast()).startsWith((rows - 1) + "|event-");

      Map<String, Op> fixes =
          Map.of("fixOneTransaction", bench::fixOneTransaction, "fixBatch", bench::fixBatch);
      for (Map.Entry<String, Op> fix : fixes.entrySet()) {
        bench.emptyTable();
        commits.set(0);
        assertThat(fix.getValue().run()).as("rows " + fix.getKey() + " reports").isEqualTo(rows);
        assertThat(commits.get()).as("commits of " + fix.getKey()).isEqualTo(1);
        assertThat(bench.storedRows()).as("rows " + fix.getKey() + " stored").isEqualTo(expected);
        assertThat(bench.connection.getAutoCommit())
            .as("autocommit after " + fix.getKey())
            .isTrue();
      }

      // A second op in the same iteration appends the same rows again (AverageTime runs many).
      bench.fixBatch();
      assertThat(bench.storedRows()).hasSize(2 * rows);
      bench.emptyTable();
      assertThat(bench.storedRows()).isEmpty();
    } finally {
      bench.tearDown();
    }
    assertThat(dir).doesNotExist();
  }

  @ParameterizedTest
  @ParamValues(of = BatchedInserts.class, field = "journal")
  void theDatabaseRunsInTheAskedJournalModeWithFullSync(String journal) throws Exception {
    BatchedInserts bench = bench(journal, 10);
    try {
      bench.pitfallAutocommit();
      // WAL keeps a -wal file beside the database; DELETE removes its -journal after each commit.
      assertThat(Files.exists(bench.dir.resolve("atlas.db-wal"))).isEqualTo(journal.equals("WAL"));
      assertThat(Files.exists(bench.dir.resolve("atlas.db-journal"))).isFalse();
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void anUnknownJournalModeIsRefusedWithTheModesItTakes() {
    assertThatThrownBy(unopened("MEMORY", 10, BASE)::setup)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DELETE")
        .hasMessageContaining("WAL")
        .hasMessageContaining("MEMORY");
  }

  @Test
  void aFolderOnTmpfsIsRefusedBecauseFsyncThereReachesNoDisk() throws IOException {
    Path shm = Path.of("/dev/shm");
    Assumptions.assumeTrue(
        Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs"),
        "no tmpfs at /dev/shm on this machine");
    assertThatThrownBy(unopened("WAL", 10, shm)::setup)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tmpfs")
        .hasMessageContaining(BatchedInserts.DIR_PROPERTY);
  }

  /** One benchmark operation. */
  @FunctionalInterface
  private interface Op {
    int run() throws SQLException;
  }

  private static BatchedInserts bench(String journal, int rows) throws SQLException, IOException {
    BatchedInserts bench = unopened(journal, rows, BASE);
    bench.setup();
    return bench;
  }

  /** A benchmark instance with its parameters set and its @Setup not run. */
  private static BatchedInserts unopened(String journal, int rows, Path base) {
    BatchedInserts bench = new BatchedInserts();
    bench.journal = journal;
    bench.rows = rows;
    bench.baseDir = base;
    return bench;
  }
}
