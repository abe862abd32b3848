package io.chaoslab.inventory;

import java.time.OffsetDateTime;

/**
 * A reservation as the API shows it. {@code available} is the product's available stock when the
 * answer was made (right after the reservation for a new one).
 */
public record Reservation(
    String orderId, String productId, int quantity, int available, OffsetDateTime createdAt) {

  /** True when {@code request} asks for exactly this reservation (a retry). */
  boolean matches(ReservationRequest request) {
    return productId.equals(request.productId()) && quantity == request.quantity();
  }
}
