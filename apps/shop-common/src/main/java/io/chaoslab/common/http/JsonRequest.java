package io.chaoslab.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict reading of a JSON object body. Nothing is coerced: {@code "1"} and {@code 1.5} are not
 * integers. Problems with several fields are collected and reported together in one 400.
 */
public final class JsonRequest {
  /** The largest request body a service reads: larger ones are answered 413. */
  public static final int MAX_BYTES = 64 * 1024;

  private final ObjectNode body;
  private final List<String> problems = new ArrayList<>();

  private JsonRequest(ObjectNode body) {
    this.body = body;
  }

  /** Reads the request body as a JSON object, answering 415 or 400 when it is not one. */
  public static JsonRequest of(Context ctx) {
    String contentType = ctx.contentType();
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
      throw new ApiException(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "the request body must be JSON (Content-Type: application/json)");
    }
    return parse(body(ctx));
  }

  /**
   * The body as sent. With a Content-Length it is read into an array of exactly that size
   * (Javalin's own reader copies through an 8 KB buffer and a growing stream, for bodies of a
   * hundred bytes); a chunked body is left to Javalin, which enforces the same limit.
   */
  private static byte[] body(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length < 0) {
      return ctx.bodyAsBytes();
    }
    if (length > MAX_BYTES) {
      throw new ContentTooLargeResponse(); // answered as Javalin's own limit is
    }
    try {
      byte[] body = ctx.req().getInputStream().readNBytes((int) length);
      if (body.length == length) {
        return body;
      }
    } catch (java.io.IOException e) {
      // the client went away or sent less than it announced
    }
    throw unreadable();
  }

  private static ApiException unreadable() {
    return new ApiException(400, "MALFORMED_JSON", "the request body could not be read");
  }

  static JsonRequest parse(byte[] bytes) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          400, "MALFORMED_JSON", "the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw unreadable();
    }
    if (node == null || node.isMissingNode()) {
      throw new ApiException(400, "MALFORMED_JSON", "the request body is empty");
    }
    if (!node.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    return new JsonRequest((ObjectNode) node);
  }

  /** A required string field matching {@code pattern}, at most {@code maxLength} characters. */
  public String string(String field, int maxLength, Pattern pattern, String rule) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      problems.add(field + " is required");
      return null;
    }
    if (!node.isTextual()) {
      problems.add(field + " must be a string");
      return null;
    }
    String value = node.textValue();
    if (value.isEmpty() || value.length() > maxLength || !pattern.matcher(value).matches()) {
      problems.add(field + " must be " + rule);
      return null;
    }
    return value;
  }

  /** An optional string field: null when absent or null, else checked like {@link #string}. */
  public String optionalString(String field, int maxLength, Pattern pattern, String rule) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? null : string(field, maxLength, pattern, rule);
  }

  /** A required integer field in {@code [min, max]}; floats and strings are rejected. */
  public int integer(String field, int min, int max) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      problems.add(field + " is required");
      return 0;
    }
    if (!node.isIntegralNumber()) {
      problems.add(field + " must be an integer");
      return 0;
    }
    if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      problems.add("%s must be between %d and %d".formatted(field, min, max));
      return 0;
    }
    return node.intValue();
  }

  /** Throws one 400 naming every problem found so far; call after reading all fields. */
  public void validate() {
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(String.join("; ", problems));
    }
  }
}
