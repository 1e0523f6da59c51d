package org.pitfallatlas.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

/**
 * The allocation pair does the same work: allocating the buffers per request and reusing them give
 * the same answers, request by request, at every @Param point the class declares — and the fix
 * really does not allocate the buffers.
 */
class AllocationLatencyTest {

  @AfterEach
  void clear() {
    System.clearProperty(OpenLoopService.WINDOW_PROPERTY);
    System.clearProperty(OpenLoopService.CAPACITY_PROPERTY);
  }

  @ParameterizedTest
  @ParamValues(of = AllocationLatency.class, field = "garbageKiB")
  void reusingTheBuffersAnswersEveryRequestAsAllocatingThem(int kib) {
    ServiceHeap allocating = heap(kib);
    ServiceHeap reusing = heap(kib);
    ServiceHeap.Buffers buffers = new ServiceHeap.Buffers(kib);
    for (int i = 0; i < 2_000; i++) {
      assertThat(reusing.serveReusing(buffers))
          .as("request %d at garbageKiB=%d", i, kib)
          .isEqualTo(allocating.serve());
    }
    // The live sets went through the same updates.
    for (int e = 0; e < allocating.table.length; e += 97) {
      assertThat(reusing.table[e].version).isEqualTo(allocating.table[e].version);
    }
  }

  @Test
  void bothMethodsServeTheSameWindowsOpenLoop() {
    System.setProperty(OpenLoopService.WINDOW_PROPERTY, "100");
    System.setProperty(OpenLoopService.CAPACITY_PROPERTY, "4000");
    long pitfall = windows(AllocationLatency::pitfallAllocatePerRequest);
    long fix = windows(AllocationLatency::fixReuseBuffers);
    assertThat(fix).isEqualTo(pitfall);
    ServiceHeap direct = heap(4);
    long expected = 0;
    for (int i = 0; i < 3 * 200; i++) { // 3 windows of 100 ms at 0.5 x 4000/s
      expected += direct.serve();
    }
    assertThat(pitfall).isEqualTo(expected);
  }

  @Test
  void theFixAllocatesOnlyTheLiveSetUpdate() {
    var threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    ServiceHeap h = heap(64);
    ServiceHeap.Buffers buffers = new ServiceHeap.Buffers(64);
    for (int i = 0; i < 20_000; i++) { // let the JIT compile it (escape analysis)
      h.serveReusing(buffers);
      h.serve();
    }
    long id = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 1_000; i++) {
      h.serveReusing(buffers);
    }
    long reusing = (threads.getThreadAllocatedBytes(id) - before) / 1_000;
    before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 1_000; i++) {
      h.serve();
    }
    long allocating = (threads.getThreadAllocatedBytes(id) - before) / 1_000;
    // The update: Entry (32 B) + its payload (216 B); the pitfall adds 64 KiB of buffers.
    assertThat(reusing).as("bytes per request, reusing").isLessThan(1_024);
    assertThat(allocating).as("bytes per request, allocating").isGreaterThan(64 * 1024);
  }

  private static ServiceHeap heap(int kib) {
    ServiceHeap h = new ServiceHeap();
    h.liveSetMiB = 1;
    h.garbageKiB = kib;
    h.setUp();
    return h;
  }

  private static long windows(ToLongFunction<AllocationLatency> method) {
    AllocationLatency b = new AllocationLatency();
    b.setUp(
        "org.pitfallatlas.gc.AllocationLatency",
        Map.of("liveSetMiB", "1", "garbageKiB", "4", "load", "0.5"));
    long sum = 0;
    for (int w = 0; w < 3; w++) {
      b.startIteration(w == 0);
      sum += method.applyAsLong(b);
      assertThat(b.last.saturated()).isFalse();
      b.endIteration(w == 0);
    }
    b.tearDown();
    return sum;
  }
}
