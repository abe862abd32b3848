package io.chaoslab.common.http;

/**
 * An error answer for the client: HTTP status, a stable machine-readable code and a human message.
 * Rendered as {@code {"error": CODE, "message": TEXT}}.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message, null, false, false); // expected outcome, not a bug: no stack trace needed
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "INVALID_REQUEST", message);
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(404, code, message);
  }
}
