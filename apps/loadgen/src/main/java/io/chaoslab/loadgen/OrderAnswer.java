package io.chaoslab.loadgen;

import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * What the order service answered to one {@code POST /orders}: an HTTP status with, for 200 and
 * 201, the order's id and quantity and, for errors, the error code; or no answer at all ({@link
 * #NO_ANSWER}, with the exception's name in {@code failure}).
 */
record OrderAnswer(int status, String orderId, int quantity, String errorCode, String failure) {
  static final int NO_ANSWER = 0;

  /**
   * 503 codes with which the order service says the order was not placed. Every other 5xx (and a
   * 503 DATABASE_UNAVAILABLE, which may come from a failed commit) leaves the outcome open.
   */
  private static final Set<String> NOT_PLACED =
      Set.of("INVENTORY_UNAVAILABLE", "ORDER_IN_RECOVERY", "ORDER_INTERRUPTED");

  static OrderAnswer failed(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return new OrderAnswer(NO_ANSWER, null, 0, null, cause.getClass().getSimpleName());
  }

  boolean created() {
    return status == 201;
  }

  /** 200 (the same order again) or 201 (a new one): the order is confirmed. */
  boolean confirmed() {
    return status == 200 || status == 201;
  }

  boolean success() {
    return status >= 200 && status < 300;
  }

  /**
   * Whether the order may have been confirmed although this answer does not say so: no answer, or a
   * server error after which the shop cannot tell either.
   */
  boolean outcomeUnknown() {
    return status == NO_ANSWER
        || (status >= 500 && !(status == 503 && NOT_PLACED.contains(errorCode)));
  }
}
