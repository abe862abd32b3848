package io.chaoslab.order;

import java.time.Instant;

/** An order row as stored, with whether its notification was delivered. */
record StoredOrder(
    String id,
    String requestHash,
    String productId,
    int quantity,
    String customerEmail,
    OrderStatus status,
    Instant createdAt,
    boolean notified) {

  StoredOrder withNotified() {
    return new StoredOrder(
        id, requestHash, productId, quantity, customerEmail, status, createdAt, true);
  }

  OrderView view() {
    return OrderView.of(this, notified);
  }

  OrderView view(boolean notificationSent) {
    return OrderView.of(this, notificationSent);
  }
}
