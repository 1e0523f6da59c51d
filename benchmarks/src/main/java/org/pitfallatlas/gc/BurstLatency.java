package org.pitfallatlas.gc;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Bursty allocation: what each collector does to the tail when allocation jumps for a while.
 *
 * The sources' "bursty load": a service allocating at a steady rate gets a phase where allocation
 * jumps (a batch job, a cache refill, a traffic mix with big payloads). Go's pacer then starts
 * cycles early and, under GOMEMLIMIT, may collect continuously; the question is what the JVM's
 * collectors do to the requests during the burst and after it.
 *
 * The load. The ServiceLatency request, open-loop at a fixed rate (OpenLoopService), in every
 * window but one: measurement window number BURST_WINDOW (1-based) serves the same requests at the
 * same rate with burstFactor x garbageKiB of short-lived buffers each (10 x 64 KiB) -- allocation
 * jumps 10x for one window (the budget's iteration time: 0.5 s in the quick budget, 2 s in full),
 * then returns to the steady rate. The log marks that window "burst"; the report puts the burst
 * window's latencies beside the other measured windows' (which include the recovery after it) and
 * the GC pauses inside each.
 *
 * Why load 0.25. The burst makes each request do 10x the buffer work, so at a high rate the burst
 * would saturate the CPU and the tail would be queueing behind the work, not the collector. At a
 * quarter of the slowest configuration's capacity the faster configurations stay below one core
 * during the burst; one that does not keep up shows as queueing in the burst window (or saturated),
 * which is itself what that collector does with a burst on 2 cores.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(3)
@State(Scope.Benchmark)
public class BurstLatency extends OpenLoopService {

  /** The measurement window (1-based) that carries the burst. */
  static final int BURST_WINDOW = 2;

  /** Size of the live set, in MiB. */
  @Param({"128"})
  int liveSetMiB;

  /** Short-lived garbage per request outside the burst, in KiB. */
  @Param({"64"})
  int garbageKiB;

  /** The offered load as a share of the capacity. */
  @Param({"0.25"})
  double load;

  /** How many times more garbage each request allocates during the burst window. */
  @Param({"10"})
  int burstFactor;

  int measured;
  boolean burst;

  @Override
  void startIteration(boolean warmup) {
    if (!warmup) {
      measured++;
    }
    burst = !warmup && measured == BURST_WINDOW;
    super.startIteration(warmup);
  }

  @Override
  String phase() {
    return burst ? " burst" : "";
  }

  @Benchmark
  public long openLoop() {
    int kib = burst ? garbageKiB * burstFactor : garbageKiB;
    return serveWindow(() -> service.serve(kib));
  }
}

/*
 * How to run / what you should see.
 *
 *   java -jar benchmarks/target/benchmarks.jar 'BurstLatency' -f 1 -wi 2 -i 4 \
 *     -jvmArgsAppend "-XX:+UseZGC -Xms256m -Xmx256m -XX:+AlwaysPreTouch \
 *       -Datlas.capacity=8000 -Datlas.latency.log=/tmp/burst-%p.hlog"
 *
 * The second measurement window is the burst. Reference run 20261201T015907Z (2 cores, JDK 25.0.3,
 * 3 forks, 2,308 requests/s), p99 of the other measured windows -> the burst window, and the share of
 * the window the GC paused the service:
 *
 *   g1-2x                 1.56 ms -> 8.71 ms    pauses 0.5% -> 6.4%
 *   parallel-4x           0.078 ms -> 8.44 ms   pauses 0.3% -> 8.7% (longest 11.8 ms)
 *   zgc-2x                0.085 ms -> 0.34 ms   pauses stay < 0.1 ms
 *   container-ergonomics  30.7 ms -> 14.2 ms    (Serial, 1 CPU: its tail is mostly not GC -- stalls
 *                         of 20-85 ms every window and CFS throttling; see the gc notebook)
 */
