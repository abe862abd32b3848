package io.chaoslab.order;

/**
 * The body of {@code POST /notifications} telling the customer the order is confirmed. Its {@code
 * id} is the order id, so the notification service drops repeated deliveries.
 */
record Notification(String id, String orderId, String customerEmail, String message) {

  static Notification orderConfirmed(String orderId, OrderRequest request) {
    return new Notification(
        orderId,
        orderId,
        request.customerEmail(),
        "Your order %s is confirmed: %d × %s."
            .formatted(orderId, request.quantity(), request.productId()));
  }
}
