package io.chaoslab.inventory;

import io.chaoslab.common.http.ApiException;

/** The inventory's error answers, with their stable codes. */
final class InventoryErrors {
  private InventoryErrors() {}

  static ApiException productNotFound(String productId) {
    return ApiException.notFound("PRODUCT_NOT_FOUND", "no product with id '" + productId + "'");
  }

  static ApiException reservationNotFound(String orderId) {
    return ApiException.notFound(
        "RESERVATION_NOT_FOUND", "no reservation for order '" + orderId + "'");
  }

  static ApiException insufficientStock(String productId, int available, int requested) {
    return new ApiException(
        409,
        "INSUFFICIENT_STOCK",
        "only %d of product '%s' available, %d requested"
            .formatted(available, productId, requested));
  }

  static ApiException reservationConflict(String orderId, Reservation existing) {
    return new ApiException(
        409,
        "RESERVATION_CONFLICT",
        "order '%s' already reserved %d of product '%s'; a reservation cannot be changed"
            .formatted(orderId, existing.quantity(), existing.productId()));
  }
}
