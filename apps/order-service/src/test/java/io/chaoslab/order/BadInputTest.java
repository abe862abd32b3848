package io.chaoslab.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.common.testing.TestHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever a client sends, it gets a 4xx with a JSON error body, and no stock moves. */
class BadInputTest {
  private static final int STOCK = 100;
  private static TestShop shop;
  private static final String product = "bad-input-product";

  @BeforeAll
  static void start() throws Exception {
    shop = TestShop.start(Map.of());
    shop.insertProduct(product, STOCK);
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  @AfterEach
  void noStockMoved() {
    shop.assertStock(product, STOCK, 0);
    shop.awaitBooksBalance(Duration.ofSeconds(5));
  }

  /** One bad request: what is sent and the status (and error code, when fixed) expected. */
  record Case(
      String name,
      String method,
      String path,
      String contentType,
      String body,
      List<String> headers,
      int status,
      String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case post(String name, String body, int status, String code) {
    return new Case(name, "POST", "/orders", "application/json", body, List.of(), status, code);
  }

  private static Case order(String name, String json) {
    return post(name, json, 400, "INVALID_REQUEST");
  }

  private static String body(String productId, String quantity, String email) {
    return "{\"productId\":%s,\"quantity\":%s,\"customerEmail\":%s}"
        .formatted(productId, quantity, email);
  }

  private static String withQuantity(String quantity) {
    return body("\"" + product + "\"", quantity, "\"ada@example.com\"");
  }

  private static String withProduct(String productId) {
    return body(productId, "1", "\"ada@example.com\"");
  }

  private static Case withHeader(
      String name, String header, String value, int status, String code) {
    List<String> headers = List.of(header, value);
    return new Case(
        name, "POST", "/orders", "application/json", withQuantity("1"), headers, status, code);
  }

  private static Case request(String name, String method, String path, int status, String code) {
    return new Case(name, method, path, null, null, List.of(), status, code);
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(post("malformed JSON", "{\"productId\":", 400, "MALFORMED_JSON"));
    cases.add(post("empty body", "", 400, "MALFORMED_JSON"));
    cases.add(post("trailing garbage", withQuantity("1") + " x", 400, "MALFORMED_JSON"));
    cases.add(
        post(
            "duplicate field",
            "{\"quantity\":1," + withQuantity("1").substring(1),
            400,
            "MALFORMED_JSON"));
    cases.add(order("array", "[" + withQuantity("1") + "]"));
    cases.add(order("null", "null"));
    cases.add(order("string", "\"order\""));
    cases.add(order("no fields", "{}"));
    cases.add(order("missing quantity", "{\"productId\":\"" + product + "\"}"));
    cases.add(order("quantity as string", withQuantity("\"1\"")));
    cases.add(order("fractional quantity", withQuantity("1.5")));
    cases.add(order("quantity 1.0", withQuantity("1.0")));
    cases.add(order("zero quantity", withQuantity("0")));
    cases.add(order("negative quantity", withQuantity("-1")));
    cases.add(order("quantity over 1000", withQuantity("1001")));
    cases.add(order("huge quantity", withQuantity("99999999999999999999999")));
    cases.add(order("quantity null", withQuantity("null")));
    cases.add(order("product id as number", withProduct("42")));
    cases.add(order("product id as object", withProduct("{\"id\":\"" + product + "\"}")));
    cases.add(order("empty product id", withProduct("\"\"")));
    cases.add(order("product id too long", withProduct("\"" + "p".repeat(65) + "\"")));
    cases.add(order("product id with space", withProduct("\"key board\"")));
    cases.add(order("product id with slash", withProduct("\"../products\"")));
    cases.add(order("product id with quote", withProduct("\"a\\\"b\"")));
    cases.add(order("bad e-mail", body("\"" + product + "\"", "1", "\"not-an-email\"")));
    cases.add(order("e-mail as number", body("\"" + product + "\"", "1", "7")));
    cases.add(
        order(
            "e-mail too long",
            body("\"" + product + "\"", "1", "\"a@b." + "c".repeat(300) + "\"")));
    cases.add(
        new Case(
            "text/plain",
            "POST",
            "/orders",
            "text/plain",
            withQuantity("1"),
            List.of(),
            415,
            "UNSUPPORTED_MEDIA_TYPE"));
    cases.add(
        new Case(
            "no content type",
            "POST",
            "/orders",
            null,
            withQuantity("1"),
            List.of(),
            415,
            "UNSUPPORTED_MEDIA_TYPE"));
    cases.add(
        post(
            "body over 64 KiB",
            "{\"productId\":\"" + product + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}",
            413,
            null));
    cases.add(withHeader("header over 8 KiB", "X-Padding", "x".repeat(9_000), 431, null));
    String key = "Idempotency-Key";
    cases.add(withHeader("empty idempotency key", key, "", 400, "INVALID_REQUEST"));
    cases.add(withHeader("long idempotency key", key, "k".repeat(129), 400, "INVALID_REQUEST"));
    // Jetty may refuse these itself (400 BAD_REQUEST) before the service sees them.
    cases.add(withHeader("idempotency key not ASCII", key, "schlüssel", 400, null));
    cases.add(withHeader("idempotency key with control character", key, "a\u0001b", 400, null));
    cases.add(request("order id with illegal characters", "GET", "/orders/bad!id", 400, null));
    cases.add(request("order id too long", "GET", "/orders/" + "o".repeat(65), 400, null));
    cases.add(request("order id with spaces", "GET", "/orders/a%20b", 400, "INVALID_REQUEST"));
    cases.add(request("unknown order", "GET", "/orders/no-such-order", 404, "ORDER_NOT_FOUND"));
    cases.add(request("unknown path", "GET", "/nope", 404, null));
    cases.add(request("PUT /orders", "PUT", "/orders", 405, null));
    cases.add(request("GET /orders", "GET", "/orders", 405, null));
    cases.add(request("DELETE an order", "DELETE", "/orders/some-id", 405, null));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithAJsonClientError(Case c) throws IOException {
    TestHttp.Response response = c.headers().isEmpty() ? sendWithHttpClient(c) : sendRaw(c);

    assertThat(response.status()).as(response.toString()).isEqualTo(c.status());
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().path("error").asText()).isNotBlank();
    assertThat(response.json().path("message").asText()).isNotBlank();
    if (c.code() != null) {
      assertThat(response.json().get("error").asText()).isEqualTo(c.code());
    }
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static TestHttp.Response sendWithHttpClient(Case c) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(shop.orderUrl(c.path())))
            .method(
                c.method(),
                c.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(c.body()));
    if (c.contentType() != null) {
      request.header("Content-Type", c.contentType());
    }
    return TestHttp.send(request);
  }

  /**
   * Sends the request byte for byte over a socket (header values in UTF-8), since Java's client
   * refuses or rewrites unusual header values; reads the answer until the server closes.
   */
  private static TestHttp.Response sendRaw(Case c) throws IOException {
    URI uri = URI.create(shop.orderUrl(c.path()));
    byte[] body = c.body() == null ? new byte[0] : c.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(c.method()).append(' ').append(uri.getRawPath()).append(" HTTP/1.1\r\n");
    head.append("Host: localhost:").append(uri.getPort()).append("\r\n");
    head.append("Connection: close\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    if (c.contentType() != null) {
      head.append("Content-Type: ").append(c.contentType()).append("\r\n");
    }
    for (int i = 0; i < c.headers().size(); i += 2) {
      head.append(c.headers().get(i)).append(": ").append(c.headers().get(i + 1)).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int endOfHead = answer.indexOf("\r\n\r\n");
      String[] lines = answer.substring(0, endOfHead).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      String contentType = "";
      for (String line : lines) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
          contentType = line.substring("content-type:".length()).strip();
        }
      }
      String responseBody = answer.substring(endOfHead + 4);
      if (answer.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        responseBody = unchunk(responseBody);
      }
      return new TestHttp.Response(status, responseBody, contentType);
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
