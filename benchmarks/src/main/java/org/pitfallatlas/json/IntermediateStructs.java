package org.pitfallatlas.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.pitfallatlas.json.Orders.Line;
import org.pitfallatlas.json.Orders.Order;

/*
 * IntermediateStructs — encode an API response from domain records: through temporary objects
 * built only to be serialized (a map per item, or a response DTO copied per item) vs writing the
 * domain records in the response's shape directly.
 *
 * The Go pitfall ("temporary structs"): to shape a response, a handler builds a map[string]any
 * per item, or copies each domain struct into a response struct, then json.Marshal's the lot:
 * every item is allocated twice (the domain value and its temporary copy), and a map per item
 * also boxes every value into an interface. The fix is to encode from the domain values directly
 * (a MarshalJSON method, or an encoder writing tokens).
 *
 * The JVM's version. The response is a reshaping of the domain, as APIs usually are: per order
 * its id, status, the customer's name (flattened out of the Customer object), its lines (sku,
 * quantity, and a derived amountCents = quantity * priceCents) and a derived totalCents; createdAt,
 * currency, city, notes, the customer's id/email/vip and each line's name/taxable/tags stay
 * internal. Something has to do the reshaping:
 *   - pitfallMapPerItem: a LinkedHashMap per order and per line (boxed Long/Integer values),
 *     serialized as Map<String,Object>: the serializer looks up each value's class at runtime.
 *   - pitfallDtoCopy: copy each order and line into response records (OrderView, LineView) — the
 *     entity -> DTO mapping most services write (by hand or with MapStruct) — then an ObjectWriter
 *     for PageView, resolved once, serializes them (BeanSerializer over the record components).
 *   - fixSerializer: no copies: a StdSerializer<Order> registered in a module on the shared
 *     mapper writes each domain Order in the response's shape; an ObjectWriter for OrdersPage
 *     (the count and the domain list) serializes the page. Databind stays, the temporaries go.
 *   - fixGenerator: the same writing code driven by a JsonGenerator from the shared factory,
 *     into a ByteArrayBuilder backed by the factory's recycled buffers (what writeValueAsBytes
 *     itself does): no databind at all, the floor.
 * All four produce byte-for-byte the same document (IntermediateStructsTest). One shared mapper
 * for all of them, every writer resolved once, every variant run once in @Setup so the
 * serializer caches are warm; ObjectMapper per call is the pool family's JsonEncoding pair.
 *
 * @Param items: orders in the response, 10 / 100 / 1,000 (responses of 2,145 / 21,108 / 207,764
 * bytes; IntermediateStructsTest checks the ranges). Expected shape: linear in items for all
 * four, ratios roughly constant.
 *
 * The claim under test: "temporary structs built only to be marshalled cost allocations and
 * time" (no figure in the sources; claims rows json-temporary-structs at items = 100, and
 * json-map-response for the map per item).
 *
 * How to read the result: pitfallDtoCopy vs fixSerializer is the cost of the temporary copies
 * alone (both go through databind); pitfallMapPerItem vs fixSerializer adds boxing and dynamic
 * lookup; fixGenerator vs fixSerializer is what databind itself costs. A young object that dies
 * within the call is cheap on the JVM (a TLAB bump, and a young collection copies only what is
 * live), so the DTO copy may cost little time even where its B/op shows. Every variant pays a
 * floor of ~2x the response's size (42.3 KB for a 21 KB response at 100 orders: the
 * ByteArrayBuilder's block and the toByteArray() copy); the DTO copies add ~20 KB on top of it,
 * the maps ~106 KB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class IntermediateStructs {

  /** Orders in the response. */
  @Param({"10", "100", "1000"})
  public int items;

  /** A line of the response: the temporary copy pitfallDtoCopy makes. */
  record LineView(String sku, int quantity, long amountCents) {}

  /** An order of the response: the temporary copy pitfallDtoCopy makes. */
  record OrderView(
      String id, String status, String customer, List<LineView> lines, long totalCents) {}

  /** The response of pitfallDtoCopy. */
  record PageView(int count, List<OrderView> orders) {}

  /** The response of fixSerializer: the domain orders themselves, written by OrderSerializer. */
  record OrdersPage(int count, List<Order> orders) {}

  /** Writes a domain Order in the response's shape: the fix's MarshalJSON. */
  static final class OrderSerializer extends StdSerializer<Order> {
    OrderSerializer() {
      super(Order.class);
    }

    @Override
    public void serialize(Order order, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      writeOrder(order, g);
    }
  }

  List<Order> orders;
  ObjectMapper mapper;
  JsonFactory factory;
  ObjectWriter viewWriter;
  ObjectWriter pageWriter;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    mapper =
        JsonMapper.builder()
            .addModule(new SimpleModule("orders-api").addSerializer(new OrderSerializer()))
            .build();
    factory = mapper.getFactory();
    viewWriter = mapper.writerFor(PageView.class);
    pageWriter = mapper.writerFor(OrdersPage.class);
    orders = Orders.generate(items, 42);
    // Warm Jackson's serializer caches before measuring.
    pitfallMapPerItem();
    pitfallDtoCopy();
    fixSerializer();
    fixGenerator();
  }

  @Benchmark
  public byte[] pitfallMapPerItem() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>(orders.size());
    for (Order order : orders) {
      List<Map<String, Object>> lines = new ArrayList<>(order.lines().size());
      long total = 0;
      for (Line line : order.lines()) {
        long amount = line.quantity() * line.priceCents();
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("sku", line.sku());
        l.put("quantity", line.quantity());
        l.put("amountCents", amount);
        lines.add(l);
        total += amount;
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", order.id());
      o.put("status", order.status());
      o.put("customer", order.customer().name());
      o.put("lines", lines);
      o.put("totalCents", total);
      out.add(o);
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("count", out.size());
    page.put("orders", out);
    return mapper.writeValueAsBytes(page);
  }

  @Benchmark
  public byte[] pitfallDtoCopy() throws IOException {
    List<OrderView> out = new ArrayList<>(orders.size());
    for (Order order : orders) {
      List<LineView> lines = new ArrayList<>(order.lines().size());
      long total = 0;
      for (Line line : order.lines()) {
        long amount = line.quantity() * line.priceCents();
        lines.add(new LineView(line.sku(), line.quantity(), amount));
        total += amount;
      }
      out.add(new OrderView(order.id(), order.status(), order.customer().name(), lines, total));
    }
    return viewWriter.writeValueAsBytes(new PageView(out.size(), out));
  }

  @Benchmark
  public byte[] fixSerializer() throws IOException {
    return pageWriter.writeValueAsBytes(new OrdersPage(orders.size(), orders));
  }

  @Benchmark
  public byte[] fixGenerator() throws IOException {
    // As ObjectMapper.writeValueAsBytes does it: the factory's pooled buffers behind the output.
    BufferRecycler recycler = factory._getBufferRecycler();
    try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
      try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeNumberField("count", orders.size());
        g.writeArrayFieldStart("orders");
        for (Order order : orders) {
          writeOrder(order, g);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      byte[] bytes = out.toByteArray();
      out.release();
      return bytes;
    } finally {
      recycler.releaseToPool();
    }
  }

  /** Writes one order in the response's shape, straight from the domain record. */
  static void writeOrder(Order order, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", order.id());
    g.writeStringField("status", order.status());
    g.writeStringField("customer", order.customer().name());
    g.writeArrayFieldStart("lines");
    long total = 0;
    for (Line line : order.lines()) {
      long amount = line.quantity() * line.priceCents();
      g.writeStartObject();
      g.writeStringField("sku", line.sku());
      g.writeNumberField("quantity", line.quantity());
      g.writeNumberField("amountCents", amount);
      g.writeEndObject();
      total += amount;
    }
    g.writeEndArray();
    g.writeNumberField("totalCents", total);
    g.writeEndObject();
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'json.IntermediateStructs' -prof gc
 *
 * By hand, items = 100 only, on the shared 2-core VM at load average ~11 (other benchmarks
 * running: the times are noise, -f 1 -wi 4 -w 300ms -i 4 -r 300ms -prof gc, JDK 25). B/op is
 * stable to a few bytes; read time from the reference run:
 *
 *   Benchmark                                                (items)  Mode  Cnt       Score  Units
 *   IntermediateStructs.pitfallMapPerItem:gc.alloc.rate.norm     100  avgt    4  148398.826   B/op
 *   IntermediateStructs.pitfallDtoCopy:gc.alloc.rate.norm        100  avgt    4   62627.017   B/op
 *   IntermediateStructs.fixSerializer:gc.alloc.rate.norm         100  avgt    4   42362.872   B/op  <- -32% vs the DTOs
 *   IntermediateStructs.fixGenerator:gc.alloc.rate.norm          100  avgt    4   42328.490   B/op
 *   IntermediateStructs.pitfallMapPerItem                        100  avgt    4     231.346  us/op  (+-739)
 *   IntermediateStructs.pitfallDtoCopy                           100  avgt    4     123.107  us/op  (+-107)
 *   IntermediateStructs.fixSerializer                            100  avgt    4     100.133  us/op  (+-217)
 *   IntermediateStructs.fixGenerator                             100  avgt    4     331.051  us/op  (+-325)
 */
