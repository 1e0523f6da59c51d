package org.pitfallatlas.io;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Retries at every hop vs retries at the edge: retry amplification.
 *
 * The Go pitfall: every service wraps its outgoing calls in the same retry helper (3 attempts).
 * When the service at the bottom of a call chain fails, each layer retries its call, and each of
 * those calls is retried by the layer below: with k retrying layers the failing service receives
 * up to 3^k requests for one user request, exactly when it is least able to serve them (a retry
 * storm). The sources' advice: cap retries at 2-3, retry only idempotent calls, retry at one layer
 * (the edge) and let the inner ones fail fast, or give each client a retry budget (retries at most
 * a share of its requests).
 *
 * The set-up: a chain of real HTTP services on loopback. @Param hops is the number of retrying
 * layers: the caller (the benchmark thread) is layer 1; layers 2..hops are LoopbackServers
 * ("hop1", "hop2") whose handler calls the next layer with java.net.http.HttpClient, on a virtual
 * thread per request; the last layer calls "downstream", a LoopbackServer that answers every
 * request 503 at once (a service that is down, not slow: the time of a stall would be a Timeouts
 * story). Each layer's policy is 3 attempts, retrying on 5xx, with no backoff (a backoff multiplies
 * the time, not the count of requests).
 *   - pitfallRetryEveryHop: every layer retries (3 attempts each): the downstream sees 3^hops
 *     requests per caller request (3, 9, 27).
 *   - fixRetryAtEdge: only the caller retries; the inner layers make one attempt and pass the
 *     failure up at once: the downstream sees 3 requests whatever the depth.
 * The policy travels with the request (the path, /retry-every-hop or /retry-at-edge), as a real
 * deployment propagates it in a header, so one chain of servers serves both methods.
 * Both return the final status the caller sees: 503, the same answer, at a different cost.
 *
 * Metrics: the time per caller request, and, from the servers' own counters (IoCountersProfiler),
 * io.downstream.requests (requests the failing service received per caller request: measured, not
 * computed; the unit test checks them against 3^hops and 3) and io.hop1.requests, io.hop2.requests
 * for the layers between. Expected: the pitfall's time grows ~3x per layer (its request count
 * does), the fix's ~linearly (one more forwarding per layer).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 8, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Fork(3)
@State(Scope.Benchmark)
public class RetryAmplification {

  /** Attempts per call of a retrying layer: the first try and two retries. */
  static final int ATTEMPTS = 3;

  static final String EVERY_HOP = "/retry-every-hop";
  static final String AT_EDGE = "/retry-at-edge";

  /** The retrying layers, the caller included. */
  @Param({"1", "2", "3"})
  int hops;

  LoopbackServer downstream;
  final List<LoopbackServer> layers = new ArrayList<>();
  final List<HttpClient> clients = new ArrayList<>();
  HttpClient caller;
  URI first;

  @Setup(Level.Trial)
  public void setUp() {
    if (hops < 1 || hops > 6) {
      throw new IllegalArgumentException("hops must be between 1 and 6 (3^6 = 729 calls): " + hops);
    }
    downstream =
        LoopbackServer.start(
            "downstream", LoopbackServer.Behaviour.immediate(0).withFailures(1), 1);
    URI next = downstream.uri("");
    // Build from the bottom up: layer k calls layer k + 1; the last one calls the downstream.
    for (int k = hops - 1; k >= 1; k--) {
      HttpClient client = LoopbackServer.client();
      clients.add(client);
      URI target = next;
      LoopbackServer layer =
          LoopbackServer.forwarding(
              "hop" + k, path -> call(client, target, path, path.equals(EVERY_HOP)));
      layers.add(layer);
      next = layer.uri("");
    }
    first = next;
    caller = LoopbackServer.client();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      if (caller != null) {
        caller.close();
      }
      clients.forEach(HttpClient::close);
      layers.forEach(LoopbackServer::close);
    } finally {
      downstream.close();
    }
  }

  /**
   * One layer's call to the next: {@code ATTEMPTS} attempts on a 5xx when {@code retry}, else one;
   * returns the last status.
   */
  static int call(HttpClient client, URI base, String policyPath, boolean retry)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(policyPath)).build();
    int attempts = retry ? ATTEMPTS : 1;
    int status = 0;
    for (int a = 0; a < attempts; a++) {
      status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status < 500) {
        return status;
      }
    }
    return status;
  }

  @Benchmark
  public int pitfallRetryEveryHop() throws IOException, InterruptedException {
    return call(caller, first, EVERY_HOP, true);
  }

  @Benchmark
  public int fixRetryAtEdge() throws IOException, InterruptedException {
    return call(caller, first, AT_EDGE, true);
  }
}
/*
 * How to run / what you should see:
 *
 *   java -jar benchmarks/target/benchmarks.jar 'io.RetryAmplification' -f 1 \
 *     -prof org.pitfallatlas.io.IoCountersProfiler
 *
 * The io.downstream.requests rows: 3, 9, 27 req/op for pitfallRetryEveryHop at hops 1, 2, 3 and
 * 3, 3, 3 for fixRetryAtEdge; at hops = 1 the two methods are the same code (the control).
 * Smoke run (1 fork, one 300 ms iteration, a loaded 2-core machine): io.downstream.requests exactly
 * 3 / 9 / 27 vs 3 / 3 / 3; time at hops = 3 57.2 ms vs 17.2 ms per caller request (3.3x), B/op
 * 879 KB vs 222 KB (the in-process servers' allocation included).
 */
