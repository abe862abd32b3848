package io.chaoslab.notification;

import io.chaoslab.common.http.JsonRequest;
import io.chaoslab.common.shop.OrderFields;
import java.util.regex.Pattern;

/** The body of {@code POST /notifications}, validated. */
record NotificationRequest(String id, String orderId, String customerEmail, String message) {
  static final int MAX_MESSAGE_LENGTH = 1000;
  private static final Pattern ANY = Pattern.compile("(?s).*");

  static NotificationRequest from(JsonRequest request) {
    String id = OrderFields.id(request, "id");
    String orderId = OrderFields.id(request, "orderId");
    String email = OrderFields.email(request, "customerEmail");
    String message =
        request.optionalString("message", MAX_MESSAGE_LENGTH, ANY, "at most 1000 characters");
    request.validate();
    return new NotificationRequest(id, orderId, email, message);
  }
}
