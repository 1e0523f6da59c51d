package org.pitfallatlas.strings;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A LogSink is the byte stream behind {@link DebugLogging}'s Logback appender: it counts the bytes
 * the encoder writes and drops them (a null stream: no file, no syscall, the same cost on every
 * machine), or, for tests, also keeps them.
 */
final class LogSink extends OutputStream {

  private final ByteArrayOutputStream captured;
  private long bytesWritten;

  private LogSink(ByteArrayOutputStream captured) {
    this.captured = captured;
  }

  /** A sink that counts and discards: what the benchmark uses. */
  static LogSink discarding() {
    return new LogSink(null);
  }

  /** A sink that counts and keeps every byte, so a test can read the lines. */
  static LogSink capturing() {
    return new LogSink(new ByteArrayOutputStream());
  }

  @Override
  public void write(int b) {
    bytesWritten++;
    if (captured != null) {
      captured.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    bytesWritten += len;
    if (captured != null) {
      captured.write(b, off, len);
    }
  }

  /** Bytes the appender has written so far. */
  long bytesWritten() {
    return bytesWritten;
  }

  /**
   * The captured text.
   *
   * @throws IllegalStateException if this sink discards
   */
  String text() {
    if (captured == null) {
      throw new IllegalStateException("a discarding sink keeps no text");
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
