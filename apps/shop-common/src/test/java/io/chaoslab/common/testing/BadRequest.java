package io.chaoslab.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * One row of a bad-input matrix: a request a client should never send, and the 4xx JSON error the
 * service must answer with. {@link #check} sends it and asserts the answer: the status, the error
 * code (when given), a message, and no stack trace.
 */
public record BadRequest(
    String name,
    String method,
    String path,
    String contentType,
    String body,
    String bigHeader,
    int status,
    String code) {

  /** A JSON POST of {@code body}. */
  public static BadRequest post(String name, String path, String body, int status, String code) {
    return new BadRequest(name, "POST", path, "application/json", body, null, status, code);
  }

  /** A request without a body. */
  public static BadRequest call(String name, String method, String path, int status, String code) {
    return new BadRequest(name, method, path, null, null, null, status, code);
  }

  public BadRequest withContentType(String type) {
    return new BadRequest(name, method, path, type, body, bigHeader, status, code);
  }

  /** The same request with a header over 8 KiB: Jetty itself must answer 431, in JSON. */
  public BadRequest withHugeHeader(String newName) {
    return new BadRequest(
        newName,
        method,
        path,
        contentType,
        body,
        "y".repeat(9000),
        431,
        "REQUEST_HEADER_FIELDS_TOO_LARGE");
  }

  /** Sends this request to the service at {@code baseUrl} and asserts the error answer. */
  public TestHttp.Response check(String baseUrl) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (bigHeader != null) {
      request.header("X-Big", bigHeader);
    }
    TestHttp.Response response = TestHttp.send(request);
    assertThat(response.status()).as(name + ": " + response).isEqualTo(status);
    assertThat(response.contentType()).as(name).startsWith("application/json");
    JsonNode json = response.json();
    assertThat(json.path("error").asText()).as(name).isNotBlank();
    if (code != null) {
      assertThat(json.get("error").asText()).as(name).isEqualTo(code);
    }
    assertThat(json.path("message").asText()).as(name).isNotBlank();
    assertThat(response.body()).as(name).doesNotContain("Exception").doesNotContain("at io.");
    return response;
  }

  @Override
  public String toString() {
    return name;
  }
}
