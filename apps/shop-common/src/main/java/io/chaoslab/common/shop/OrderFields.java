package io.chaoslab.common.shop;

import io.chaoslab.common.http.ApiException;
import io.chaoslab.common.http.JsonRequest;
import java.util.regex.Pattern;

/**
 * The fields orders and reservations share, validated the same way by every service that reads
 * them: identifiers are short and URL-safe, quantities are whole numbers from 1 to {@link
 * #MAX_QUANTITY}.
 */
public final class OrderFields {
  public static final int MAX_QUANTITY = 1000;
  public static final int MAX_ID_LENGTH = 64;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
  private static final String ID_RULE =
      "1 to " + MAX_ID_LENGTH + " letters, digits, '.', '_', ':' or '-'";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private OrderFields() {}

  /** True when {@code value} could be a product or order id (for ids taken from the path). */
  public static boolean isId(String value) {
    return value != null && value.length() <= MAX_ID_LENGTH && ID.matcher(value).matches();
  }

  /** Validates an id taken from the request path; a 400 naming {@code what} otherwise. */
  public static String pathId(String value, String what) {
    if (!isId(value)) {
      throw ApiException.badRequest(what + " must be " + ID_RULE);
    }
    return value;
  }

  public static String id(JsonRequest request, String field) {
    return request.string(field, MAX_ID_LENGTH, ID, ID_RULE);
  }

  public static int quantity(JsonRequest request) {
    return request.integer("quantity", 1, MAX_QUANTITY);
  }

  public static String email(JsonRequest request, String field) {
    return request.string(field, 254, EMAIL, "an e-mail address");
  }
}
