package io.chaoslab.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error pages (header too large, malformed request line, ...) as the shop's JSON error
 * body, whatever the client accepts, so no client ever sees an HTML page or a stack trace.
 */
final class JsonErrorPages extends ErrorHandler {

  /** The error code for a status without a more specific one: its reason phrase, shouted. */
  static String codeFor(int status) {
    return HttpStatus.getMessage(status)
        .toUpperCase(Locale.ROOT)
        .replaceAll("[^A-Z0-9]+", "_")
        .replaceAll("^_|_$", "");
  }

  static byte[] body(String code, String message) {
    try {
      return Json.MAPPER.writeValueAsBytes(new ErrorBody(code, message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error body is always serializable", e);
    }
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    String text =
        message == null || message.startsWith("org.") ? HttpStatus.getMessage(code) : message;
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(codeFor(code), text)), callback);
  }
}
