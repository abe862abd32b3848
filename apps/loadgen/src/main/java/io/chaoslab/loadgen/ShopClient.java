package io.chaoslab.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The shop as loadgen sees it: {@code POST /orders}, {@code GET /orders/{id}} and {@code GET
 * /products}. Order answers are read only as far as needed: the status, and for 200/201 the order
 * id and quantity, for 5xx the error code.
 *
 * <p>Each order is sent by a blocking HTTP/1.1 client (Apache HttpClient, pooled keep-alive
 * connections) on a virtual thread of its own. This costs the machine that also runs the shop less
 * CPU per order than an asynchronous client's selector hand-offs, which matters when loadgen shares
 * two cores with what it measures.
 */
final class ShopClient implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration LONGEST_CONNECT = Duration.ofSeconds(5);

  private final CloseableHttpClient http;
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private final String orderUrl;
  private final String inventoryUrl;
  private final URI ordersUri;
  private final String keyPrefix;
  private final Map<String, String> bodyStarts = new ConcurrentHashMap<>();

  /** Stock of one product. */
  record ProductStock(String id, long available, long reserved) {}

  /** A stored order as {@code GET /orders/{id}} shows it; {@code status} null when not 200. */
  record StoredOrder(int httpStatus, String status) {}

  /**
   * @param timeout how long one request may take to connect and to answer
   * @param connections the most requests in flight at once (loadgen's concurrency limit)
   */
  ShopClient(
      String orderUrl, String inventoryUrl, Duration timeout, int connections, String runId) {
    this.orderUrl = orderUrl;
    this.inventoryUrl = inventoryUrl;
    this.ordersUri = URI.create(orderUrl + "/orders");
    this.keyPrefix = "lg-" + runId + "-";
    Duration connect = timeout.compareTo(LONGEST_CONNECT) < 0 ? timeout : LONGEST_CONNECT;
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(connections)
                    .setMaxConnPerRoute(connections)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(connect))
                            .setSocketTimeout(Timeout.of(timeout))
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(timeout))
                    .setConnectionRequestTimeout(Timeout.of(timeout))
                    .build())
            .disableAutomaticRetries() // a resend is loadgen's decision (same key), not the
            // client's
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
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
    String body =
        bodyStarts.computeIfAbsent(productId, ShopClient::bodyStart)
            + quantity
            + ",\"customerEmail\":\"loadgen+"
            + seq
            + "@example.com\"}";
    HttpPost request = new HttpPost(ordersUri);
    request.setHeader("Idempotency-Key", idempotencyKey(seq));
    request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    return CompletableFuture.supplyAsync(() -> post(request, quantity), senders);
  }

  private OrderAnswer post(HttpPost request, int quantity) {
    try {
      return http.execute(
          request, response -> parseAnswer(response.getCode(), answerBody(response), quantity));
    } catch (IOException | RuntimeException e) {
      return OrderAnswer.failed(e);
    }
  }

  /** Bodies of 200, 201 and 5xx answers are read; others are discarded unread. */
  private static byte[] answerBody(ClassicHttpResponse response) throws IOException {
    int status = response.getCode();
    if (status == 200 || status == 201 || status >= 500) {
      return response.getEntity() == null ? null : EntityUtils.toByteArray(response.getEntity());
    }
    EntityUtils.consume(response.getEntity());
    return null;
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
    Answer response = send(url, "the inventory service");
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
    Answer response = send(orderUrl + "/orders/" + orderId, "the order service");
    if (response.statusCode() != 200) {
      return new StoredOrder(response.statusCode(), null);
    }
    try {
      return new StoredOrder(200, MAPPER.readTree(response.body()).path("status").asText(null));
    } catch (IOException e) {
      return new StoredOrder(200, null);
    }
  }

  private Answer send(String url, String what) throws ShopUnavailableException {
    try {
      return http.execute(
          new HttpGet(url),
          response ->
              new Answer(
                  response.getCode(),
                  response.getEntity() == null
                      ? ""
                      : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new ShopUnavailableException(
          "cannot reach " + what + " at " + url + ": " + describe(e));
    }
  }

  /** A status and a body read as text. */
  private record Answer(int statusCode, String body) {}

  private static String describe(IOException e) {
    String message = e.getMessage();
    if (message == null && e instanceof ConnectException) {
      message = "connection refused";
    }
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  @Override
  public void close() {
    senders.shutdown(); // every order has its answer by now: nothing is cut off
    http.close(CloseMode.GRACEFUL);
  }

  /** The shop did not answer as it should: no connection, or not what a shop answers. */
  static final class ShopUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    ShopUnavailableException(String message) {
      super(message);
    }
  }
}
