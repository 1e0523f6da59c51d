package org.pitfallatlas.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs tiny fixture test classes through the Jupiter engine (JUnit's EngineTestKit) with {@link
 * ThreadLeakExtension} on, and checks what it decides: a test that leaves a platform or a virtual
 * thread parked fails and the failure names the thread and its stack; a clean test, a thread that
 * ends within the grace period and an allowed thread pass; an allowance without a reason is a
 * configuration error.
 *
 * <p>The fixtures run only inside these kit runs (the {@link FixturesOnly} condition); every thread
 * a fixture leaks is recorded and stopped here, after the run, so this class itself leaks nothing
 * (the extension checks it too).
 */
class ThreadLeakExtensionTest {

  static final String FIXTURES = "pitfallatlas.leaks.fixtures";
  static final List<Thread> STARTED = new CopyOnWriteArrayList<>();
  static final List<ExecutorService> EXECUTORS = new CopyOnWriteArrayList<>();

  /** Parks forever on a queue nobody feeds: the leak under test. */
  static void parkForever() {
    try {
      new LinkedBlockingQueue<Object>().take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Thread started(Thread t) {
    STARTED.add(t);
    return t;
  }

  @AfterEach
  void stopWhatTheFixturesLeaked() throws InterruptedException {
    for (ExecutorService e : EXECUTORS) {
      e.shutdownNow();
      e.close();
    }
    for (Thread t : STARTED) {
      t.interrupt();
      t.join();
    }
    EXECUTORS.clear();
    STARTED.clear();
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(FIXTURES, "true")
        .configurationParameter(ThreadLeakExtension.GRACE_PARAMETER, "300")
        .selectors(selectClass(fixture))
        .execute();
  }

  private static String failureMessage(Events events) {
    Event failed = events.failed().stream().findFirst().orElseThrow();
    Optional<Throwable> thrown =
        failed.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
    return thrown.orElseThrow().getMessage();
  }

  @Test
  void aTestThatLeavesAPlatformThreadParkedFails() {
    EngineExecutionResults results = run(Fixtures.LeaksPlatformThread.class);

    results.testEvents().assertStatistics(s -> s.started(1).succeeded(0).failed(1));
    String message = failureMessage(results.testEvents());
    assertThat(message)
        .startsWith(
            "1 thread started by LeaksPlatformThread > leaks() is still alive 300 ms after it ended")
        .contains("\"leaky-platform\" #" + STARTED.getFirst().threadId() + " platform WAITING")
        .contains("in container <root>")
        // its stack: parked in the queue's take, called from the fixture
        .contains("java.util.concurrent.LinkedBlockingQueue.take")
        .contains("org.pitfallatlas.leaks.ThreadLeakExtensionTest.parkForever");
  }

  @Test
  void aTestThatLeavesAVirtualThreadParkedFails() {
    EngineExecutionResults results = run(Fixtures.LeaksVirtualThread.class);

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    String message = failureMessage(results.testEvents());
    // Thread.ofVirtual().start(): a root-container thread, invisible to ThreadMXBean.
    assertThat(STARTED.getFirst().isVirtual()).isTrue();
    assertThat(Thread.getAllStackTraces()).doesNotContainKey(STARTED.getFirst());
    assertThat(message)
        .contains("\"leaky-virtual\" #" + STARTED.getFirst().threadId() + " virtual WAITING")
        .contains("in container <root>")
        .contains("java.util.concurrent.LinkedBlockingQueue.take")
        .contains("ThreadLeakExtensionTest.parkForever");
  }

  @Test
  void anExecutorsVirtualThreadsAreListedWithTheirContainer() {
    EngineExecutionResults results = run(Fixtures.LeaksVirtualExecutor.class);

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    assertThat(failureMessage(results.testEvents()))
        .startsWith("2 threads started by LeaksVirtualExecutor > leaks() are still alive")
        .contains("\"leaky-executor-0\"", "\"leaky-executor-1\"")
        .contains("virtual WAITING in container java.util.concurrent.ThreadPerTaskExecutor@")
        .contains("java.util.concurrent.SynchronousQueue.take");
  }

  @Test
  void aCleanTestPassesAndSoDoesAThreadThatEndsWithinTheGracePeriod() {
    EngineExecutionResults results = run(Fixtures.Clean.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    assertThat(STARTED).hasSize(2);
  }

  @Test
  void allowedThreadsPassAndOnlyTheyDo() {
    EngineExecutionResults results = run(Fixtures.Allowed.class);

    results.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
    // The name-allowed and frame-allowed threads pass; the same park without an allowance fails.
    Event failed = results.testEvents().failed().stream().findFirst().orElseThrow();
    assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("notAllowed()");
    assertThat(failureMessage(results.testEvents()))
        .contains("\"not-allowed\"")
        .doesNotContain("\"allowed-by-name\"", "\"allowed-by-frame\"");
  }

  @Test
  void anAllowanceWithoutAReasonOrAMatcherIsRejected() {
    EngineExecutionResults results = run(Fixtures.BlanketAllowance.class);

    results.testEvents().assertStatistics(s -> s.started(2).failed(2));
    assertThat(results.testEvents().failed().stream().map(e -> messageOf(e)).toList())
        .anySatisfy(m -> assertThat(m).contains("allows every thread"))
        .anySatisfy(m -> assertThat(m).contains("has no reason"));
  }

  @Test
  void aThreadStartedInBeforeAllAndNeverStoppedFailsTheClass() {
    EngineExecutionResults results = run(Fixtures.LeaksFromBeforeAll.class);

    // The test itself passes (the thread predates it); the class's container fails.
    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    results.containerEvents().assertStatistics(s -> s.failed(1));
    assertThat(failureMessage(results.containerEvents()))
        .contains("started by ThreadLeakExtensionTest$Fixtures$LeaksFromBeforeAll is still alive")
        .contains("\"leaky-before-all\"");
  }

  @Test
  void theServiceFileRegistersTheExtensionWithoutExtendWith() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(FIXTURES, "true")
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
            .configurationParameter(ThreadLeakExtension.GRACE_PARAMETER, "300")
            .selectors(selectClass(Fixtures.AutodetectedLeak.class))
            .execute();

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    assertThat(failureMessage(results.testEvents())).contains("\"leaky-autodetected\"");
  }

  private static String messageOf(Event e) {
    return e.getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElse("");
  }

  /** Enables the fixtures only inside this class's kit runs (never in the build's own run). */
  static final class FixturesOnly implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(FIXTURES).map(Boolean::parseBoolean).orElse(false)
          ? ConditionEvaluationResult.enabled("inside ThreadLeakExtensionTest's kit run")
          : ConditionEvaluationResult.disabled("a fixture of ThreadLeakExtensionTest");
    }
  }

  /** The fixture test classes the kit runs. */
  static final class Fixtures {

    @ExtendWith({FixturesOnly.class, ThreadLeakExtension.class})
    static class LeaksPlatformThread {
      @Test
      void leaks() {
        started(
            Thread.ofPlatform().name("leaky-platform").start(ThreadLeakExtensionTest::parkForever));
      }
    }

    @ExtendWith({FixturesOnly.class, ThreadLeakExtension.class})
    static class LeaksVirtualThread {
      @Test
      void leaks() {
        started(
            Thread.ofVirtual().name("leaky-virtual").start(ThreadLeakExtensionTest::parkForever));
      }
    }

    @ExtendWith({FixturesOnly.class, ThreadLeakExtension.class})
    static class LeaksVirtualExecutor {
      @Test
      void leaks() {
        // Never closed: its two tasks wait on a hand-off nobody makes.
        ExecutorService executor =
            Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("leaky-executor-", 0).factory());
        EXECUTORS.add(executor);
        SynchronousQueue<Object> handOff = new SynchronousQueue<>();
        for (int i = 0; i < 2; i++) {
          executor.submit(() -> handOff.take());
        }
      }
    }

    @ExtendWith({FixturesOnly.class, ThreadLeakExtension.class})
    static class Clean {
      @Test
      void joinsItsThread() throws InterruptedException {
        Thread t = started(Thread.ofVirtual().name("joined").start(() -> {}));
        t.join();
      }

      @Test
      void threadEndsWithinTheGracePeriod() {
        started(
            Thread.ofPlatform()
                .name("ending")
                .start(
                    () -> {
                      try {
                        Thread.sleep(50);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
      }
    }

    @ExtendWith({FixturesOnly.class, ThreadLeakExtension.class})
    static class Allowed {
      @Test
      @AllowThreads(names = "allowed-by-.*", reason = "the fixture's allowed thread")
      void allowedByName() {
        started(
            Thread.ofPlatform()
                .name("allowed-by-name")
                .start(ThreadLeakExtensionTest::parkForever));
      }

      @Test
      @AllowThreads(
          frames = "ThreadLeakExtensionTest.parkForever",
          reason = "the fixture's allowed frame")
      void allowedByFrame() {
        started(
            Thread.ofVirtual()
                .name("allowed-by-frame")
                .start(ThreadLeakExtensionTest::parkForever));
      }

      @Test
      @AllowThreads(names = "allowed-by-.*", reason = "does not match the thread below")
      void notAllowed() {
        started(Thread.ofVirtual().name("not-allowed").start(ThreadLeakExtensionTest::parkForever));
      }
    }

    @ExtendWith({FixturesOnly.class, ThreadLeakExtension.class})
    static class BlanketAllowance {
      @Test
      @AllowThreads(reason = "everything")
      void noMatcher() {}

      @Test
      @AllowThreads(names = "x", reason = " ")
      void noReason() {}
    }

    @ExtendWith({FixturesOnly.class, ThreadLeakExtension.class})
    static class LeaksFromBeforeAll {
      @BeforeAll
      static void startServer() {
        started(
            Thread.ofPlatform()
                .name("leaky-before-all")
                .start(ThreadLeakExtensionTest::parkForever));
      }

      @Test
      void uses() {}
    }

    @ExtendWith(FixturesOnly.class)
    static class AutodetectedLeak {
      @Test
      void leaks() {
        started(
            Thread.ofPlatform()
                .name("leaky-autodetected")
                .start(ThreadLeakExtensionTest::parkForever));
      }
    }
  }
}
