package io.chaoslab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.testing.TestHttp;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The order flow through real services, and every status code of the contract. */
class OrderFlowTest {
  private static TestShop shop;

  @BeforeAll
  static void start() {
    shop = TestShop.start(Map.of());
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  @AfterEach
  void booksBalance() {
    shop.awaitBooksBalance(Duration.ofSeconds(5));
  }

  static void assertError(TestHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().get("error").asText()).isEqualTo(code);
    assertThat(response.json().get("message").asText()).isNotBlank();
  }

  @Test
  void confirmsReservesAndNotifies() throws Exception {
    String product = shop.newProduct(50);

    TestHttp.Response response =
        TestHttp.postJson(shop.orderUrl("/orders"), TestShop.body(product, 3, "grace@example.com"));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.contentType()).startsWith("application/json");
    JsonNode order = response.json();
    assertThat(order.properties().stream().map(Map.Entry::getKey))
        .containsExactly(
            "orderId",
            "status",
            "notification",
            "productId",
            "quantity",
            "customerEmail",
            "createdAt");
    String orderId = order.get("orderId").asText();
    assertThat(orderId).isNotBlank();
    assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
    assertThat(order.get("notification").asText()).isEqualTo("SENT");
    assertThat(order.get("productId").asText()).isEqualTo(product);
    assertThat(order.get("quantity").asInt()).isEqualTo(3);
    assertThat(order.get("customerEmail").asText()).isEqualTo("grace@example.com");
    assertThat(Instant.parse(order.get("createdAt").asText()))
        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    shop.assertStock(product, 47, 3);

    TestHttp.Response notification =
        TestHttp.get(shop.notificationUrl("/notifications/" + orderId));
    assertThat(notification.status()).as(notification.toString()).isEqualTo(200);
    assertThat(notification.json().get("orderId").asText()).isEqualTo(orderId);
    assertThat(notification.json().get("customerEmail").asText()).isEqualTo("grace@example.com");

    TestHttp.Response read = shop.getOrder(orderId);
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(order);
  }

  @Test
  void aRepeatedIdempotencyKeyAnswersTheSameOrderAndReservesOnce() throws Exception {
    String product = shop.newProduct(10);
    String[] key = {"Idempotency-Key", "checkout-" + product};

    TestHttp.Response first = shop.order(product, 2, key);
    // The same request written differently is still the same request.
    TestHttp.Response second =
        TestHttp.postJson(
            shop.orderUrl("/orders"),
            "{ \"customerEmail\": \"ada@example.com\", \"quantity\": 2, \"productId\": \"%s\" }"
                .formatted(product),
            key);

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().get("orderId")).isEqualTo(first.json().get("orderId"));
    assertThat(second.json().get("status").asText()).isEqualTo("CONFIRMED");
    assertThat(second.json().get("createdAt")).isEqualTo(first.json().get("createdAt"));
    shop.assertStock(product, 8, 2);
    assertThat(
            shop.count("SELECT count(*) FROM orders.orders WHERE product_id = '" + product + "'"))
        .isEqualTo(1);
  }

  @Test
  void anIdempotencyKeyReusedForAnotherOrderIsRefused() throws Exception {
    String product = shop.newProduct(10);
    String[] key = {"Idempotency-Key", "reuse-" + product};
    assertThat(shop.order(product, 1, key).status()).isEqualTo(201);

    assertError(shop.order(product, 2, key), 422, "IDEMPOTENCY_KEY_REUSED");
    TestHttp.Response otherEmail =
        TestHttp.postJson(
            shop.orderUrl("/orders"), TestShop.body(product, 1, "eve@example.com"), key);
    assertError(otherEmail, 422, "IDEMPOTENCY_KEY_REUSED");
    shop.assertStock(product, 9, 1);
  }

  @Test
  void aKeyWhoseOrderIdReservedSomethingElseAtInventoryIsRefused() throws Exception {
    String product = shop.newProduct(10);
    String key = "taken-" + product;
    String orderId = new IdempotencyKey(key).orderId();
    // Inventory already holds a different reservation under the order id this key stands for.
    TestHttp.Response foreign =
        TestHttp.postJson(
            shop.inventoryUrl("/reservations"),
            "{\"orderId\":\"%s\",\"productId\":\"%s\",\"quantity\":5}".formatted(orderId, product));
    assertThat(foreign.status()).isEqualTo(201);
    try {
      assertError(shop.order(product, 1, "Idempotency-Key", key), 422, "IDEMPOTENCY_KEY_REUSED");
      shop.assertStock(product, 5, 5);
      assertThat(shop.count("SELECT count(*) FROM orders.orders WHERE id = '" + orderId + "'"))
          .isZero();
    } finally {
      TestHttp.delete(shop.inventoryUrl("/reservations/" + orderId));
    }
  }

  @Test
  void anUnknownProductIs404() {
    assertError(shop.order("no-such-product", 1), 404, "PRODUCT_NOT_FOUND");
    assertThat(shop.orderMetric("order_requests_total", "status=\"404\"", "product=\"unknown\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void notEnoughStockIs409AndLeavesNoOrder() throws Exception {
    String product = shop.newProduct(2);

    assertError(shop.order(product, 3), 409, "INSUFFICIENT_STOCK");

    shop.assertStock(product, 2, 0);
    assertThat(
            shop.count("SELECT count(*) FROM orders.orders WHERE product_id = '" + product + "'"))
        .isZero();
  }

  @Test
  void badInputIs400() throws Exception {
    String product = shop.newProduct(5);
    assertError(shop.order(product, 0), 400, "INVALID_REQUEST");
    shop.assertStock(product, 5, 0);
    assertThat(shop.orderMetric("order_requests_total", "status=\"400\"", "product=\"invalid\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void readingOrders() {
    assertError(shop.getOrder("no-such-order"), 404, "ORDER_NOT_FOUND");
    assertError(shop.getOrder("not%20an%20id"), 400, "INVALID_REQUEST");
  }

  @Test
  void inventoryUnreachableIs503AndNotReady() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ShopServer cutOff =
        TestShop.startOrder(
            shop.databaseUrl,
            "http://localhost:" + closedPort,
            shop.notificationUrl(""),
            Map.of("INVENTORY_RETRIES", "1", "INVENTORY_RETRY_DELAY_MS", "10"));
    try {
      String base = "http://localhost:" + cutOff.port();
      String product = shop.newProduct(5);

      TestHttp.Response response =
          TestHttp.postJson(base + "/orders", TestShop.body(product, 1, "ada@example.com"));

      assertError(response, 503, "INVENTORY_UNAVAILABLE");
      shop.assertStock(product, 5, 0);
      TestHttp.Response ready = TestHttp.get(base + "/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().at("/checks/inventory/status").asText()).isEqualTo("DOWN");
      assertThat(ready.json().at("/checks/database/status").asText()).isEqualTo("UP");
    } finally {
      cutOff.stop();
    }
  }

  @Test
  void readyWhenDatabaseAndInventoryAnswer() {
    TestHttp.Response ready = TestHttp.get(shop.orderUrl("/ready"));
    assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
    assertThat(ready.json().at("/checks/database/status").asText()).isEqualTo("UP");
    assertThat(ready.json().at("/checks/inventory/status").asText()).isEqualTo("UP");
    assertThat(TestHttp.get(shop.orderUrl("/health")).status()).isEqualTo(200);
  }

  @Test
  void metricsCountAnswersByStatusAndProduct() throws Exception {
    String product = shop.newProduct(5);
    assertThat(shop.order(product, 1).status()).isEqualTo(201);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              String metrics = TestHttp.get(shop.orderUrl("/metrics")).body();
              assertThat(metrics)
                  .contains("order_requests_total{product=\"" + product + "\",status=\"201\"} 1.0")
                  .contains("order_request_duration_seconds_bucket{status=\"201\",le=\"0.1\"}")
                  .contains("notification_outbox_pending ")
                  .contains("resilience_circuit_state{target=\"inventory\"} 0.0")
                  .contains("resilience_circuit_state{target=\"notification\"} 0.0")
                  .contains("http_server_requests_seconds_bucket")
                  .contains("jvm_memory_used_bytes");
            });
  }
}
