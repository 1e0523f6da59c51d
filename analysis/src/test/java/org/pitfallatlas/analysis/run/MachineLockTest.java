package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine-wide run lock, between this JVM and a second JVM started by the test. */
class MachineLockTest {

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("atlas.lock");
  }

  private MachineLock lock(String family) {
    return new MachineLock(file(), family, Path.of("results", family, "20261130T043100Z"))
        .pollEvery(Duration.ofMillis(50));
  }

  /** Another atlas run, in its own JVM: see {@link MachineLockHolder}. */
  private final class Child implements AutoCloseable {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> seen = new ArrayList<>();

    Child(String family, long waitMillis) throws IOException {
      String java =
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      process =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  MachineLockHolder.class.getName(),
                  file().toString(),
                  family,
                  "results/" + family + "/20261130T043100Z",
                  Long.toString(waitMillis))
              .redirectErrorStream(true)
              .start();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("EOF " + e);
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    /** The first line starting with {@code prefix}, waiting up to 60 s. */
    String await(String prefix) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null) {
          seen.add(line);
          if (line.startsWith(prefix)) {
            return line;
          }
          if (line.matches("(HELD|REFUSED|RELEASED)\\b.*")) {
            throw new AssertionError("expected '" + prefix + "' from the child; it said " + seen);
          }
        }
      }
      throw new AssertionError("no '" + prefix + "' line from the child; it said " + seen);
    }

    void release() throws IOException {
      OutputStream in = process.getOutputStream();
      in.write('\n');
      in.flush();
    }

    @Override
    public void close() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void noWaitRefusesAtOnceAndSaysWhoHoldsIt() throws Exception {
    try (Child other = new Child("boxing", 0)) {
      other.await("HELD");
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> lock("fanin").acquire(Duration.ZERO, n -> {}))
          .isInstanceOf(RunException.class)
          .satisfies(e -> assertThat(((RunException) e).exitCode()).isEqualTo(3))
          .hasMessageStartingWith(
              "another atlas run (pid "
                  + other.process.pid()
                  + ", user "
                  + System.getProperty("user.name")
                  + ", boxing, started ")
          .hasMessageContaining("results/boxing/20261130T043100Z) is measuring on this machine")
          .hasMessageContaining("nothing was run")
          .hasMessageContaining("without --no-wait");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void waitsForTheRunHoldingTheMachineThenTakesIt() throws Exception {
    try (Child other = new Child("boxing", 0)) {
      other.await("HELD");
      BlockingQueue<String> notices = new LinkedBlockingQueue<>();
      CompletableFuture<MachineLock.Held> waiting =
          CompletableFuture.supplyAsync(
              () -> lock("fanin").acquire(Duration.ofMinutes(2), notices::add));
      String notice = notices.poll(30, TimeUnit.SECONDS);
      assertThat(notice)
          .startsWith("another atlas run (pid " + other.process.pid() + ", user ")
          .contains(", boxing, started ")
          .endsWith(
              "results/boxing/20261130T043100Z) is measuring; waiting up to 2 min for it"
                  + " (Ctrl-C to give up)");
      Thread.sleep(300);
      assertThat(waiting).isNotDone();
      long releasedAt = System.nanoTime();
      other.release();
      assertThat(other.await("RELEASED")).isEqualTo("RELEASED");
      try (MachineLock.Held held = waiting.get(30, TimeUnit.SECONDS)) {
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(releasedAt);
        assertThat(held.waited()).isGreaterThan(Duration.ofMillis(300));
        assertThat(held.waitedFor())
            .singleElement()
            .satisfies(h -> assertThat(h.pid()).isEqualTo(other.process.pid()))
            .satisfies(h -> assertThat(h.family()).isEqualTo("boxing"));
        assertThat(held.toMap())
            .containsEntry("pid", ProcessHandle.current().pid())
            .containsKeys("file", "acquired", "waitedSeconds", "waitedFor");
        assertThat((Double) held.toMap().get("waitedSeconds")).isGreaterThan(0.2);
      }
      assertThat(notices).isEmpty(); // one notice per run waited for
    }
  }

  @Test
  void givesUpAfterTheLongestWait() throws Exception {
    try (Child other = new Child("boxing", 0)) {
      other.await("HELD");
      List<String> notices = new ArrayList<>();
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> lock("fanin").acquire(Duration.ofMillis(600), notices::add))
          .isInstanceOf(RunException.class)
          .hasMessageStartingWith("another atlas run (pid " + other.process.pid())
          .hasMessageMatching(
              "(?s).* is still measuring on this machine after waiting [01]\\.\\d s;.*")
          .hasMessageContaining("nothing was run");
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isGreaterThanOrEqualTo(Duration.ofMillis(600));
      assertThat(notices).hasSize(1);
    }
  }

  @Test
  void aKilledHolderLeavesNoStaleLock() throws Exception {
    Child other = new Child("boxing", 0);
    other.await("HELD");
    other.process.destroyForcibly(); // kill -9: no chance to clean up
    assertThat(other.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    try (MachineLock.Held held = lock("fanin").acquire(Duration.ZERO, n -> {})) {
      assertThat(held.waitedFor()).isEmpty();
      assertThat(held.waited()).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void anotherJvmSeesWhoWeAre() throws Exception {
    try (MachineLock.Held held = lock("fanin").acquire(Duration.ZERO, n -> {})) {
      try (Child other = new Child("boxing", 300)) {
        String refused = other.await("REFUSED");
        assertThat(refused)
            .startsWith("REFUSED another atlas run (pid " + ProcessHandle.current().pid())
            .contains(", fanin, started ", "results/fanin/20261130T043100Z)");
        assertThat(other.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(other.process.exitValue()).isEqualTo(MachineLock.BUSY_EXIT_CODE);
        assertThat(other.seen).anyMatch(l -> l.startsWith("NOTICE another atlas run (pid "));
      }
    }
    // Released: the next run takes it at once.
    try (Child other = new Child("boxing", 0)) {
      assertThat(other.await("HELD")).isEqualTo("HELD " + other.process.pid());
    }
  }

  @Test
  void twoLocksInOneJvmExcludeEachOtherWithoutLosingTheOsLock() throws Exception {
    MachineLock first = lock("boxing");
    MachineLock second = lock("fanin");
    MachineLock.Held held = first.acquire(Duration.ZERO, n -> {});
    assertThatThrownBy(() -> second.acquire(Duration.ZERO, n -> {}))
        .isInstanceOf(RunException.class)
        .hasMessageStartingWith("this process (pid " + ProcessHandle.current().pid() + ", user ")
        .hasMessageContaining(", boxing, ");
    assertThatThrownBy(() -> second.acquire(Duration.ofMillis(200), n -> {}))
        .isInstanceOf(RunException.class)
        .hasMessageContaining("still measuring");
    // The second lock's attempts did not drop the first one's OS lock: another JVM is refused.
    try (Child other = new Child("pool", 0)) {
      assertThat(other.await("REFUSED")).contains(", boxing, ");
    }
    held.close();
    held.close(); // harmless
    try (MachineLock.Held again = second.acquire(Duration.ZERO, n -> {})) {
      assertThat(again.acquired()).isBeforeOrEqualTo(Instant.now());
    }
  }

  @Test
  void aForeignLockInThisJvmIsBusyNotAnException() throws Exception {
    try (FileChannel ch =
            FileChannel.open(
                file(),
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock raw = ch.lock()) {
      assertThat(raw.isValid()).isTrue();
      // FileChannel.tryLock would throw OverlappingFileLockException here.
      assertThatThrownBy(() -> lock("fanin").acquire(Duration.ZERO, n -> {}))
          .isInstanceOf(RunException.class)
          .hasMessageStartingWith("another atlas run (it has not said which yet) is measuring");
    }
  }

  @Test
  void describesAHolder() {
    Instant started = Instant.now().minus(Duration.ofMinutes(12));
    String hhmm =
        java.time.format.DateTimeFormatter.ofPattern("HH:mm'Z'")
            .withZone(java.time.ZoneOffset.UTC)
            .format(started);
    assertThat(
            MachineLock.describe(
                new MachineLock.Holder(999_999_999L, "ann", "boxing", "results/x", started)))
        .isEqualTo(
            "another atlas run (pid 999999999, user ann, boxing, started "
                + hhmm
                + ", 12 min ago, results/x)");
    assertThat(MachineLock.describe(MachineLock.Holder.UNKNOWN))
        .isEqualTo("another atlas run (it has not said which yet)");
    assertThat(MachineLock.human(Duration.ofMillis(640))).isEqualTo("0.6 s");
    assertThat(MachineLock.human(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(MachineLock.human(Duration.ofMinutes(30))).isEqualTo("30 min");
    assertThat(MachineLock.human(Duration.ofHours(2))).isEqualTo("2.0 h");
  }

  @Test
  void theLockFileIsWritableForEveryUserAndEmptyWhenFree() throws Exception {
    try (MachineLock.Held held = lock("fanin").acquire(Duration.ZERO, n -> {})) {
      // (Reading it from this JVM drops the OS lock, see the class comment: harmless just before
      // closing, and a reason the lock keeps its own table.)
      assertThat(java.nio.file.Files.readString(file()))
          .contains("\"pid\":" + ProcessHandle.current().pid(), "\"family\":\"fanin\"");
      assertThat(held.file()).isEqualTo(file());
    }
    assertThat(java.nio.file.Files.getPosixFilePermissions(file()))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
    assertThat(java.nio.file.Files.size(file())).isZero();
  }

  @Test
  void negativeWaitIsAMistake() {
    assertThatThrownBy(() -> lock("fanin").acquire(Duration.ofSeconds(-1), n -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
