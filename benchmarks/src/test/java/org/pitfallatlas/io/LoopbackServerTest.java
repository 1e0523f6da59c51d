package org.pitfallatlas.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The loopback server answers, delays, stalls, fails and counts as its behaviour says. */
class LoopbackServerTest {

  private static HttpResponse<byte[]> get(HttpClient client, LoopbackServer s)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(s.uri("/x")).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpClient client() {
    return LoopbackServer.client();
  }

  @Test
  void answersAtOnceWithTheBodyAndCountsRequestsAndConnections() throws Exception {
    try (LoopbackServer s =
            LoopbackServer.start("test", LoopbackServer.Behaviour.immediate(100), 1);
        HttpClient c = client()) {
      assertThat(s.uri("/a").toString()).startsWith("http://127.0.0.1:").endsWith("/a");
      for (int i = 0; i < 5; i++) {
        HttpResponse<byte[]> r = get(c, s);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(100);
      }
      assertThat(s.requests()).isEqualTo(5);
      // One client, sequential requests: keep-alive reuses one connection.
      assertThat(s.connections()).isEqualTo(1);
      try (HttpClient other = client()) {
        get(other, s);
      }
      assertThat(s.connections()).isEqualTo(2);
      assertThat(s.failures()).isZero();
      assertThat(s.stalls()).isZero();
    }
  }

  @Test
  void theBodyIsTheSameForEveryRequest() throws Exception {
    try (LoopbackServer s =
            LoopbackServer.start("test", LoopbackServer.Behaviour.immediate(64), 7);
        HttpClient c = client()) {
      assertThat(get(c, s).body()).isEqualTo(get(c, s).body());
    }
  }

  @Test
  void delaysResponsesByTheLatencyDistribution() throws Exception {
    LoopbackServer.Behaviour b = LoopbackServer.Behaviour.immediate(1).withLatency(30, 0);
    try (LoopbackServer s = LoopbackServer.start("test", b, 1);
        HttpClient c = client()) {
      get(c, s); // the first call connects
      long t = System.nanoTime();
      get(c, s);
      long ms = (System.nanoTime() - t) / 1_000_000;
      // sigma 0: every response waits exactly the median.
      assertThat(ms).isBetween(30L, 2_000L);
    }
  }

  @Test
  void aStalledRequestIsAnsweredWhenTheStallEnds() throws Exception {
    LoopbackServer.Behaviour b =
        LoopbackServer.Behaviour.immediate(1).withStalls(1.0, Duration.ofMillis(300));
    try (LoopbackServer s = LoopbackServer.start("test", b, 1);
        HttpClient c = client()) {
      long t = System.nanoTime();
      assertThat(get(c, s).statusCode()).isEqualTo(200);
      long ms = (System.nanoTime() - t) / 1_000_000;
      assertThat(ms).isBetween(300L, 5_000L);
      assertThat(s.stalls()).isEqualTo(1);
    }
  }

  @Test
  void failsTheShareOfRequestsItIsToldTo() throws Exception {
    LoopbackServer.Behaviour b = LoopbackServer.Behaviour.immediate(1).withFailures(0.5);
    int unavailable = 0;
    try (LoopbackServer s = LoopbackServer.start("test", b, 3);
        HttpClient c = client()) {
      for (int i = 0; i < 400; i++) {
        if (get(c, s).statusCode() == 503) {
          unavailable++;
        }
      }
      assertThat(s.failures()).isEqualTo(unavailable);
      assertThat(s.requests()).isEqualTo(400);
    }
    // Binomial(400, 0.5): 200 +- 10, so 140..260 is more than 5 standard deviations wide.
    assertThat(unavailable).isBetween(140, 260);
  }

  @Test
  void theSameSeedGivesTheSameSequenceOfOutcomes() throws Exception {
    LoopbackServer.Behaviour b = LoopbackServer.Behaviour.immediate(1).withFailures(0.3);
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    for (StringBuilder out : new StringBuilder[] {first, second}) {
      try (LoopbackServer s = LoopbackServer.start("test", b, 11);
          HttpClient c = client()) {
        for (int i = 0; i < 50; i++) {
          out.append(get(c, s).statusCode() == 503 ? 'F' : '.');
        }
      }
    }
    assertThat(first.toString()).isEqualTo(second.toString()).contains("F").contains(".");
  }

  @Test
  void aForwardingServerAnswersWithTheForwardersStatus() throws Exception {
    try (LoopbackServer s =
            LoopbackServer.forwarding("test", path -> path.equals("/ok") ? 200 : 503);
        HttpClient c = client()) {
      var ok =
          c.send(
              HttpRequest.newBuilder(s.uri("/ok")).build(), HttpResponse.BodyHandlers.ofString());
      var bad =
          c.send(
              HttpRequest.newBuilder(s.uri("/no")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(bad.statusCode()).isEqualTo(503);
      assertThat(s.requests()).isEqualTo(2);
      assertThat(s.failures()).isEqualTo(1);
    }
  }

  @Test
  void theJvmWideTotalsFollowTheServersOfOneName() throws Exception {
    LoopbackServer.Counters before =
        LoopbackServer.totals().computeIfAbsent("totals", n -> new LoopbackServer.Counters());
    long requests = before.requests();
    long connections = before.connections();
    try (LoopbackServer s =
            LoopbackServer.start("totals", LoopbackServer.Behaviour.immediate(1), 1);
        HttpClient c = client()) {
      get(c, s);
      get(c, s);
    }
    assertThat(LoopbackServer.totals().get("totals").requests() - requests).isEqualTo(2);
    assertThat(LoopbackServer.totals().get("totals").connections() - connections).isEqualTo(1);
  }

  @Test
  void aClosedServerRefusesConnections() throws Exception {
    LoopbackServer s = LoopbackServer.start("test", LoopbackServer.Behaviour.immediate(1), 1);
    HttpRequest request = HttpRequest.newBuilder(s.uri("/x")).build();
    s.close();
    try (HttpClient c = client()) {
      assertThatThrownBy(() -> c.send(request, HttpResponse.BodyHandlers.discarding()))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void badBehavioursAreRefusedWithTheReason() {
    assertThatThrownBy(
            () -> LoopbackServer.Behaviour.immediate(1).withStalls(0.1, Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stalls end by themselves");
    assertThatThrownBy(() -> LoopbackServer.Behaviour.immediate(1).withFailures(1.5))
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(
            () ->
                LoopbackServer.Behaviour.immediate(1)
                    .withFailures(0.6)
                    .withStalls(0.6, Duration.ofMillis(1)))
        .hasMessageContaining("must not exceed 1");
    assertThatThrownBy(() -> LoopbackServer.Behaviour.immediate(-1))
        .hasMessageContaining("bodyBytes");
    assertThatThrownBy(
            () -> LoopbackServer.start("Bad name", LoopbackServer.Behaviour.immediate(1), 1))
        .hasMessageContaining("metric name");
  }
}
