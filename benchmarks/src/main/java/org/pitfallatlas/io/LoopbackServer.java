package org.pitfallatlas.io;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.LoggerFactory;

/**
 * A LoopbackServer is a real HTTP/1.1 server (Jetty 12) on 127.0.0.1 at a free port, for the io
 * family's clients to call: each response waits a controllable time (a log-normal latency around a
 * median), a share of requests can stall (for a bounded time: a stall ends by itself), a share can
 * fail with 503, and the server counts the requests it served and the TCP connections it accepted
 * (a Jetty {@link Connection.Listener} on the connector: every connection it opened, exact,
 * whatever ports the clients used).
 *
 * <p>Waiting costs the server no thread: a delayed response is written by Jetty's scheduler when it
 * is due, so a thousand stalled requests hold a thousand connections and no threads, and the
 * server's own capacity never becomes what a benchmark measures. A {@link Forwarder} server (the
 * hops of {@link RetryAmplification}) instead runs each request on a virtual thread of its own,
 * where it may block on a call to the next hop.
 *
 * <p>Counters are per server ({@link #requests}, {@link #connections}, ...) and, for {@link
 * IoCountersProfiler}, summed per server name over the JVM ({@link #totals}), so a profiler in the
 * benchmark's fork can report them per operation without a reference to the benchmark's state.
 *
 * <p>Start it in a {@code @Setup} and close it in the matching {@code @TearDown}: {@link #close}
 * stops the server and joins its threads. Jetty's and HttpClient 5's DEBUG logging is switched off
 * first (logback's default configuration logs everything at DEBUG, per request).
 */
public final class LoopbackServer implements AutoCloseable {

  /**
   * What the server does with each request, drawn per request in the order requests arrive.
   *
   * @param medianMillis the median of the log-normal response delay, ms (0: respond at once)
   * @param sigma the log-normal's shape (the standard deviation of the log of the delay)
   * @param stallShare the share of requests that stall instead, 0 to 1
   * @param stall how long a stalled request waits before it is answered (bounded: it ends)
   * @param failShare the share of requests answered 503 at once, 0 to 1
   * @param bodyBytes the size of a 200 response's body
   */
  public record Behaviour(
      double medianMillis,
      double sigma,
      double stallShare,
      Duration stall,
      double failShare,
      int bodyBytes) {

    /** Checks the values. */
    public Behaviour {
      if (!(medianMillis >= 0) || !(sigma >= 0)) {
        throw new IllegalArgumentException(
            "the latency's median and sigma must be zero or positive: median "
                + medianMillis
                + " ms, sigma "
                + sigma);
      }
      if (!(stallShare >= 0 && stallShare <= 1) || !(failShare >= 0 && failShare <= 1)) {
        throw new IllegalArgumentException(
            "stallShare and failShare are shares between 0 and 1: "
                + stallShare
                + ", "
                + failShare);
      }
      if (stallShare + failShare > 1) {
        throw new IllegalArgumentException(
            "stallShare + failShare must not exceed 1: " + stallShare + " + " + failShare);
      }
      if (stall == null || stall.isNegative() || stall.compareTo(MAX_STALL) > 0) {
        throw new IllegalArgumentException(
            "a stall must last between 0 and "
                + MAX_STALL
                + " (stalls end by themselves): "
                + stall);
      }
      if (bodyBytes < 0 || bodyBytes > MAX_BODY) {
        throw new IllegalArgumentException(
            "bodyBytes must be between 0 and " + MAX_BODY + ": " + bodyBytes);
      }
    }

    /** Answers every request at once with a body of {@code bodyBytes}. */
    public static Behaviour immediate(int bodyBytes) {
      return new Behaviour(0, 0, 0, Duration.ZERO, 0, bodyBytes);
    }

    /** A copy whose responses wait a log-normal delay (median ms, sigma). */
    public Behaviour withLatency(double median, double shape) {
      return new Behaviour(median, shape, stallShare, stall, failShare, bodyBytes);
    }

    /** A copy where {@code share} of the requests stall for {@code duration}. */
    public Behaviour withStalls(double share, Duration duration) {
      return new Behaviour(medianMillis, sigma, share, duration, failShare, bodyBytes);
    }

    /** A copy where {@code share} of the requests are answered 503 at once. */
    public Behaviour withFailures(double share) {
      return new Behaviour(medianMillis, sigma, stallShare, stall, share, bodyBytes);
    }
  }

  /** Serves a request by blocking code (a call to the next hop), on a virtual thread. */
  @FunctionalInterface
  public interface Forwarder {
    /**
     * Handles one request.
     *
     * @param path the request's path
     * @return the HTTP status to answer with
     * @throws Exception anything; the server answers 500
     */
    int handle(String path) throws Exception;
  }

  /** The longest stall a behaviour may ask for. */
  public static final Duration MAX_STALL = Duration.ofSeconds(30);

  /** The largest body a behaviour may ask for. */
  public static final int MAX_BODY = 16 << 20;

  /** The counters of one server name, summed over every server of that name in this JVM. */
  public static final class Counters {
    final LongAdder requests = new LongAdder();
    final LongAdder connections = new LongAdder();

    /** Requests received. */
    public long requests() {
      return requests.sum();
    }

    /** Connections accepted. */
    public long connections() {
      return connections.sum();
    }
  }

  private static final Map<String, Counters> TOTALS = new ConcurrentHashMap<>();

  static {
    quietLogging();
  }

  private final String name;
  private final Server server;
  private final ServerConnector connector;
  private final LongAdder opened = new LongAdder();
  private final LongAdder closed = new LongAdder();
  private final Counters total;
  private final LongAdder requests = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder stalls = new LongAdder();
  private final ExecutorService forwarding;

  private LoopbackServer(String name, Behaviour behaviour, Forwarder forwarder, long seed)
      throws Exception {
    if (name == null || !name.matches("[a-z][a-zA-Z0-9]*")) {
      throw new IllegalArgumentException(
          "a server's name is a word of letters and digits starting lower-case (it becomes a"
              + " metric name, io.<name>.requests): "
              + name);
    }
    this.name = name;
    this.total = TOTALS.computeIfAbsent(name, n -> new Counters());
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("loopback-" + name);
    threads.setDaemon(true);
    server = new Server(threads);
    connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.addBean(
        new Connection.Listener() {
          @Override
          public void onOpened(Connection connection) {
            opened.increment();
            total.connections.increment();
          }

          @Override
          public void onClosed(Connection connection) {
            closed.increment();
          }
        });
    server.addConnector(connector);
    forwarding =
        forwarder == null
            ? null
            : Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("loopback-" + name + "-forward-", 0).factory());
    server.setHandler(
        forwarder == null ? new Responder(behaviour, seed) : new Forwarding(forwarder));
    server.start();
  }

  /**
   * Starts a server that answers every request according to {@code behaviour}.
   *
   * @param name the server's name, a word (its counters' name)
   * @param behaviour what it does with each request
   * @param seed the seed of the per-request draws (latency, stall, failure)
   * @return the started server
   * @throws IllegalStateException if it cannot start
   */
  public static LoopbackServer start(String name, Behaviour behaviour, long seed) {
    return start(name, behaviour, null, seed);
  }

  /**
   * Starts a server that hands every request to {@code forwarder} on a virtual thread.
   *
   * @param name the server's name, a word (its counters' name)
   * @param forwarder what it does with each request
   * @return the started server
   */
  public static LoopbackServer forwarding(String name, Forwarder forwarder) {
    if (forwarder == null) {
      throw new IllegalArgumentException("forwarder must not be null");
    }
    return start(name, null, forwarder, 0);
  }

  private static LoopbackServer start(
      String name, Behaviour behaviour, Forwarder forwarder, long seed) {
    if (behaviour == null && forwarder == null) {
      throw new IllegalArgumentException("behaviour must not be null");
    }
    try {
      return new LoopbackServer(name, behaviour, forwarder, seed);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start a loopback HTTP server on 127.0.0.1: " + e, e);
    }
  }

  /**
   * A {@link java.net.http.HttpClient} with the defaults, speaking HTTP/1.1: what this server
   * speaks (the JDK's default, HTTP/2, would ask for an h2c upgrade on the first request over
   * cleartext). The caller closes it.
   */
  public static java.net.http.HttpClient client() {
    return java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** The server's name. */
  public String name() {
    return name;
  }

  /** The port it listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + (path.startsWith("/") ? "" : "/") + path);
  }

  /** Requests received so far (answered or not yet). */
  public long requests() {
    return requests.sum();
  }

  /** Requests answered 503 by the failure mode so far. */
  public long failures() {
    return failures.sum();
  }

  /** Requests that stalled so far. */
  public long stalls() {
    return stalls.sum();
  }

  /** TCP connections accepted so far. */
  public long connections() {
    return opened.sum();
  }

  /** Connections open now (accepted and not yet closed). */
  public long openConnections() {
    return opened.sum() - closed.sum();
  }

  /** The counters of every server name this JVM has started, each summed over its servers. */
  public static Map<String, Counters> totals() {
    return TOTALS;
  }

  /** Stops the server (open connections are closed, stalled requests never answered). */
  @Override
  public void close() {
    try {
      server.stop();
      server.join();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the loopback server " + name + ": " + e, e);
    } finally {
      if (forwarding != null) {
        forwarding.shutdownNow();
        try {
          if (!forwarding.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + ": forwarding threads did not end");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private void received() {
    requests.increment();
    total.requests.increment();
  }

  private static final ByteBuffer UNAVAILABLE =
      ByteBuffer.wrap("unavailable\n".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

  private static void answer(Response response, int status, ByteBuffer body, Callback callback) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
    response.write(true, body.slice(), callback);
  }

  /** Answers per the behaviour; delays go to Jetty's scheduler, so no thread waits. */
  private final class Responder extends Handler.Abstract.NonBlocking {
    private final Behaviour b;
    private final SplittableRandom random;
    private final ByteBuffer body;

    Responder(Behaviour b, long seed) {
      this.b = b;
      this.random = new SplittableRandom(seed);
      byte[] bytes = new byte[b.bodyBytes()];
      new SplittableRandom(seed ^ 0x5DEECE66DL).nextBytes(bytes);
      this.body = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      received();
      double u;
      double gaussian;
      synchronized (random) {
        u = random.nextDouble();
        gaussian = random.nextGaussian();
      }
      if (u < b.failShare()) {
        failures.increment();
        answer(response, 503, UNAVAILABLE, callback);
        return true;
      }
      long delayNanos;
      if (u < b.failShare() + b.stallShare()) {
        stalls.increment();
        delayNanos = b.stall().toNanos();
      } else if (b.medianMillis() > 0) {
        delayNanos = (long) (b.medianMillis() * 1e6 * Math.exp(b.sigma() * gaussian));
      } else {
        delayNanos = 0;
      }
      if (delayNanos == 0) {
        answer(response, 200, body, callback);
      } else {
        connector
            .getScheduler()
            .schedule(
                () -> answer(response, 200, body, callback), delayNanos, TimeUnit.NANOSECONDS);
      }
      return true;
    }
  }

  /** Hands each request to the forwarder on a virtual thread. */
  private final class Forwarding extends Handler.Abstract.NonBlocking {
    private final Forwarder forwarder;

    Forwarding(Forwarder forwarder) {
      this.forwarder = forwarder;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      received();
      String path = Request.getPathInContext(request);
      forwarding.execute(
          () -> {
            int status;
            try {
              status = forwarder.handle(path);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              callback.failed(e);
              return;
            } catch (Exception e) {
              status = 500;
            }
            if (status >= 500) {
              failures.increment();
            }
            answer(response, status, status == 200 ? OK : UNAVAILABLE, callback);
          });
      return true;
    }
  }

  private static final ByteBuffer OK =
      ByteBuffer.wrap("ok\n".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

  /**
   * Sets Jetty's and Apache HttpClient 5's loggers to WARN when logback is the SLF4J binding:
   * without a configuration file logback logs DEBUG, and both libraries log at DEBUG per request
   * (HttpClient 5 every byte on the wire).
   */
  static void quietLogging() {
    for (String logger : new String[] {"org.eclipse.jetty", "org.apache.hc"}) {
      if (LoggerFactory.getLogger(logger) instanceof ch.qos.logback.classic.Logger l) {
        l.setLevel(ch.qos.logback.classic.Level.WARN);
      }
    }
  }
}
