package org.pitfallatlas.analysis.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * SlicedStacks are the countable form of one profile the runner keeps next to its flame graph
 * ({@code stacks-<event>.json.gz}): collapsed call stacks with their sample counts in each of a few
 * equal time slices of the recording.
 *
 * <p>A flame graph shows the shape of a profile but cannot be counted afterwards; the JFR recording
 * can, but is megabytes per method. Collapsed stacks ({@code root;…;leaf}, the format of Brendan
 * Gregg's {@code stackcollapse} and async-profiler's {@code collapsed} output) keep every sample's
 * call path in a few kilobytes once gzipped. The time dimension is kept coarsely, as counts per
 * slice: samples of one JVM are autocorrelated (a thread parked now is likely parked 10 ms later),
 * so a share's interval comes from the slices as batches ({@link ProfileShare}), the honest unit of
 * replication inside a single profiled fork.
 *
 * <p>The file is gzipped JSON:
 *
 * <pre>{@code
 * {"format": "pitfall-atlas sliced stacks 1", "event": "cpu", "slices": 10,
 *  "startNanos": …, "endNanos": …,
 *  "stacks": [{"frames": "java.lang.Thread.run;…;jdk.internal.misc.Unsafe.park", "counts": [3, 0, …]}, …]}
 * }</pre>
 *
 * {@code startNanos} and {@code endNanos} are the first and last sample's wall-clock time (epoch
 * nanoseconds); slice {@code i} covers the {@code i}-th tenth (for 10 slices) of that span. Kernel
 * frames end in {@code _[k]}, as in async-profiler's collapsed output.
 *
 * @param format the format's name and version, {@link #FORMAT}
 * @param event the profiled event ({@code cpu}, {@code wall}, {@code itimer}, {@code ctimer})
 * @param slices how many time slices every stack's counts have
 * @param startNanos the first sample's time
 * @param endNanos the last sample's time
 * @param stacks the distinct stacks, most samples first
 */
public record SlicedStacks(
    String format, String event, int slices, long startNanos, long endNanos, List<Stack> stacks) {

  /** The value of {@link #format()} this class writes and reads. */
  public static final String FORMAT = "pitfall-atlas sliced stacks 1";

  /**
   * The default number of time slices: enough batches for a t interval, each still hundreds of ms.
   */
  public static final int DEFAULT_SLICES = 10;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * A Stack is one distinct call path and how many samples it got in each time slice.
   *
   * @param frames the frames from the root to the leaf, separated by {@code ;}
   * @param counts samples per slice
   */
  public record Stack(String frames, long[] counts) {

    /**
     * @throws IllegalArgumentException if the frames are empty or a count is negative
     */
    public Stack {
      if (frames == null || frames.isEmpty()) {
        throw new IllegalArgumentException("a stack needs at least one frame");
      }
      if (counts == null || Arrays.stream(counts).anyMatch(c -> c < 0)) {
        throw new IllegalArgumentException("stack " + frames + ": counts must be >= 0");
      }
      counts = counts.clone();
    }

    @Override
    public long[] counts() {
      return counts.clone();
    }

    /** Returns this stack's samples in slice {@code i}. */
    public long count(int i) {
      return counts[i];
    }

    /** Returns this stack's samples over all slices. */
    public long total() {
      return Arrays.stream(counts).sum();
    }

    /** Returns the frames, root first. */
    public List<String> frameList() {
      return List.of(frames.split(";"));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Stack s && s.frames.equals(frames) && Arrays.equals(s.counts, counts);
    }

    @Override
    public int hashCode() {
      return frames.hashCode() * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
      return frames + " " + Arrays.toString(counts);
    }
  }

  /**
   * @throws IllegalArgumentException if the format is not {@link #FORMAT}, there are no slices, or
   *     a stack's counts do not have one entry per slice
   */
  public SlicedStacks {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException(
          "not a stacks file of this version: format \""
              + format
              + "\", expected \""
              + FORMAT
              + "\"");
    }
    if (slices < 1) {
      throw new IllegalArgumentException("slices must be >= 1, not " + slices);
    }
    stacks = List.copyOf(stacks);
    for (Stack s : stacks) {
      if (s.counts.length != slices) {
        throw new IllegalArgumentException(
            "stack "
                + s.frames()
                + " has "
                + s.counts.length
                + " counts for "
                + slices
                + " slices");
      }
    }
  }

  /** Returns the file name of an event's stacks: {@code stacks-<event>.json.gz}. */
  public static String fileName(String event) {
    return "stacks-" + event + ".json.gz";
  }

  /** Returns all samples in slice {@code i}. */
  public long sliceTotal(int i) {
    return stacks.stream().mapToLong(s -> s.count(i)).sum();
  }

  /** Returns all samples. */
  public long total() {
    return stacks.stream().mapToLong(Stack::total).sum();
  }

  /**
   * Writes the stacks as gzipped JSON.
   *
   * @param file the file, by convention {@link #fileName(String)} next to the flame graph
   * @throws IOException if it cannot be written
   */
  public void write(Path file) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      JSON.writeValue(out, this);
    }
  }

  /**
   * Reads a file {@link #write} wrote.
   *
   * @param file the file
   * @return the stacks
   * @throws IOException if it cannot be read or is not a stacks file of this version
   */
  public static SlicedStacks read(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return JSON.readValue(in, SlicedStacks.class);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
      throw new IOException(file + ": " + e.getCause().getMessage(), e);
    }
  }
}
