package org.pitfallatlas.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The json family's data: a page of orders as a service holds it (the domain records) and as an API
 * sends it (a JSON document with more fields than any one consumer needs), generated
 * deterministically from a seed.
 */
final class Orders {

  /** The status the decoding pair's answer filters on (about one order in five has it). */
  static final String SHIPPED = "SHIPPED";

  private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
  private static final String[] CITIES = {"Lyon", "Porto", "Gdansk", "Turin", "Leeds", "Ghent"};
  private static final String[] TAGS = {"gift", "fragile", "promo", "bulk", "eco"};

  private Orders() {}

  /** One line of an order, as the domain holds it. */
  record Line(
      String sku, String name, int quantity, long priceCents, boolean taxable, List<String> tags) {}

  /** The customer of an order, as the domain holds it. */
  record Customer(long id, String name, String email, boolean vip) {}

  /** An order, as the domain holds it. */
  record Order(
      String id,
      String status,
      String createdAt,
      String currency,
      Customer customer,
      String city,
      List<Line> lines,
      String notes) {}

  /** The document an orders API returns: the page and its links around the orders. */
  record Page(int page, int pageSize, long totalItems, List<Order> orders, Links links) {}

  /** The page's navigation links: a field no consumer of the pairs here needs. */
  record Links(String self, String next) {}

  /** What the decoding pair computes: how many orders have the status, and their total. */
  record Summary(long orders, long totalCents) {}

  /**
   * Returns {@code count} orders generated from {@code seed}: the same seed gives the same orders.
   *
   * @throws IllegalArgumentException when {@code count} is negative
   */
  static List<Order> generate(int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    SplittableRandom random = new SplittableRandom(seed);
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    List<Order> orders = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int lineCount = 1 + random.nextInt(3);
      List<Line> lines = new ArrayList<>(lineCount);
      for (int j = 0; j < lineCount; j++) {
        int sku = 100_000 + random.nextInt(900_000);
        lines.add(
            new Line(
                "SKU-" + sku,
                "Item " + sku,
                1 + random.nextInt(9),
                99 + random.nextInt(50_000),
                random.nextBoolean(),
                random.nextInt(4) == 0 ? List.of(TAGS[random.nextInt(TAGS.length)]) : List.of()));
      }
      long customerId = 1 + random.nextInt(99_999);
      orders.add(
          new Order(
              String.format("ord-%08d", 1 + i),
              STATUSES[random.nextInt(STATUSES.length)],
              start.plusSeconds(random.nextInt(2_592_000)).toString(),
              "EUR",
              new Customer(
                  customerId,
                  "Customer " + customerId,
                  "c" + customerId + "@example.com",
                  random.nextInt(10) == 0),
              CITIES[random.nextInt(CITIES.length)],
              lines,
              random.nextInt(5) == 0 ? "leave at the door" : null));
    }
    return orders;
  }

  /** Returns the API document of {@code orders} (page 1 of a larger result) as UTF-8 JSON. */
  static byte[] document(List<Order> orders, ObjectMapper mapper) {
    Page page =
        new Page(
            1,
            orders.size(),
            orders.size() * 7L,
            orders,
            new Links("/orders?page=1", "/orders?page=2"));
    try {
      return mapper.writeValueAsBytes(page);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the orders document", e);
    }
  }

  /** The answer, computed from the domain records without JSON: what every decoder must return. */
  static Summary expected(List<Order> orders, String status) {
    long count = 0;
    long total = 0;
    for (Order order : orders) {
      if (order.status().equals(status)) {
        count++;
        for (Line line : order.lines()) {
          total += line.quantity() * line.priceCents();
        }
      }
    }
    return new Summary(count, total);
  }
}
