package io.chaoslab.order;

import io.chaoslab.common.http.JsonRequest;
import io.chaoslab.common.shop.OrderFields;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The body of {@code POST /orders}, validated strictly with the shop's shared field rules. */
record OrderRequest(String productId, int quantity, String customerEmail) {

  /** Reads and validates the body: 415 when it is not JSON, one 400 naming every problem. */
  static OrderRequest from(Context ctx) {
    JsonRequest body = JsonRequest.of(ctx);
    String productId = OrderFields.id(body, "productId");
    int quantity = OrderFields.quantity(body);
    String customerEmail = OrderFields.email(body, "customerEmail");
    body.validate();
    return new OrderRequest(productId, quantity, customerEmail);
  }

  /**
   * A digest of the validated fields: two requests with the same fields have the same hash however
   * their JSON was written, so a repeated Idempotency-Key can be told apart from a reused one.
   */
  String hash() {
    String normalized = productId + '\n' + quantity + '\n' + customerEmail;
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(normalized.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
