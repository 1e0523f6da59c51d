package org.pitfallatlas.analysis.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second atlas run for {@link MachineLockTest}, in its own JVM: takes the lock ({@code args}:
 * lock file, family, results folder, longest wait in ms), prints {@code HELD <pid>} and keeps the
 * lock until a line (or end of input) arrives on stdin. Notices are printed as {@code NOTICE ...},
 * a refusal as {@code REFUSED ...} with the exception's exit code.
 */
public final class MachineLockHolder {

  private MachineLockHolder() {}

  public static void main(String[] args) throws Exception {
    MachineLock lock =
        new MachineLock(Path.of(args[0]), args[1], Path.of(args[2]))
            .pollEvery(Duration.ofMillis(100));
    MachineLock.Held held;
    try {
      held =
          lock.acquire(
              Duration.ofMillis(Long.parseLong(args[3])),
              n -> {
                System.out.println("NOTICE " + n);
                System.out.flush();
              });
    } catch (RunException e) {
      System.out.println("REFUSED " + e.getMessage().replace('\n', ' '));
      System.out.flush();
      System.exit(e.exitCode());
      return;
    }
    try (held) {
      System.out.println("HELD " + ProcessHandle.current().pid());
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    System.out.println("RELEASED");
  }
}
