package org.pitfallatlas.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.json.Orders.Line;
import org.pitfallatlas.json.Orders.Order;
import org.pitfallatlas.suite.ParamValues;

class IntermediateStructsTest {

  @ParameterizedTest
  @ParamValues(of = IntermediateStructs.class, field = "items")
  void everyVariantWritesTheSameBytes(int items) throws Exception {
    IntermediateStructs bench = bench(items);
    byte[] expected = bench.fixGenerator();

    assertThat(bench.pitfallMapPerItem()).isEqualTo(expected);
    assertThat(bench.pitfallDtoCopy()).isEqualTo(expected);
    assertThat(bench.fixSerializer()).isEqualTo(expected);
    // Twice: a recycled buffer must not carry bytes of the previous call.
    assertThat(bench.fixGenerator()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ParamValues(of = IntermediateStructs.class, field = "items")
  void theResponseIsTheDomainInTheApisShape(int items) throws Exception {
    IntermediateStructs bench = bench(items);
    byte[] bytes = bench.fixGenerator();
    // ~210 B per order (the class header gives the exact sizes of the seed-42 responses).
    assertThat(bytes.length).isBetween(190 * items, 230 * items + 50);
    JsonNode page = new ObjectMapper().readTree(bytes);
    assertThat(page.path("count").asInt()).isEqualTo(items);
    assertThat(page.path("orders")).hasSize(items);
    for (int i = 0; i < items; i++) {
      Order order = bench.orders.get(i);
      JsonNode o = page.path("orders").get(i);
      assertThat(o.path("id").asText()).isEqualTo(order.id());
      assertThat(o.path("customer").asText()).isEqualTo(order.customer().name());
      long total = 0;
      for (int j = 0; j < order.lines().size(); j++) {
        Line line = order.lines().get(j);
        JsonNode l = o.path("lines").get(j);
        assertThat(l.path("sku").asText()).isEqualTo(line.sku());
        assertThat(l.path("amountCents").asLong()).isEqualTo(line.quantity() * line.priceCents());
        assertThat(l.has("name")).isFalse();
        total += line.quantity() * line.priceCents();
      }
      assertThat(o.path("totalCents").asLong()).isEqualTo(total);
      assertThat(o.has("createdAt") || o.has("notes")).isFalse();
    }
  }

  private static IntermediateStructs bench(int items) throws Exception {
    IntermediateStructs bench = new IntermediateStructs();
    bench.items = items;
    bench.setup();
    return bench;
  }
}
