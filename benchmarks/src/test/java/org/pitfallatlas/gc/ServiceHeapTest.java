package org.pitfallatlas.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jol.info.GraphLayout;

/**
 * ServiceHeap is honest if every configuration serves the same requests with the same answers, and
 * if the live set it claims to hold is really held. The JVM configuration (collector, heap limit)
 * cannot change a single-threaded Java computation, so a pinned checksum of the first requests is
 * the same answer under every configuration of gc.json.
 */
class ServiceHeapTest {

  private static ServiceHeap heap(int liveSetMiB, int garbageKiB) {
    ServiceHeap h = new ServiceHeap();
    h.liveSetMiB = liveSetMiB;
    h.garbageKiB = garbageKiB;
    h.setUp();
    return h;
  }

  private static long checksumOf(ServiceHeap h, int requests) {
    long acc = 0;
    for (int i = 0; i < requests; i++) {
      acc = acc * 1_000_003 + h.baselineThroughput();
    }
    return acc;
  }

  // The benchmark method is `return serve();` (ServiceLatency serves the same request open-loop,
  // and ServiceLatencyTest proves it); what needs proving here is that serve() is deterministic and
  // does real work, below.

  @ParameterizedTest
  @CsvSource({"8, 4", "8, 64", "16, 4"})
  void twoHeapsWithTheSameSettingsServeTheSameAnswers(int liveSetMiB, int garbageKiB) {
    long first = checksumOf(heap(liveSetMiB, garbageKiB), 20_000);
    long second = checksumOf(heap(liveSetMiB, garbageKiB), 20_000);
    assertThat(second).isEqualTo(first);
    assertThat(first).isNotZero();
  }

  @Test
  void answersArePinned() {
    // Computed once with this code; any change to what a request does changes these.
    assertThat(checksumOf(heap(8, 4), 1_000)).isEqualTo(PINNED_8_4);
    assertThat(checksumOf(heap(8, 64), 1_000)).isEqualTo(PINNED_8_64);
  }

  private static final long PINNED_8_4 = -6711475816884184328L;
  private static final long PINNED_8_64 = 2856446787631629400L;

  @Test
  void requestsReadTheLiveSetAndTheirGarbage() {
    // Same live set and request ids, different garbage sizes: the answers differ because the
    // garbage buffers are read back, so the allocation cannot be dead code.
    assertThat(checksumOf(heap(8, 4), 1_000)).isNotEqualTo(checksumOf(heap(8, 64), 1_000));
    // Updates are visible to later reads: the live set really changes.
    ServiceHeap h = heap(8, 4);
    long versions = 0;
    for (int i = 0; i < 50_000; i++) {
      h.serve();
    }
    for (ServiceHeap.Entry e : h.table) {
      versions += e.version;
    }
    assertThat(versions).isEqualTo(50_000);
  }

  @ParameterizedTest
  @CsvSource({"16", "32"})
  void theLiveSetIsRetainedAtTheRequestedSize(int liveSetMiB) {
    ServiceHeap h = heap(liveSetMiB, 4);
    long target = liveSetMiB * 1024L * 1024L;
    assertThat(GraphLayout.parseInstance((Object) h.table).totalSize())
        .isCloseTo(target, within((long) (target * 0.05)));
    for (int i = 0; i < 100_000; i++) {
      h.serve(); // churn replaces entries with entries of the same shape
    }
    assertThat(GraphLayout.parseInstance((Object) h.table).totalSize())
        .isCloseTo(target, within((long) (target * 0.05)));
  }

  @Test
  void rejectsNonPositiveSizes() {
    assertThatThrownBy(() -> heap(0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> heap(8, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
