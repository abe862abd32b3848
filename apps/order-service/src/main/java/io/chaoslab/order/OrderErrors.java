package io.chaoslab.order;

import io.chaoslab.common.http.ApiException;

/** The order service's own error answers, with their stable codes. */
final class OrderErrors {
  private OrderErrors() {}

  static ApiException idempotencyKeyReused() {
    return new ApiException(
        422,
        "IDEMPOTENCY_KEY_REUSED",
        "this Idempotency-Key was already used for a different order request");
  }

  static ApiException orderNotFound(String id) {
    return ApiException.notFound("ORDER_NOT_FOUND", "no order with id '" + id + "'");
  }

  /** An earlier attempt with the same key holds the order id and is being undone. */
  static ApiException orderBeingReleased() {
    return new ApiException(
        503,
        "ORDER_IN_RECOVERY",
        "an earlier, unfinished attempt with this Idempotency-Key is being rolled back, try again"
            + " shortly");
  }

  /** The order could not be confirmed because another party finished its id first. */
  static ApiException orderInterrupted() {
    return new ApiException(
        503, "ORDER_INTERRUPTED", "the order could not be completed, try again shortly");
  }
}
