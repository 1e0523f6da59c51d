package org.pitfallatlas.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
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
 * A connection pool limited to 2 per host vs one sized to the concurrency.
 *
 * The Go pitfall: http.Transport's MaxIdleConnsPerHost defaults to 2. A service that calls one
 * host from 16 goroutines at once opens up to 16 connections, but after each burst keeps only 2
 * idle: the other 14 are closed, and the next burst opens 14 new ones (connect, and over TLS a
 * handshake, every time), leaving sockets in TIME_WAIT behind. The fix: MaxIdleConnsPerHost sized
 * to the concurrency (and MaxConnsPerHost if the downstream needs a cap).
 *
 * The JVM has the same knob with a different meaning, depending on the library, and the atlas
 * says which it measures:
 *   - Apache HttpClient 5 (measured here): PoolingHttpClientConnectionManager's maxConnPerRoute
 *     caps the TOTAL connections to a host (leased + idle). A caller beyond the cap does not open
 *     a connection: it waits for one to be released (connectionRequestTimeout, 3 minutes by
 *     default). So the JVM's version of "2 per host" is not churn but a queue: 16 callers share 2
 *     connections, and a request's latency becomes ~16 / 2 = 8 service times. (HC5's own defaults
 *     are 5 per route and 25 in total: the same trap at 5.)
 *   - java.net.http.HttpClient: its pool has no per-host cap on open connections; the system
 *     property jdk.httpclient.connectionPoolSize (default 0: no limit) caps the IDLE connections
 *     it keeps, as Go's MaxIdleConnsPerHost does: the Go semantics (open, then close the excess:
 *     churn) exactly. It is read once per JVM, so it needs a fork of its own: IdlePool measures
 *     it.
 *
 * The set-up: a LoopbackServer (Jetty, 127.0.0.1) answering after a log-normal delay (median 2 ms,
 * sigma 0.5: long enough that the wait, not the clients' CPU, dominates a burst on 2 cores); one
 * operation is @Param callers concurrent requests, one per virtual thread, all joined (a burst: a
 * request fanning out to one host, or a service's concurrent handlers).
 *   - pitfallTwoPerRoute: HC5 with setMaxConnPerRoute(2) / setMaxConnTotal(2).
 *   - fixSizedPool: HC5 with both set to the concurrency, MAX_CALLERS = 16.
 * Both send the same GETs and return the sum of the body lengths.
 * @Param callers: 2 (the control: within both limits, expected equivalent) and 16 (the pitfall
 * queues: expected ~callers / 2 = 8 service times against ~1 for the fix, which waits for the
 * slowest of 16 log-normal calls, ~2-3 median times).
 *
 * Metrics beside the time (IoCountersProfiler): io.server.connections per operation, ~0 for both
 * once the pools are warm (HC5 does not churn: it queues), which is the semantic difference made
 * visible; io.server.requests = callers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 8, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Fork(3)
@State(Scope.Benchmark)
public class PoolLimits {

  /** The pitfall's limit, Go's MaxIdleConnsPerHost default. */
  static final int GO_DEFAULT = 2;

  /** The fix's pool size: the largest concurrency of the sweep. */
  static final int MAX_CALLERS = 16;

  static final double MEDIAN_MILLIS = 2;
  static final double SIGMA = 0.5;

  /** Concurrent requests per operation. */
  @Param({"2", "16"})
  int callers;

  LoopbackServer server;
  CloseableHttpClient twoPerRoute;
  CloseableHttpClient sized;
  ExecutorService virtualThreads;
  String uri;

  @Setup(Level.Trial)
  public void setUp() {
    if (callers < 1 || callers > MAX_CALLERS) {
      throw new IllegalArgumentException(
          "callers must be between 1 and " + MAX_CALLERS + " (the fix's pool size): " + callers);
    }
    server =
        LoopbackServer.start(
            "server", LoopbackServer.Behaviour.immediate(64).withLatency(MEDIAN_MILLIS, SIGMA), 42);
    uri = server.uri("/item").toString();
    twoPerRoute = client(GO_DEFAULT);
    sized = client(MAX_CALLERS);
    virtualThreads =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("caller-", 0).factory());
  }

  /** An HC5 client whose pool allows {@code perRoute} connections to the host (and in total). */
  static CloseableHttpClient client(int perRoute) {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(perRoute)
            .setMaxConnTotal(perRoute)
            .build();
    return HttpClients.custom().setConnectionManager(pool).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException, InterruptedException {
    try {
      virtualThreads.shutdown();
      if (!virtualThreads.awaitTermination(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("caller threads did not end");
      }
      twoPerRoute.close();
      sized.close();
    } finally {
      server.close();
    }
  }

  /** One request on {@code client}: the body's length. */
  static int get(CloseableHttpClient client, String uri) throws IOException {
    return client.execute(
        new HttpGet(uri),
        response -> {
          if (response.getCode() != 200) {
            throw new IllegalStateException("the loopback server answered " + response.getCode());
          }
          return EntityUtils.toByteArray(response.getEntity()).length;
        });
  }

  /** {@code callers} concurrent requests on {@code client}, joined; the sum of the lengths. */
  long burst(CloseableHttpClient client) throws InterruptedException, ExecutionException {
    return burst(virtualThreads, callers, () -> get(client, uri));
  }

  /**
   * Runs {@code call} {@code callers} times at once on {@code threads} and waits for all of them;
   * returns the sum of their results (IdlePool's bursts too).
   */
  static long burst(ExecutorService threads, int callers, Callable<Integer> call)
      throws InterruptedException, ExecutionException {
    List<Callable<Integer>> calls = new ArrayList<>(callers);
    for (int i = 0; i < callers; i++) {
      calls.add(call);
    }
    long sum = 0;
    for (Future<Integer> f : threads.invokeAll(calls)) {
      sum += f.get();
    }
    return sum;
  }

  @Benchmark
  public long pitfallTwoPerRoute() throws InterruptedException, ExecutionException {
    return burst(twoPerRoute);
  }

  @Benchmark
  public long fixSizedPool() throws InterruptedException, ExecutionException {
    return burst(sized);
  }
}
/*
 * How to run / what you should see:
 *
 *   java -jar benchmarks/target/benchmarks.jar 'io.PoolLimits' -f 1 \
 *     -prof org.pitfallatlas.io.IoCountersProfiler
 *
 * At callers = 16 the pitfall's time is several times the fix's (the queue for 2 connections);
 * at callers = 2 they match. io.server.connections stays ~0 per operation for both: HC5 queues,
 * it does not churn. Smoke run (1 fork, one 300 ms iteration, a loaded 2-core machine): callers=16
 * 37.2 ms vs 13.5 ms per burst (2.8x), callers=2 4.6 vs 4.8 ms; 0.0 connections per burst on both.
 */
