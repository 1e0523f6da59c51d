package org.pitfallatlas.pool;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/*
 * JSON encoding: reusing the expensive object and the buffers behind it.
 *
 * The Go pitfall: encoding/json allocates a fresh bytes.Buffer per Marshal; services put the
 * buffers in a sync.Pool and report large savings in bytes per operation. Jackson already pools
 * its encoding buffers: each JsonFactory has a RecyclerPool of BufferRecyclers (in 2.18 the
 * default is a per-thread pool) that lends the generator its 8,000 B output buffer and the
 * ByteArrayBuilder its first block. The JVM's sharper trap is one level up: an ObjectMapper is an
 * expensive object (a factory, configs, serializer caches built by reflection on first use), and
 * one created per call throws all of that away and rebuilds it per request.
 *
 * The pairs, each serializing the same Order record (from @State) to a byte[]:
 *   - pitfallMapperPerCall: new ObjectMapper() per call: the expensive object is not reused.
 *   - pitfallNoBufferPool: a shared mapper whose JsonFactory uses
 *     JsonRecyclerPools.nonRecyclingPool(): the encoding buffers are allocated per call, which is
 *     what Go's encoding/json does without a sync.Pool.
 *   - fixSharedMapper: one shared ObjectMapper with Jackson's default buffer pool.
 *   - fixSharedWriter: one shared ObjectWriter for Order, the serializer resolved once up front.
 * The pairing engine compares both pitfalls with both fixes; pitfallNoBufferPool vs
 * fixSharedMapper is the Go claim's buffer pool, pitfallMapperPerCall vs fixSharedMapper the
 * expensive-object trap. JsonEncodingTest proves all four produce identical bytes, and that a
 * recycled buffer never leaks bytes of a previous, longer document into the next one.
 *
 * @Param lines: the number of order lines, 1 (a ~100 B document: the buffer pool saves most of
 * what is allocated) and 64 (a ~4 KB document: the output itself dominates the bytes).
 *
 * The claim under test (ATLAS.md): "Buffer pool for JSON encoding: -60% bytes per operation; for
 * small objects a pool can cost more than it saves." (BufferReuse tests the small-object half.)
 *
 * How to read the result:
 *   - B/op: pitfallNoBufferPool vs fixSharedMapper is the buffer pool's saving; expect far more
 *     than -60% for the small document (the pooled 8,000 B buffer dwarfs a 100 B result) and
 *     less for the large one. pitfallMapperPerCall allocates tens of KB per call.
 *   - Time: pitfallMapperPerCall is two to three orders of magnitude slower than the fixes at
 *     1 line and still far slower at 64 (the per-call setup is a constant); fixSharedWriter ~ fixSharedMapper (the mapper caches the serializer too).
 *   - Shape: fixes grow linearly with lines; pitfallMapperPerCall has a large constant term.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class JsonEncoding {

  /** One line of an order. */
  public record Line(String sku, int quantity, long priceCents) {}

  /** A small business document, the kind a service encodes per request. */
  public record Order(long id, String customer, String currency, List<Line> lines) {}

  @Param({"1", "64"})
  int lines;

  Order order;
  ObjectMapper sharedMapper;
  ObjectWriter sharedWriter;
  ObjectMapper noBufferPoolMapper;

  @Setup(Level.Trial)
  public void setup() {
    order = order(lines, 42);
    sharedMapper = new ObjectMapper();
    sharedWriter = sharedMapper.writerFor(Order.class);
    noBufferPoolMapper =
        new ObjectMapper(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build());
  }

  static Order order(int lineCount, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Line> items = new ArrayList<>(lineCount);
    for (int i = 0; i < lineCount; i++) {
      items.add(
          new Line(
              "SKU-" + (100_000 + random.nextInt(900_000)),
              1 + random.nextInt(20),
              random.nextLong(100, 1_000_000)));
    }
    return new Order(random.nextLong(1, Long.MAX_VALUE), "customer-" + seed, "EUR", items);
  }

  @Benchmark
  public byte[] pitfallMapperPerCall() throws JsonProcessingException {
    return new ObjectMapper().writeValueAsBytes(order);
  }

  @Benchmark
  public byte[] pitfallNoBufferPool() throws JsonProcessingException {
    return noBufferPoolMapper.writeValueAsBytes(order);
  }

  @Benchmark
  public byte[] fixSharedMapper() throws JsonProcessingException {
    return sharedMapper.writeValueAsBytes(order);
  }

  @Benchmark
  public byte[] fixSharedWriter() throws JsonProcessingException {
    return sharedWriter.writeValueAsBytes(order);
  }
}
/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'pool.JsonEncoding' -prof gc
 *
 * Tiny-budget excerpt (-f 1 -wi 3 -i 5 -w 400ms -r 400ms -prof gc, JDK 25, 2-core KVM guest
 * shared with other jobs at load average ~9: times are noisy, B/op is stable):
 *
 *   Benchmark                                          (lines)       Score        Error  Units
 *   JsonEncoding.pitfallMapperPerCall                        1  224873.148 ± 606802.595  ns/op  <- ~600x the shared mapper
 *   JsonEncoding.pitfallMapperPerCall:gc.alloc.rate.norm     1   37759.920 ±   1321.285   B/op
 *   JsonEncoding.pitfallNoBufferPool:gc.alloc.rate.norm      1   18896.118 ±      0.278   B/op
 *   JsonEncoding.fixSharedMapper                             1     366.543 ±    316.045  ns/op
 *   JsonEncoding.fixSharedMapper:gc.alloc.rate.norm          1     728.006 ±      0.005   B/op  <- -96% vs no buffer pool
 *   JsonEncoding.pitfallNoBufferPool:gc.alloc.rate.norm     64   26418.043 ±     15.005   B/op
 *   JsonEncoding.fixSharedMapper:gc.alloc.rate.norm         64   10264.137 ±      0.078   B/op  <- -61%: Go's figure
 */
