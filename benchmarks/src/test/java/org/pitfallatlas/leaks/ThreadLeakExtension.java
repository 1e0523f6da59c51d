package org.pitfallatlas.leaks;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.pitfallatlas.leaks.LiveThreads.LiveThread;

/**
 * Fails a test that leaves threads running: goleak's {@code VerifyNone} for JUnit 5, and it sees
 * virtual threads too.
 *
 * <p>Before each test (and before each class's {@code @BeforeAll}) it records every live thread;
 * after the test's {@code @AfterEach} (and after the class's {@code @AfterAll}) it looks again,
 * gives threads that are ending a grace period ({@value #DEFAULT_GRACE_MILLIS} ms, or the
 * configuration parameter {@value #GRACE_PARAMETER}) and then fails the test, naming every thread
 * that was started since and is still alive: its name, id, whether it is virtual or platform, its
 * state, its thread container and its top stack frames.
 *
 * <p>Where the threads come from: {@link LiveThreads} reads the JVM's thread dump ({@code
 * HotSpotDiagnosticMXBean.dumpThreads}, the dump {@code jcmd <pid> Thread.dump_to_file
 * -format=json} writes), because {@link java.lang.management.ThreadMXBean} and {@link
 * Thread#getAllStackTraces()} do not see virtual threads. A virtual thread started outside any
 * executor is in the dump only while {@code jdk.trackAllThreads} is not {@code false} (the default
 * tracks them); when it is false the report says that such a leak may go unseen.
 *
 * <p>What may stay: threads the JVM, the JDK or JUnit start lazily and keep on purpose (the
 * virtual-thread scheduler's carriers, the common pool's workers, the attach listener; see {@link
 * #JVM_THREADS}, each with its reason), and whatever a test class or method allows with {@link
 * AllowThreads}. Nothing else.
 *
 * <p>Registered for every test of the benchmarks module by {@code junit-platform.properties}
 * (extension auto-detection) and {@code
 * META-INF/services/org.junit.jupiter.api.extension.Extension}; a class can also name it with
 * {@code @ExtendWith(ThreadLeakExtension.class)}.
 */
public final class ThreadLeakExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  /** Configuration parameter: how long to wait for started threads to end, in milliseconds. */
  public static final String GRACE_PARAMETER = "pitfallatlas.threadleak.graceMillis";

  static final long DEFAULT_GRACE_MILLIS = 1000;
  private static final long POLL_MILLIS = 20;
  private static final int TOP_FRAMES = 10;

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ThreadLeakExtension.class);
  private static final String BEFORE = "threads-before";

  /** A thread that may outlive a test, and why. */
  record Allowance(String description, String reason, Predicate<LiveThread> matches) {}

  /**
   * Threads the JDK starts on first use and keeps by design: never a test's to stop, so never its
   * leak. Each rule is as narrow as the JDK lets it be (a class or a container, not a name pattern
   * a test's own pool could share).
   */
  static final List<Allowance> JVM_THREADS =
      List.of(
          new Allowance(
              "class jdk.internal.misc.CarrierThread",
              "a carrier of the default virtual-thread scheduler: the JDK starts its ForkJoinPool on"
                  + " the first virtual thread and its workers retire only after they idle",
              t -> t.threadClass().equals("jdk.internal.misc.CarrierThread")),
          new Allowance(
              "container ForkJoinPool.commonPool",
              "a worker of the common pool (parallel streams, CompletableFuture.*Async): shared by"
                  + " the whole JVM, it parks and retires after its keep-alive (60 s)",
              t -> t.container().startsWith("ForkJoinPool.commonPool")),
          new Allowance(
              "platform thread named \"Attach Listener\"",
              "the JVM's attach listener, started on the first attach (JOL's agent, jcmd) and kept"
                  + " for the JVM's lifetime",
              t -> !t.virtual() && t.name().equals("Attach Listener")),
          new Allowance(
              "platform thread named \"process reaper\" (class InnocuousThread)",
              "the JDK's pool that waits for child processes (ProcessBuilder.start, e.g. a JMH"
                  + " fork): a cached pool whose idle thread retires after 60 s",
              t ->
                  !t.virtual()
                      && t.threadClass().equals("jdk.internal.misc.InnocuousThread")
                      && t.name().startsWith("process reaper")),
          new Allowance(
              "platform thread named ForkJoinPool-N-delayScheduler (JDK 25's DelayScheduler)",
              "JDK 25's ForkJoinPool starts a delay scheduler on its first timed wait; the default"
                  + " virtual-thread scheduler does so on the first Thread.sleep in a virtual thread"
                  + " and keeps it. A test's own pool that leaks is still reported by its workers",
              t ->
                  !t.virtual()
                      && t.name().matches("ForkJoinPool-\\d+-delayScheduler")
                      && t.stack().stream().anyMatch(f -> f.contains("DelayScheduler.loop"))),
          new Allowance(
              "platform thread named \"junit-jupiter-timeout-watcher\"",
              "JUnit's own scheduler for @Timeout, started on the first test that has one and kept"
                  + " for the rest of the run (found by channels' class-level @Timeout)",
              t ->
                  !t.virtual()
                      && t.name().equals("junit-jupiter-timeout-watcher")
                      && t.container()
                          .startsWith("java.util.concurrent.ScheduledThreadPoolExecutor")),
          new Allowance(
              "platform thread named VirtualThread-unblocker or VirtualThread-unparker",
              "the JDK's helper threads for virtual threads (unblocking after monitor waits, timed"
                  + " parks), started on first use and kept",
              t ->
                  !t.virtual()
                      && t.threadClass().equals("jdk.internal.misc.InnocuousThread")
                      && t.name().matches("VirtualThread-un(blocker|parker)(-\\d+)?")));

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NAMESPACE).put(BEFORE, LiveThreads.snapshot());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put(BEFORE, LiveThreads.snapshot());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    verifyNoneStarted(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    verifyNoneStarted(context);
  }

  private static void verifyNoneStarted(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    Map<Long, LiveThread> before = context.getStore(NAMESPACE).remove(BEFORE, Map.class);
    if (before == null) {
      return; // the before-callback did not run (e.g. a failed extension before us)
    }
    List<Allowance> allowances = allowances(context);
    long grace =
        context
            .getConfigurationParameter(GRACE_PARAMETER)
            .map(Long::parseLong)
            .orElse(DEFAULT_GRACE_MILLIS);
    long deadline = System.nanoTime() + grace * 1_000_000L;
    List<LiveThread> leaked;
    while (true) {
      leaked =
          LiveThreads.startedSince(before).stream()
              .filter(t -> allowances.stream().noneMatch(a -> a.matches().test(t)))
              .toList();
      if (leaked.isEmpty() || System.nanoTime() >= deadline) {
        break;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!leaked.isEmpty()) {
      String test =
          context.getTestMethod().isPresent()
              ? context.getRequiredTestClass().getSimpleName() + " > " + context.getDisplayName()
              : context.getDisplayName();
      throw new AssertionError(report(test, grace, leaked));
    }
  }

  /** The failure message: every leaked thread with its kind, state, container and top frames. */
  static String report(String test, long graceMillis, List<LiveThread> leaked) {
    StringBuilder sb = new StringBuilder();
    sb.append(leaked.size())
        .append(leaked.size() == 1 ? " thread" : " threads")
        .append(" started by ")
        .append(test)
        .append(leaked.size() == 1 ? " is" : " are")
        .append(" still alive ")
        .append(graceMillis)
        .append(" ms after it ended (ThreadLeakExtension):\n");
    for (LiveThread t : leaked) {
      sb.append("  \"")
          .append(t.name())
          .append("\" #")
          .append(t.id())
          .append(t.virtual() ? " virtual " : " platform ")
          .append(t.state())
          .append(" in container ")
          .append(t.container())
          .append('\n')
          .append(t.topFrames(TOP_FRAMES));
    }
    sb.append(
        "Stop them before the test ends (interrupt and join, shutdown + awaitTermination, close()),"
            + " or, when a thread is not the test's to stop, allow it with"
            + " @AllowThreads(names = ..., frames = ..., reason = ...).");
    if (!LiveThreads.rootTracksAllThreads()) {
      sb.append(
          "\nNote: -Djdk.trackAllThreads=false: virtual threads started outside an executor are"
              + " not in the thread dump, so such leaks are not listed here.");
    }
    return sb.toString();
  }

  /** The JVM's allowances plus every {@link AllowThreads} on the test and its enclosing scopes. */
  static List<Allowance> allowances(ExtensionContext context) {
    List<Allowance> all = new ArrayList<>(JVM_THREADS);
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      Optional<AnnotatedElement> element = c.get().getElement();
      if (element.isPresent()) {
        for (AllowThreads a :
            AnnotationSupport.findRepeatableAnnotations(element.get(), AllowThreads.class)) {
          all.add(allowance(a, element.get()));
        }
      }
    }
    return all;
  }

  static Allowance allowance(AllowThreads a, AnnotatedElement where) {
    if (a.names().length == 0 && a.frames().length == 0) {
      throw new ExtensionConfigurationException(
          "@AllowThreads on " + where + " allows every thread: give names or frames");
    }
    if (a.reason().isBlank()) {
      throw new ExtensionConfigurationException(
          "@AllowThreads on " + where + " has no reason: say why the thread is not a leak");
    }
    List<Pattern> names = java.util.Arrays.stream(a.names()).map(Pattern::compile).toList();
    List<String> frames = List.of(a.frames());
    Predicate<LiveThread> byName =
        t -> names.isEmpty() || names.stream().anyMatch(p -> p.matcher(t.name()).matches());
    Predicate<LiveThread> byFrame =
        t ->
            frames.isEmpty()
                || t.stack().stream().anyMatch(f -> frames.stream().anyMatch(f::contains));
    return new Allowance("names " + names + ", frames " + frames, a.reason(), byName.and(byFrame));
  }
}
