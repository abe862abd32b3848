package io.chaoslab.order;

import io.chaoslab.common.http.ApiException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The optional {@code Idempotency-Key} header: 1 to 128 printable ASCII characters. The order id is
 * derived from it, so every request carrying one key names the same order, and concurrent
 * duplicates share one reservation at inventory (which is idempotent on the order id).
 */
record IdempotencyKey(String value) {
  static final String HEADER = "Idempotency-Key";
  static final int MAX_LENGTH = 128;
  private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]+");

  /** The request's key; empty without the header, 400 when the header is malformed. */
  static Optional<IdempotencyKey> from(Context ctx) {
    String value = ctx.header(HEADER);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isEmpty()
        || value.length() > MAX_LENGTH
        || !PRINTABLE_ASCII.matcher(value).matches()) {
      throw ApiException.badRequest(
          HEADER + " must be 1 to " + MAX_LENGTH + " printable ASCII characters");
    }
    return Optional.of(new IdempotencyKey(value));
  }

  /** The id of the order this key stands for: the same for every request with this key. */
  String orderId() {
    return UUID.nameUUIDFromBytes(("order:" + value).getBytes(StandardCharsets.US_ASCII))
        .toString();
  }
}
