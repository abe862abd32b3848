package io.chaoslab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.testing.TestDatabase;
import io.chaoslab.common.testing.TestHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order service's own PostgreSQL goes away and comes back: not ready and 503 meanwhile, with no
 * stock taken, then ready and taking orders again without a restart.
 */
class DatabaseOutageTest {
  @TempDir Path dataDir;
  private int port;
  private EmbeddedPostgres postgres;
  private ShopServer inventory;
  private ShopServer notification;
  private ShopServer order;

  @BeforeEach
  void start() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    postgres = TestDatabase.start(dataDir, port);
    inventory = TestShop.startInventory(TestDatabase.create().url(), 0);
    notification = TestShop.startNotification(0);
    Map<String, String> env = new HashMap<>(TestShop.FAST);
    env.put("DATABASE_CONNECTION_TIMEOUT_MS", "1000");
    order =
        TestShop.startOrder(
            postgres.getJdbcUrl("postgres", "postgres"),
            "http://localhost:" + inventory.port(),
            "http://localhost:" + notification.port(),
            env);
  }

  @AfterEach
  void stop() throws Exception {
    order.stop();
    notification.stop();
    inventory.stop();
    postgres.close();
  }

  private String orderUrl(String path) {
    return "http://localhost:" + order.port() + path;
  }

  private TestHttp.Response placeOrder() {
    return TestHttp.postJson(orderUrl("/orders"), TestShop.body("mouse", 2, "ada@example.com"));
  }

  private int[] stock() {
    return TestShop.stockAt("http://localhost:" + inventory.port(), "mouse");
  }

  @Test
  void notReadyAnd503WhileTheDatabaseIsDownThenBackWithoutRestart() throws Exception {
    assertThat(placeOrder().status()).isEqualTo(201);
    int[] before = stock();

    postgres.close();

    await("not ready")
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              TestHttp.Response ready = TestHttp.get(orderUrl("/ready"));
              assertThat(ready.status()).isEqualTo(503);
              assertThat(ready.json().at("/checks/database/status").asText()).isEqualTo("DOWN");
            });
    long start = System.nanoTime();
    TestHttp.Response failed = placeOrder();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    OrderFlowTest.assertError(failed, 503, "DATABASE_UNAVAILABLE");
    assertThat(stock()).containsExactly(before);
    OrderFlowTest.assertError(
        TestHttp.get(orderUrl("/orders/any-id")), 503, "DATABASE_UNAVAILABLE");

    postgres = TestDatabase.start(dataDir, port);

    await("ready again")
        .atMost(Duration.ofSeconds(15))
        .until(() -> TestHttp.get(orderUrl("/ready")).status() == 200);
    TestHttp.Response again = placeOrder();
    assertThat(again.status()).as(again.toString()).isEqualTo(201);
    assertThat(stock()).containsExactly(before[0] - 2, before[1] + 2);
    assertThat(TestHttp.get(orderUrl("/orders/" + again.json().get("orderId").asText())).status())
        .isEqualTo(200);
  }
}
