package io.chaoslab.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.common.http.ApiException;
import io.chaoslab.common.resilience.DependencyClient;
import java.util.Map;

/**
 * The inventory service as the order service needs it: reserving and releasing an order's stock,
 * both idempotent on the order id, so the client may retry them. Inventory's answers become the
 * order service's errors; when inventory cannot be reached the client throws a 503.
 */
final class Inventory {
  private final DependencyClient client;

  Inventory(DependencyClient client) {
    this.client = client;
  }

  /**
   * Reserves the order's stock (or finds it reserved already).
   *
   * @throws ApiException 404 {@code PRODUCT_NOT_FOUND}, 409 {@code INSUFFICIENT_STOCK}, 422 {@code
   *     IDEMPOTENCY_KEY_REUSED} when the order id reserved something else, 503 {@code
   *     INVENTORY_UNAVAILABLE}
   * @throws IllegalStateException when inventory refuses the request itself (a bug: answered 500)
   */
  void reserve(String orderId, OrderRequest request) {
    DependencyClient.Reply reply =
        client.send(
            "POST",
            "/reservations",
            Map.of(
                "orderId", orderId,
                "productId", request.productId(),
                "quantity", request.quantity()));
    String code = errorCode(reply);
    switch (reply.status()) {
      case 200, 201 -> {}
      case 404 -> {
        if (!"PRODUCT_NOT_FOUND".equals(code)) {
          throw unexpected("reservation", reply);
        }
        throw ApiException.notFound(
            "PRODUCT_NOT_FOUND", "no product with id '" + request.productId() + "'");
      }
      case 409 -> {
        if ("INSUFFICIENT_STOCK".equals(code)) {
          throw new ApiException(409, "INSUFFICIENT_STOCK", message(reply));
        }
        if ("RESERVATION_CONFLICT".equals(code)) {
          throw OrderErrors.idempotencyKeyReused();
        }
        throw unexpected("reservation", reply);
      }
      default -> throw unexpected("reservation", reply);
    }
  }

  /** Gives the order's stock back; a no-op when it has no reservation. */
  void release(String orderId) {
    DependencyClient.Reply reply = client.send("DELETE", "/reservations/" + orderId, null);
    if (reply.status() != 204 && reply.status() != 200) {
      throw unexpected("release", reply);
    }
  }

  private static String errorCode(DependencyClient.Reply reply) {
    JsonNode body = reply.body();
    return body != null && body.path("error").isTextual() ? body.get("error").asText() : null;
  }

  private static String message(DependencyClient.Reply reply) {
    JsonNode body = reply.body();
    return body != null && body.path("message").isTextual()
        ? body.get("message").asText()
        : "not enough stock";
  }

  private static IllegalStateException unexpected(String operation, DependencyClient.Reply reply) {
    return new IllegalStateException(
        "inventory answered %d to a %s: %s".formatted(reply.status(), operation, reply.body()));
  }
}
