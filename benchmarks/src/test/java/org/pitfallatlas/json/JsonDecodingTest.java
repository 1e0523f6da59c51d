package org.pitfallatlas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.pitfallatlas.json.Orders.Summary;
import org.pitfallatlas.suite.ParamValues;

class JsonDecodingTest {

  @ParameterizedTest
  @ParamValues(of = JsonDecoding.class, field = "items")
  void everyVariantComputesTheAnswerOfTheDomainRecords(int items) throws Exception {
    JsonDecoding bench = bench(items);
    Summary expected = Orders.expected(Orders.generate(items, 42), Orders.SHIPPED);
    // Not a trivial answer: some orders are shipped and some are not.
    assertThat(expected.orders()).isPositive().isLessThan(items);
    assertThat(expected.totalCents()).isPositive();

    assertThat(bench.pitfallMapAny()).isEqualTo(expected);
    assertThat(bench.pitfallTreeModel()).isEqualTo(expected);
    assertThat(bench.fixRecords()).isEqualTo(expected);
    assertThat(bench.fixStreaming()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ParamValues(of = JsonDecoding.class, field = "items")
  void theDocumentHasTheSizeTheHeaderStatesAndFieldsTheAnswerDoesNotNeed(int items)
      throws Exception {
    JsonDecoding bench = bench(items);
    // ~430 B per order (the class header gives the exact sizes of the seed-42 documents).
    assertThat(bench.document.length).isBetween(400 * items, 460 * items + 200);
    JsonNode page = new ObjectMapper().readTree(bench.document);
    assertThat(page.path("orders")).hasSize(items);
    JsonNode order = page.path("orders").get(0);
    assertThat(order.has("customer") && order.has("createdAt") && order.has("city")).isTrue();
    assertThat(order.path("lines").get(0).has("name")).isTrue();
    assertThat(page.has("links")).isTrue();
  }

  @Test
  void theStreamingParserFindsOrdersWhereverTheyAreAndWhateverTheFieldOrder() throws Exception {
    String json =
        """
        {"links": {"next": "/x"}, "orders": [
          {"lines": [{"priceCents": 5, "quantity": 3, "name": "a"}], "status": "SHIPPED"},
          {"status": "NEW", "lines": [{"quantity": 100, "priceCents": 100}]},
          {"lines": [{"quantity": 100, "priceCents": 100}], "status": "SHIPPEDX"},
          {"status": "SHIPPED", "x": [1, {"y": 2}], "lines": [{"quantity": 2, "priceCents": 7}]}
        ], "page": 1}
        """;
    assertThat(JsonDecoding.summarize(new ObjectMapper().getFactory(), bytes(json)))
        .isEqualTo(new Summary(2, 3 * 5 + 2 * 7));
  }

  @Test
  void aDocumentThatIsNotAnOrdersPageIsRejectedWithWhatWasExpected() {
    var factory = new ObjectMapper().getFactory();
    assertThatThrownBy(() -> JsonDecoding.summarize(factory, bytes("[1, 2]")))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("expected the page to be {")
        .hasMessageContaining("found START_ARRAY");
    assertThatThrownBy(() -> JsonDecoding.summarize(factory, bytes("{\"orders\": {}}")))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("expected \"orders\" to be [");
    assertThatThrownBy(() -> JsonDecoding.summarize(factory, bytes("")))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("found the end of the input");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonDecoding bench(int items) throws Exception {
    JsonDecoding bench = new JsonDecoding();
    bench.items = items;
    bench.setup();
    return bench;
  }
}
