package io.chaoslab.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shop as loadgen sees it: {@code POST /orders} (asynchronous, one shared HTTP/1.1 client),
 * {@code GET /orders/{id}} and {@code GET /products}. Order answers are read only as far as needed:
 * the status, and for 200/201 the order id and quantity, for 5xx the error code.
 */
final class ShopClient implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration LONGEST_CONNECT = Duration.ofSeconds(5);

  /** Bodies of 200, 201 and 5xx answers are read; others are discarded unread. */
  private static final HttpResponse.BodyHandler<byte[]> ANSWER_BODY =
      info ->
          info.statusCode() == 200 || info.statusCode() == 201 || info.statusCode() >= 500
              ? BodySubscribers.ofByteArray()
              : BodySubscribers.replacing((byte[]) null);

  private final HttpClient http;
  private final String orderUrl;
  private final String inventoryUrl;
  private final URI ordersUri;
  private final Duration timeout;
  private final String keyPrefix;
  private final Map<String, String> bodyStarts = new ConcurrentHashMap<>();

  /** Stock of one product. */
  record ProductStock(String id, long available, long reserved) {}

  /** A stored order as {@code GET /orders/{id}} shows it; {@code status} null when not 200. */
  record StoredOrder(int httpStatus, String status) {}

  ShopClient(String orderUrl, String inventoryUrl, Duration timeout, String runId) {
    this.orderUrl = orderUrl;
    this.inventoryUrl = inventoryUrl;
    this.ordersUri = URI.create(orderUrl + "/orders");
    this.timeout = timeout;
    this.keyPrefix = "lg-" + runId + "-";
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout.compareTo(LONGEST_CONNECT) < 0 ? timeout : LONGEST_CONNECT)
            .build();
  }

  String idempotencyKey(long seq) {
    return keyPrefix + seq;
  }

  /**
   * Places order {@code seq}. The request is the same every time it is sent for one {@code seq}
   * (key, product, quantity, e-mail), so sending it again asks the shop what became of it. Never
   * completes exceptionally: a failure is an answer with {@link OrderAnswer#NO_ANSWER}.
   */
  CompletableFuture<OrderAnswer> placeOrder(long seq, String productId, int quantity) {
    try {
      String body =
          bodyStarts.computeIfAbsent(productId, ShopClient::bodyStart)
              + quantity
              + ",\"customerEmail\":\"loadgen+"
              + seq
              + "@example.com\"}";
      HttpRequest request =
          HttpRequest.newBuilder(ordersUri)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", idempotencyKey(seq))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      return http.sendAsync(request, ANSWER_BODY)
          .handle(
              (response, failure) ->
                  failure != null
                      ? OrderAnswer.failed(failure)
                      : parseAnswer(response.statusCode(), response.body(), quantity));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(OrderAnswer.failed(e));
    }
  }

  private static String bodyStart(String productId) {
    try {
      return "{\"productId\":" + MAPPER.writeValueAsString(productId) + ",\"quantity\":";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static OrderAnswer parseAnswer(int status, byte[] body, int sentQuantity) {
    String orderId = null;
    String errorCode = null;
    int quantity = sentQuantity;
    if (body != null && body.length > 0) {
      try (JsonParser p = JSON.createParser(body)) {
        if (p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
              case "orderId" -> orderId = value == JsonToken.VALUE_STRING ? p.getText() : null;
              case "quantity" ->
                  quantity = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : quantity;
              case "error" -> errorCode = value == JsonToken.VALUE_STRING ? p.getText() : null;
              default -> p.skipChildren();
            }
          }
        }
      } catch (IOException e) {
        // not JSON (a proxy's error page, say): the status is what counts
      }
    }
    return new OrderAnswer(status, orderId, quantity, errorCode, null);
  }

  /** Any HTTP answer from the order service's {@code /health} will do: it is there. */
  void checkOrderServiceReachable() throws ShopUnavailableException {
    send(orderUrl + "/health", "the order service");
  }

  /** {@code GET /products} at inventory. */
  List<ProductStock> products() throws ShopUnavailableException {
    String url = inventoryUrl + "/products";
    HttpResponse<String> response = send(url, "the inventory service");
    if (response.statusCode() != 200) {
      throw new ShopUnavailableException(
          "GET " + url + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
    }
    try {
      JsonNode list = MAPPER.readTree(response.body());
      if (list == null || !list.isArray()) {
        throw new IOException("not a JSON list");
      }
      List<ProductStock> products = new ArrayList<>(list.size());
      for (JsonNode p : list) {
        if (!p.path("id").isTextual()
            || !p.path("available").isIntegralNumber()
            || !p.path("reserved").isIntegralNumber()) {
          throw new IOException("a product without id, available and reserved: " + p);
        }
        products.add(
            new ProductStock(
                p.get("id").asText(), p.get("available").asLong(), p.get("reserved").asLong()));
      }
      return products;
    } catch (IOException e) {
      throw new ShopUnavailableException(
          "GET " + url + " did not answer a product list: " + e.getMessage());
    }
  }

  /** {@code GET /orders/{id}}. */
  StoredOrder order(String orderId) throws ShopUnavailableException {
    HttpResponse<String> response = send(orderUrl + "/orders/" + orderId, "the order service");
    if (response.statusCode() != 200) {
      return new StoredOrder(response.statusCode(), null);
    }
    try {
      return new StoredOrder(200, MAPPER.readTree(response.body()).path("status").asText(null));
    } catch (IOException e) {
      return new StoredOrder(200, null);
    }
  }

  private HttpResponse<String> send(String url, String what) throws ShopUnavailableException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ShopUnavailableException(
          "cannot reach " + what + " at " + url + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShopUnavailableException("interrupted while calling " + url);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if (message == null && e instanceof java.net.ConnectException) {
      message = "connection refused";
    }
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  @Override
  public void close() {
    http.close();
  }

  /** The shop did not answer as it should: no connection, or not what a shop answers. */
  static final class ShopUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    ShopUnavailableException(String message) {
      super(message);
    }
  }
}
