package org.pitfallatlas.leaks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A snapshot of every live thread of this JVM, platform <em>and virtual</em>, with its stack.
 *
 * <p>{@link Thread#getAllStackTraces()} and {@link java.lang.management.ThreadMXBean} see platform
 * threads only: a virtual thread parked forever is invisible to both (checked on JDK 25:
 * getAllStackTraces has no virtual thread and ThreadMXBean's count ignores them). The JDK's own
 * view of virtual threads is the thread dump that {@code jcmd <pid> Thread.dump_to_file
 * -format=json <file>} writes; {@link HotSpotDiagnosticMXBean#dumpThreads} (JDK 21+) writes the
 * same dump from inside the process. This class takes that dump and reads it with Jackson.
 *
 * <p>The dump walks the JVM's thread containers: the root container, each executor's container
 * ({@code ThreadPerTaskExecutor}), each {@code ForkJoinPool}'s. A virtual thread started directly
 * ({@code Thread.ofVirtual().start(...)}) belongs to the root container, and the root container
 * tracks it only while the system property {@code jdk.trackAllThreads} is unset, empty or true.
 * That is the default: {@code jdk.internal.vm.ThreadContainers}' static initialiser tracks all
 * threads when the property is unset, empty or true, in JDK 25's source and in JDK 21's (read, not
 * run: this machine has no JDK 21). Verified on 25.0.3: with the default the root-container virtual
 * thread is in the dump, with {@code -Djdk.trackAllThreads=false} it is not. {@link
 * #rootTracksAllThreads()} says which case this JVM is in.
 *
 * <p>The dump's fields differ by release: JDK 25 gives each thread a {@code state} and marks
 * virtual threads {@code "virtual": true}; JDK 21's dump has neither. So whether a thread is
 * virtual is decided here by another route that works on both: a thread id that {@link
 * Thread#getAllStackTraces()} does not know is a virtual thread.
 */
final class LiveThreads {

  /** One live thread: its id, name, kind, state, container and stack (innermost frame first). */
  record LiveThread(
      long id,
      String name,
      boolean virtual,
      String state,
      String container,
      String threadClass,
      List<String> stack) {

    /** The thread's first {@code n} frames, one per line, indented. */
    String topFrames(int n) {
      if (stack.isEmpty()) {
        return "      (no Java frames)\n";
      }
      StringBuilder sb = new StringBuilder();
      stack.stream().limit(n).forEach(f -> sb.append("      at ").append(f).append('\n'));
      if (stack.size() > n) {
        sb.append("      ... ").append(stack.size() - n).append(" more\n");
      }
      return sb.toString();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong DUMPS = new AtomicLong();
  private static final HotSpotDiagnosticMXBean DIAGNOSTIC =
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

  private LiveThreads() {}

  /** Whether the root container tracks virtual threads that were started outside any executor. */
  static boolean rootTracksAllThreads() {
    String s = System.getProperty("jdk.trackAllThreads");
    return s == null || s.isEmpty() || Boolean.parseBoolean(s);
  }

  /** Takes a thread dump now; returns every live thread by id. */
  static Map<Long, LiveThread> snapshot() {
    Map<Long, Thread> platform = new HashMap<>();
    Thread.getAllStackTraces().keySet().forEach(t -> platform.put(t.threadId(), t));
    JsonNode dump = dump();
    // Again after the dump: a platform thread started in between is then known as one.
    Thread.getAllStackTraces().keySet().forEach(t -> platform.putIfAbsent(t.threadId(), t));
    Map<Long, LiveThread> live = new LinkedHashMap<>();
    for (JsonNode container : dump.path("threadDump").path("threadContainers")) {
      String containerName = container.path("container").asText();
      for (JsonNode t : container.path("threads")) {
        long id = t.path("tid").asLong();
        Thread thread = platform.get(id);
        List<String> stack = new ArrayList<>();
        t.path("stack").forEach(f -> stack.add(f.asText()));
        // getAllStackTraces lists every live platform thread: a thread it never saw is virtual.
        boolean virtual = t.path("virtual").asBoolean(thread == null);
        live.put(
            id,
            new LiveThread(
                id,
                t.path("name").asText(),
                virtual,
                t.has("state")
                    ? t.path("state").asText()
                    : (thread != null ? thread.getState().name() : "?"),
                containerName,
                thread != null ? thread.getClass().getName() : "java.lang.VirtualThread",
                List.copyOf(stack)));
      }
    }
    return live;
  }

  /** The live threads whose ids are not in {@code before}. */
  static List<LiveThread> startedSince(Map<Long, LiveThread> before) {
    return snapshot().values().stream().filter(t -> !before.containsKey(t.id())).toList();
  }

  private static JsonNode dump() {
    try {
      Path dir = Files.createTempDirectory("thread-dump");
      // dumpThreads refuses an existing file and needs an absolute path.
      Path file = dir.resolve("dump-" + DUMPS.incrementAndGet() + ".json").toAbsolutePath();
      try {
        DIAGNOSTIC.dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        return JSON.readTree(file.toFile());
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take a thread dump", e);
    }
  }
}
