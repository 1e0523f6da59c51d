package org.pitfallatlas.analysis.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A RunLog prints to the console and, once the run folder exists, appends to its {@code run.log}.
 */
public final class RunLog implements AutoCloseable {

  /** Stages of {@code atlas run}; the script prints the first two. */
  public static final int STAGES = 7;

  private final PrintStream console;
  private Writer file;

  public RunLog(PrintStream console) {
    this.console = console;
  }

  /** From now on, also append to {@code path}. */
  public synchronized void attach(Path path) throws IOException {
    file =
        Files.newBufferedWriter(
            path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Prints a numbered stage banner, {@code [4/7] Measuring …}. */
  public void stage(int n, String what) {
    line("");
    line("[" + n + "/" + STAGES + "] " + what);
  }

  public synchronized void line(String text) {
    console.println(text);
    console.flush();
    if (file != null) {
      try {
        file.write(text);
        file.write('\n');
        file.flush();
      } catch (IOException e) {
        console.println("(could not write run.log: " + e.getMessage() + ")");
        file = null;
      }
    }
  }

  /** Appends to the log file only (JMH's chatter, kept but not shown). */
  public synchronized void fileOnly(String text) {
    if (file != null) {
      try {
        file.write(text);
        file.write('\n');
      } catch (IOException e) {
        file = null;
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
      file = null;
    }
  }
}
