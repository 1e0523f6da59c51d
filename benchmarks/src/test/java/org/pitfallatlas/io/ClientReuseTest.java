package org.pitfallatlas.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.suite.ParamValues;

/**
 * A client per request and a shared client get the same responses; the shared one opens one
 * connection, the per-request one a connection per request. And what an unclosed client costs.
 */
class ClientReuseTest {

  private static final int REQUESTS = 20;

  @ParameterizedTest
  @ParamValues(of = ClientReuse.class, field = "bodyBytes")
  void bothGetTheSameResponsesOverDifferentNumbersOfConnections(String bodyBytes) throws Exception {
    ClientReuse b = new ClientReuse();
    b.bodyBytes = Integer.parseInt(bodyBytes);
    b.setUp();
    try {
      long c0 = b.server.connections();
      for (int i = 0; i < REQUESTS; i++) {
        assertThat(b.fixSharedClient()).isEqualTo(b.bodyBytes);
      }
      long shared = b.server.connections() - c0;
      long c1 = b.server.connections();
      for (int i = 0; i < REQUESTS; i++) {
        assertThat(b.pitfallClientPerRequest()).isEqualTo(b.bodyBytes);
      }
      long perRequest = b.server.connections() - c1;
      assertThat(shared).isEqualTo(1);
      assertThat(perRequest).isEqualTo(REQUESTS);
      assertThat(b.server.requests()).isEqualTo(2 * REQUESTS);
    } finally {
      b.tearDown();
    }
  }

  private static long selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().endsWith("-SelectorManager") && t.isAlive())
        .count();
  }

  @Test
  void anUnclosedClientKeepsItsThreadUntilTheClientIsCollected() throws Exception {
    ClientReuse b = new ClientReuse();
    b.bodyBytes = 64;
    b.setUp();
    try {
      long before = selectorThreads();
      List<HttpClient> unclosed = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        HttpClient c = ClientReuse.newClient();
        ClientReuse.call(c, b.request);
        unclosed.add(c);
      }
      Thread.sleep(200);
      // Ten clients used and never closed: ten selector threads, ten connections still open.
      assertThat(selectorThreads() - before).isEqualTo(10);
      assertThat(b.server.openConnections()).isGreaterThanOrEqualTo(10);
      Reference.reachabilityFence(unclosed);
      unclosed = null;
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (selectorThreads() > before && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(50);
      }
      // Once the clients are unreachable and a GC has run, their threads end by themselves.
      assertThat(selectorThreads()).isEqualTo(before);
    } finally {
      b.tearDown();
    }
  }
}
