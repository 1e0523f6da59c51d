package org.pitfallatlas.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
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
import org.pitfallatlas.json.Orders.Summary;

/*
 * JsonDecoding — decode a page of orders and compute one answer from it: untyped
 * (Map<String,Object>, Jackson's tree) vs typed records vs a hand-rolled streaming parser.
 *
 * The Go pitfall: json.Unmarshal into map[string]any (or interface{}) when you do not want to
 * declare types: every object becomes a map, every number a float64 in an interface, every value
 * a separate allocation, and the code reads it back with type assertions. The fix is a struct
 * with only the fields you need (encoding/json skips the rest), or json.Decoder's Token API.
 *
 * The JVM mechanism is the same in kind. readValue(bytes, Map.class) builds a LinkedHashMap per
 * JSON object (its entries, hashed keys), an ArrayList per array, a String per string value and
 * a boxed Integer/Long/Boolean per scalar — for every field, needed or not; readTree builds an
 * ObjectNode (a LinkedHashMap inside) per object and a TextNode/IntNode/BooleanNode per value.
 * Binding to records that declare only the needed fields, with unknown properties ignored, lets
 * the parser skip everything else: a skipped string is never decoded into a String (Jackson's
 * UTF-8 parser scans past it), a skipped object never becomes an object. A hand-rolled
 * JsonParser loop is the floor: no objects but the answer (field names come from the parser's
 * canonicalizing symbol table, the status is compared as characters, never made a String).
 *
 * The input (from @State, generated once per trial, deterministic): an orders API page, UTF-8
 * bytes: {page, pageSize, totalItems, orders: [...], links}; each order has id, status,
 * createdAt, currency, a customer object (id, name, email, vip), city, 1-3 lines (sku, name,
 * quantity, priceCents, taxable, tags) and notes (null or a string) — ~430 B per order. The
 * answer: the number of SHIPPED orders and the sum of quantity * priceCents over their lines;
 * JsonDecodingTest proves all four variants return the answer computed from the domain records.
 *   - pitfallMapAny: mapper.readValue(bytes, Map.class), then casts (List, Map, Number).
 *   - pitfallTreeModel: mapper.readTree(bytes), then JsonNode.path(...) walks.
 *   - fixRecords: an ObjectReader for PageIn, records with only the needed fields
 *     (@JsonIgnoreProperties(ignoreUnknown = true)). Records bind through their canonical
 *     constructor (a properties-based creator: values are buffered, then the constructor called);
 *     what a good engineer writes.
 *   - fixStreaming: JsonParser from the same factory, a loop over tokens, skipChildren() for
 *     everything the answer does not need; the fastest hand-rolled version.
 * Fair to every side: one shared ObjectMapper (built once; ObjectMapper per call is the pool
 * family's JsonEncoding pair, not repeated here), the ObjectReader resolved once, and every
 * variant run once in @Setup so Jackson's deserializer caches are warm before the first
 * measured call. Jackson's Afterburner/Blackbird modules are not on the classpath and are not
 * added: they speed up the property access of bean (de)serialization, which would help
 * fixRecords only, and plain databind is what most services run.
 *
 * @Param items: orders in the page, 10 / 100 / 1,000 — documents of 4,417 / 43,187 / 425,501
 * bytes (JsonDecodingTest checks the ranges). Expected shape: linear in items for all four
 * (each reads the whole document), the ratios roughly constant; at 1,000 the untyped variants'
 * garbage (megabytes per call) makes young collections part of their time.
 *
 * The claim under test: "map[string]any is slower and allocates more than a typed struct" (no
 * figure in the sources; the claims rows json-map-any and json-tree-model, at items = 100).
 *
 * How to read the result: time and B/op of pitfallMapAny and pitfallTreeModel against fixRecords
 * (the everyday fix) and fixStreaming (the floor). B/op is the clearer signal: the untyped
 * variants allocate ~6.4x the document's size (277-282 KB for 43 KB at 100 orders), fixRecords
 * ~1.2x (52 KB: its records, lists, status strings and the creator's property buffers),
 * fixStreaming ~1 KB whatever the size (the parser and its context). Time at the sweep's small
 * end is where the tree's and the map's per-call set-up shows least.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(10)
@State(Scope.Benchmark)
public class JsonDecoding {

  /** Orders in the page. */
  @Param({"10", "100", "1000"})
  public int items;

  /** The page as the fix binds it: only the orders. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record PageIn(List<OrderIn> orders) {}

  /** An order as the fix binds it: only its status and lines. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record OrderIn(String status, List<LineIn> lines) {}

  /** A line as the fix binds it: only quantity and price. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record LineIn(int quantity, long priceCents) {}

  private static final char[] SHIPPED = Orders.SHIPPED.toCharArray();

  ObjectMapper mapper;
  JsonFactory factory;
  ObjectReader pageReader;
  byte[] document;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    mapper = JsonMapper.builder().build();
    factory = mapper.getFactory();
    pageReader = mapper.readerFor(PageIn.class);
    document = Orders.document(Orders.generate(items, 42), mapper);
    // Warm Jackson's caches (deserializers for Map, JsonNode and PageIn) before measuring.
    pitfallMapAny();
    pitfallTreeModel();
    fixRecords();
    fixStreaming();
  }

  @Benchmark
  @SuppressWarnings("unchecked")
  public Summary pitfallMapAny() throws IOException {
    Map<String, Object> page = mapper.readValue(document, Map.class);
    long count = 0;
    long total = 0;
    for (Object o : (List<Object>) page.get("orders")) {
      Map<String, Object> order = (Map<String, Object>) o;
      if (Orders.SHIPPED.equals(order.get("status"))) {
        count++;
        for (Object l : (List<Object>) order.get("lines")) {
          Map<String, Object> line = (Map<String, Object>) l;
          total +=
              ((Number) line.get("quantity")).longValue()
                  * ((Number) line.get("priceCents")).longValue();
        }
      }
    }
    return new Summary(count, total);
  }

  @Benchmark
  public Summary pitfallTreeModel() throws IOException {
    JsonNode page = mapper.readTree(document);
    long count = 0;
    long total = 0;
    for (JsonNode order : page.path("orders")) {
      if (Orders.SHIPPED.equals(order.path("status").asText())) {
        count++;
        for (JsonNode line : order.path("lines")) {
          total += line.path("quantity").asLong() * line.path("priceCents").asLong();
        }
      }
    }
    return new Summary(count, total);
  }

  @Benchmark
  public Summary fixRecords() throws IOException {
    PageIn page = pageReader.readValue(document);
    long count = 0;
    long total = 0;
    for (OrderIn order : page.orders()) {
      if (Orders.SHIPPED.equals(order.status())) {
        count++;
        for (LineIn line : order.lines()) {
          total += (long) line.quantity() * line.priceCents();
        }
      }
    }
    return new Summary(count, total);
  }

  @Benchmark
  public Summary fixStreaming() throws IOException {
    return summarize(factory, document);
  }

  /**
   * Computes the answer from {@code json} with a token loop: the orders array of the top-level
   * object, each order's status and lines; everything else is skipped unread.
   *
   * @throws JsonParseException when the document is not an object, or its orders are not an array
   *     of objects (the message names the token found and where)
   */
  static Summary summarize(JsonFactory factory, byte[] json) throws IOException {
    long count = 0;
    long total = 0;
    try (JsonParser p = factory.createParser(json)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "the page");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("orders")) {
          p.skipChildren();
          continue;
        }
        expect(p, value, JsonToken.START_ARRAY, "\"orders\"");
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          expect(p, t, JsonToken.START_OBJECT, "an order");
          // Lines are summed unless the status, when it comes first, already rules the order out.
          int status = 0; // 0 not seen, 1 matches, -1 does not
          long orderTotal = 0;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("status")) {
              status = v == JsonToken.VALUE_STRING && isShipped(p) ? 1 : -1;
            } else if (name.equals("lines") && status >= 0) {
              expect(p, v, JsonToken.START_ARRAY, "\"lines\"");
              orderTotal = sumLines(p);
            } else {
              p.skipChildren();
            }
          }
          if (status == 1) {
            count++;
            total += orderTotal;
          }
        }
      }
    }
    return new Summary(count, total);
  }

  private static long sumLines(JsonParser p) throws IOException {
    long total = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      expect(p, t, JsonToken.START_OBJECT, "a line");
      long quantity = 0;
      long price = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("quantity")) {
          quantity = p.getLongValue();
        } else if (name.equals("priceCents")) {
          price = p.getLongValue();
        } else {
          p.skipChildren();
        }
      }
      total += quantity * price;
    }
    return total;
  }

  /** Compares the current string value with SHIPPED without making it a String. */
  private static boolean isShipped(JsonParser p) throws IOException {
    if (p.getTextLength() != SHIPPED.length) {
      return false;
    }
    char[] text = p.getTextCharacters();
    int offset = p.getTextOffset();
    for (int i = 0; i < SHIPPED.length; i++) {
      if (text[offset + i] != SHIPPED[i]) {
        return false;
      }
    }
    return true;
  }

  private static void expect(JsonParser p, JsonToken found, JsonToken wanted, String what)
      throws JsonParseException {
    if (found != wanted) {
      throw new JsonParseException(
          p,
          "expected "
              + what
              + " to be "
              + wanted.asString()
              + " but found "
              + (found == null ? "the end of the input" : found.toString())
              + ": the input must be an orders page {\"orders\": [{\"status\": ..., \"lines\":"
              + " [{\"quantity\": ..., \"priceCents\": ...}]}]}");
    }
  }
}

/*
 * How to run / what you should see:
 *
 *   java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -jar benchmarks/target/benchmarks.jar 'json.JsonDecoding' -prof gc
 *
 * By hand, items = 100 only, on the shared 2-core VM at load average ~11 (other benchmarks
 * running: the times are noise, -f 1 -wi 4 -w 300ms -i 4 -r 300ms -prof gc, JDK 25). B/op is
 * stable to a few bytes; read time from the reference run:
 *
 *   Benchmark                                       (items)  Mode  Cnt       Score   Units
 *   JsonDecoding.pitfallMapAny:gc.alloc.rate.norm       100  avgt    4  277463.457    B/op
 *   JsonDecoding.pitfallTreeModel:gc.alloc.rate.norm    100  avgt    4  281994.347    B/op
 *   JsonDecoding.fixRecords:gc.alloc.rate.norm          100  avgt    4   52496.207    B/op  <- -81%
 *   JsonDecoding.fixStreaming:gc.alloc.rate.norm        100  avgt    4     995.194    B/op
 *   JsonDecoding.pitfallMapAny                          100  avgt    4     248.841   us/op  (+-563)
 *   JsonDecoding.pitfallTreeModel                       100  avgt    4     482.028   us/op  (+-797)
 *   JsonDecoding.fixRecords                             100  avgt    4     219.616   us/op  (+-641)
 *   JsonDecoding.fixStreaming                           100  avgt    4     141.870   us/op  (+-197)
 */
