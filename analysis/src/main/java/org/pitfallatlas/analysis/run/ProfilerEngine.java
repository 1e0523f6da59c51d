package org.pitfallatlas.analysis.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A ProfilerEngine is what async-profiler can actually do on this machine, found by starting it
 * once in a throw-away JVM: whether the library loads, and whether CPU samples come from perf
 * events or, when those are not permitted, from the {@code itimer} fallback.
 *
 * @param library the native library, or null when none was found
 * @param available true when the library loads
 * @param cpuEvent the event to ask for CPU flame graphs ({@code cpu} or {@code itimer})
 * @param engine how CPU samples are taken, in words, for {@code env.json}
 * @param notes warnings async-profiler printed, and why a fallback was chosen
 */
public record ProfilerEngine(
    Path library, boolean available, String cpuEvent, String engine, List<String> notes) {

  /** The engine when profiling was switched off by the user. */
  public static ProfilerEngine disabled(String why) {
    return new ProfilerEngine(null, false, null, "none", List.of(why));
  }

  /**
   * Starts async-profiler in a JVM that only prints its version, asking for a perf-events CPU
   * clock, and reads what it says.
   */
  public static ProfilerEngine probe(Path java, Path library) {
    if (library == null || !Files.isRegularFile(library)) {
      return new ProfilerEngine(
          library,
          false,
          null,
          "none",
          List.of(
              "async-profiler library not found at "
                  + library
                  + " (it is unpacked by the build: ./mvnw -pl benchmarks package); no flame graphs"));
    }
    Path out;
    try {
      out = Files.createTempFile("atlas-probe", ".txt");
    } catch (IOException e) {
      return new ProfilerEngine(library, false, null, "none", List.of(e.toString()));
    }
    String text =
        run(
            List.of(
                java.toString(),
                "-agentpath:" + library + "=start,event=cpu-clock,file=" + out,
                "-version"));
    try {
      Files.deleteIfExists(out);
    } catch (IOException ignored) {
      // a temp file left behind is harmless
    }
    return interpret(library, text);
  }

  /** Reads what async-profiler printed when asked for a perf-events CPU clock. */
  static ProfilerEngine interpret(Path library, String text) {
    List<String> notes = new ArrayList<>();
    boolean loaded =
        !text.contains("Could not find agent library") && !text.contains("Error occurred");
    if (!loaded) {
      notes.add("async-profiler did not load: " + firstLine(text));
      return new ProfilerEngine(library, false, null, "none", notes);
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("[WARN]") || line.startsWith("[ERROR]")) {
        notes.add(line.strip());
      }
    }
    boolean perfDenied = text.contains("[ERROR]") || text.contains("perf_event_open");
    if (perfDenied) {
      notes.add(
          "perf events are not permitted (kernel.perf_event_paranoid="
              + paranoid()
              + "); CPU profiles use itimer");
      return new ProfilerEngine(library, true, "itimer", "itimer (setitimer signals)", notes);
    }
    boolean kernelFrames = !text.contains("Kernel symbols are unavailable");
    return new ProfilerEngine(
        library,
        true,
        "cpu",
        "perf_events cpu-clock" + (kernelFrames ? " with kernel frames" : ", user frames only"),
        notes);
  }

  /** The events to profile: the requested ones, with {@code cpu} mapped to the working event. */
  public List<String> events(List<String> requested) {
    if (!available) {
      return List.of();
    }
    return requested.stream().map(e -> e.equals("cpu") ? cpuEvent : e).toList();
  }

  /** This engine as ordered fields for {@code env.json}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", "async-profiler");
    m.put("library", library == null ? null : library.toString());
    m.put("available", available);
    m.put("cpuEvent", cpuEvent);
    m.put("engine", engine);
    m.put("notes", notes);
    return m;
  }

  private static String paranoid() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static String firstLine(String text) {
    return text.lines().filter(l -> !l.isBlank()).findFirst().orElse("(no output)");
  }

  private static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return text;
    } catch (IOException e) {
      return "Error occurred: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "Error occurred: interrupted";
    }
  }
}
