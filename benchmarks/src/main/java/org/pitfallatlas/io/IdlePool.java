package org.pitfallatlas.io;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Go's MaxIdleConnsPerHost = 2, with Go's semantics: an idle limit, and the churn it causes.
 *
 * The Go pitfall (PoolLimits has the story): http.Transport keeps at most 2 idle connections per
 * host by default. 16 goroutines calling one host at once open 16 connections; when they return,
 * 14 are closed; the next burst opens 14 new ones. PoolLimits measures Apache HttpClient 5, whose
 * limit caps all connections (callers queue); this class measures the limit Go has.
 *
 * The JVM twin: java.net.http.HttpClient opens as many connections to a host as there are
 * concurrent requests, and keeps the idle ones in a pool whose size is the system property
 * jdk.httpclient.connectionPoolSize (default 0: no limit; beyond the limit the pool closes the
 * oldest idle connection). The property is read once per JVM, so the pitfall runs in forks of its
 * own: its method's @Fork(jvmArgsAppend) sets it to 2.
 *   - pitfallIdleLimit2: -Djdk.httpclient.connectionPoolSize=2 (Go's default, the whole pool here:
 *     one host).
 *   - fixUnlimitedIdle: the default (no limit), i.e. MaxIdleConnsPerHost >= the concurrency.
 * The set-up is PoolLimits': a LoopbackServer answering after a log-normal delay (median 2 ms,
 * sigma 0.5); one operation is @Param callers concurrent GETs, one per virtual thread, on one
 * shared client, all joined; both return the sum of the body lengths.
 * @Param callers: 2 (the control: within the limit, expected equivalent) and 16.
 *
 * Metrics: time per burst and, from the server's counter (IoCountersProfiler),
 * io.server.connections per burst: expected ~callers - 2 = 14 for the pitfall (the churn itself),
 * ~0 for the fix. On loopback a connect costs tens of microseconds, so the time may differ little:
 * over a network each new connection costs a round trip (and TLS handshakes), and the closed ones
 * sit in TIME_WAIT on the client, which is what the Go sources warn about.
 * Verified by IdlePoolTest, which runs both in JVMs of their own with and without the property.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 8, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Fork(3)
@State(Scope.Benchmark)
public class IdlePool {

  /** The system property the JDK's HTTP client reads its idle-pool size from. */
  static final String POOL_SIZE_PROPERTY = "jdk.httpclient.connectionPoolSize";

  /** Concurrent requests per operation. */
  @Param({"2", "16"})
  int callers;

  LoopbackServer server;
  HttpClient client;
  HttpRequest request;
  ExecutorService virtualThreads;

  @Setup(Level.Trial)
  public void setUp() {
    if (callers < 1 || callers > 256) {
      throw new IllegalArgumentException("callers must be between 1 and 256: " + callers);
    }
    server =
        LoopbackServer.start(
            "server",
            LoopbackServer.Behaviour.immediate(64)
                .withLatency(PoolLimits.MEDIAN_MILLIS, PoolLimits.SIGMA),
            42);
    request = HttpRequest.newBuilder(server.uri("/item")).build();
    client = LoopbackServer.client();
    virtualThreads =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("caller-", 0).factory());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    try {
      virtualThreads.shutdown();
      if (!virtualThreads.awaitTermination(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("caller threads did not end");
      }
      client.close();
    } finally {
      server.close();
    }
  }

  /** {@code callers} concurrent GETs on the shared client, joined; the sum of the lengths. */
  long burst() throws InterruptedException, ExecutionException {
    return PoolLimits.burst(virtualThreads, callers, this::get);
  }

  private int get() throws IOException, InterruptedException {
    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("the loopback server answered " + r.statusCode());
    }
    return r.body().length;
  }

  @Benchmark
  @Fork(jvmArgsAppend = "-D" + POOL_SIZE_PROPERTY + "=2")
  public long pitfallIdleLimit2() throws InterruptedException, ExecutionException {
    return burst();
  }

  @Benchmark
  public long fixUnlimitedIdle() throws InterruptedException, ExecutionException {
    return burst();
  }

  /**
   * Runs {@code bursts} bursts of {@code callers} requests in this JVM and prints the connections
   * the server accepted and the body bytes received, as {@code connections=<n> bytes=<n>}: what
   * IdlePoolTest reads from a JVM started with or without the property.
   */
  public static void main(String[] args) throws Exception {
    IdlePool b = new IdlePool();
    b.callers = Integer.parseInt(args[0]);
    int bursts = Integer.parseInt(args[1]);
    b.setUp();
    long bytes = 0;
    try {
      for (int i = 0; i < bursts; i++) {
        bytes += b.burst();
      }
      System.out.println("connections=" + b.server.connections() + " bytes=" + bytes);
    } finally {
      b.tearDown();
    }
  }
}
/*
 * How to run / what you should see:
 *
 *   java -jar benchmarks/target/benchmarks.jar 'io.IdlePool' -p callers=16 -f 1 \
 *     -prof org.pitfallatlas.io.IoCountersProfiler
 *
 * io.server.connections: ~14 conn/op for pitfallIdleLimit2 (the forks of that method run with
 * -Djdk.httpclient.connectionPoolSize=2), ~0 for fixUnlimitedIdle. Smoke run through the atlas
 * runner (1 fork, one 300 ms iteration, a loaded 2-core machine; the method's jvmArgsAppend is in
 * the fork's jvmArgs): callers=16 13.6 vs 0.0 new connections per burst, 21.0 vs 17.3 ms, 965 KB vs
 * 384 KB per burst; callers=2 0.0 vs 0.0, 5.7 vs 5.8 ms.
 */
