package org.pitfallatlas.io;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * An HTTP client per request vs one shared client: connection reuse.
 *
 * The Go pitfall: `client := &http.Client{}` (or a new http.Transport) inside the handler, per
 * request. The Transport owns the connection pool, so a new one per request opens a new TCP
 * connection (and, over TLS, a new handshake) every time and leaves the old one idle until it
 * times out; the fix is one client for the process, whose pool keeps the connections alive
 * (keep-alive) and hands them to the next request.
 *
 * The JVM twin: java.net.http.HttpClient. A client owns its connection pool, a selector thread
 * ("HttpClient-N-SelectorManager") and, by default, an executor of its own. Building one per
 * request means a new selector thread, a new TCP connection (connect, then the server's accept)
 * and, since JDK 21 where HttpClient is AutoCloseable, a close() that waits for the client's
 * operations and its selector thread to finish. The pitfall here is that well-behaved version:
 * built and closed per request. What people more often write is the same without close(): then
 * the client, its selector thread and its idle connection live on until the garbage collector
 * finds the client unreachable (the selector thread holds the client only weakly and exits when
 * the facade is collected; until then each one keeps a thread and a socket). ClientReuseTest
 * shows it: unclosed clients keep their selector threads alive while referenced, and they end
 * only after the clients are dropped and a GC has run.
 *
 *   - pitfallClientPerRequest: HttpClient.newBuilder()...build() per request, send, close().
 *   - fixSharedClient: one client built in @Setup, reused (its pool keeps one connection alive).
 * Both speak HTTP/1.1 (the default, HTTP/2, would try an h2c upgrade on the first request over
 * cleartext), send the same GET to a LoopbackServer (Jetty on 127.0.0.1, answering at once) and
 * return the body's length.
 *
 * @Param bodyBytes (64, 65,536) is the response size: what both sides pay alike (reading the
 * body). Expected: the pitfall's extra cost per request is a constant (a client, a thread, a
 * connection, a close), so the gap stays about the same in microseconds and the ratio shrinks as
 * the body grows.
 *
 * Metrics beside the time (IoCountersProfiler, from the server's counters): io.server.connections,
 * TCP connections the server accepted per request: 1 for the pitfall, ~0 for the fix (one
 * connection for the whole fork); io.server.requests, 1 for both. B/op (-prof gc) counts the whole
 * JVM's allocation, the server's included (it runs in the fork), the same server work for both
 * sides.
 *
 * Loopback flatters the pitfall: a connection to 127.0.0.1 costs a few tens of microseconds; over
 * a network it costs a round trip, and over TLS two or more, so the gap measured here is a lower
 * bound.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 8, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Fork(3)
@State(Scope.Benchmark)
public class ClientReuse {

  /** The size of the server's response body. */
  @Param({"64", "65536"})
  int bodyBytes;

  LoopbackServer server;
  HttpRequest request;
  HttpClient shared;

  @Setup(Level.Trial)
  public void setUp() {
    server = LoopbackServer.start("server", LoopbackServer.Behaviour.immediate(bodyBytes), 42);
    request = HttpRequest.newBuilder(server.uri("/payload")).GET().build();
    shared = newClient();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      if (shared != null) {
        shared.close();
      }
    } finally {
      server.close();
    }
  }

  /** How both sides build their client: the defaults, HTTP/1.1. */
  static HttpClient newClient() {
    return LoopbackServer.client();
  }

  /** Sends the request on {@code client}; returns the body's length. */
  static int call(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("the loopback server answered " + r.statusCode());
    }
    return r.body().length;
  }

  @Benchmark
  public int pitfallClientPerRequest() throws IOException, InterruptedException {
    try (HttpClient client = newClient()) {
      return call(client, request);
    }
  }

  @Benchmark
  public int fixSharedClient() throws IOException, InterruptedException {
    return call(shared, request);
  }
}
/*
 * How to run / what you should see:
 *
 *   scripts/atlas run io --filter ClientReuse
 *   java -jar benchmarks/target/benchmarks.jar 'io.ClientReuse' -f 1 \
 *     -prof org.pitfallatlas.io.IoCountersProfiler -prof gc
 *
 * The io.server.connections rows: 1.000 conn/op for pitfallClientPerRequest, 0.000-something for
 * fixSharedClient (one connection per fork, spread over the fork's operations).
 *
 * Smoke run (1 fork, 200 ms warm-up, one 300 ms iteration, a loaded 2-core machine: the code is
 * not yet compiled by C2, so the absolute times are far above a warm loopback call's):
 *   bodyBytes=64     pitfall 3,727 us/op  74 KB/op   fix 1,057 us/op  21 KB/op   (3.5x)
 *   bodyBytes=65536  pitfall 5,892 us/op 209 KB/op   fix 1,228 us/op 155 KB/op
 *   io.server.connections 1.0 vs 0.0 per request at both sizes.
 */
