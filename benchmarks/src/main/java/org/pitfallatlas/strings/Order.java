package org.pitfallatlas.strings;

/**
 * An Order is the domain object {@link DebugLogging} logs. Its {@link #toString()} is the
 * "expensive log field": it renders every line item, as a debug summary does in real services.
 */
final class Order {

  private final long id;
  private final String customer;
  private final String[] skus;
  private final int[] quantities;

  Order(long id, String customer, String[] skus, int[] quantities) {
    if (skus.length != quantities.length) {
      throw new IllegalArgumentException("one quantity per sku");
    }
    this.id = id;
    this.customer = customer;
    this.skus = skus.clone();
    this.quantities = quantities.clone();
  }

  /** A sample order with {@code lines} line items, the same on every call. */
  static Order sample(int lines) {
    String[] skus = new String[lines];
    int[] quantities = new int[lines];
    for (int i = 0; i < lines; i++) {
      skus[i] = "sku-" + (1000 + i * 37);
      quantities[i] = 1 + (i * 7) % 5;
    }
    return new Order(4_711_000L, "ACME Corp.", skus, quantities);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Order{id=").append(id);
    sb.append(", customer=").append(customer).append(", lines=[");
    for (int i = 0; i < skus.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(quantities[i]).append('x').append(skus[i]);
    }
    return sb.append("]}").toString();
  }
}
