package io.chaoslab.inventory;

import io.chaoslab.common.http.JsonRequest;
import io.chaoslab.common.shop.OrderFields;

/** The body of {@code POST /reservations}, validated like the order service validates orders. */
public record ReservationRequest(String orderId, String productId, int quantity) {

  /** Reads and validates the body; every problem is reported in one 400. */
  static ReservationRequest from(JsonRequest body) {
    String orderId = OrderFields.id(body, "orderId");
    String productId = OrderFields.id(body, "productId");
    int quantity = OrderFields.quantity(body);
    body.validate();
    return new ReservationRequest(orderId, productId, quantity);
  }
}
