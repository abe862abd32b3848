package io.chaoslab.order;

import java.time.Instant;

/** An order as the API shows it. {@code notification} is {@code SENT} or {@code PENDING}. */
record OrderView(
    String orderId,
    String status,
    String notification,
    String productId,
    int quantity,
    String customerEmail,
    Instant createdAt) {

  static OrderView of(StoredOrder order, boolean notificationSent) {
    return new OrderView(
        order.id(),
        order.status().name(),
        notificationSent ? "SENT" : "PENDING",
        order.productId(),
        order.quantity(),
        order.customerEmail(),
        order.createdAt());
  }
}
