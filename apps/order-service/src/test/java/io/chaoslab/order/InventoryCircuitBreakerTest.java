package io.chaoslab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.common.testing.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inventory goes away: orders fail with 503 after their retries, then the circuit opens and they
 * fail fast; inventory comes back and orders succeed again, without restarting the order service.
 */
class InventoryCircuitBreakerTest {
  private static TestShop shop;

  @BeforeAll
  static void start() {
    shop =
        TestShop.start(
            Map.of(
                "INVENTORY_TIMEOUT_MS", "1000",
                "INVENTORY_RETRIES", "2",
                "INVENTORY_RETRY_DELAY_MS", "50",
                "INVENTORY_CIRCUIT_FAILURES", "5",
                "INVENTORY_CIRCUIT_OPEN_MS", "1000",
                "ORDER_RECOVERY_AFTER_MS", "4000"));
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  @Test
  void opensWhenInventoryIsDownAndClosesWhenItIsBack() throws Exception {
    String product = shop.newProduct(100);
    assertThat(shop.order(product, 1).status()).isEqualTo(201);

    shop.stopInventory();
    try {
      List<TestHttp.Response> failures = new ArrayList<>();
      for (int i = 0; i < 2; i++) { // 3 attempts each: the 5th failure opens the circuit
        failures.add(shop.order(product, 1));
      }
      failures.forEach(r -> OrderFlowTest.assertError(r, 503, "INVENTORY_UNAVAILABLE"));
      assertThat(shop.orderMetric("resilience_retries_total", "target=\"inventory\""))
          .isGreaterThan(0);
      assertThat(shop.orderMetric("resilience_circuit_state", "target=\"inventory\""))
          .isEqualTo(1.0);

      long start = System.nanoTime();
      TestHttp.Response fast = shop.order(product, 1);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      OrderFlowTest.assertError(fast, 503, "INVENTORY_UNAVAILABLE");
      assertThat(fast.json().get("message").asText()).contains("circuit open");
      assertThat(took).isLessThan(Duration.ofMillis(200));

      TestHttp.Response ready = TestHttp.get(shop.orderUrl("/ready"));
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().at("/checks/inventory/status").asText()).isEqualTo("DOWN");
    } finally {
      shop.startInventory();
    }

    await("orders succeed again")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> shop.order(product, 1).status() == 201);
    assertThat(shop.orderMetric("resilience_circuit_state", "target=\"inventory\"")).isEqualTo(0.0);
    assertThat(TestHttp.get(shop.orderUrl("/ready")).status()).isEqualTo(200);
    // The orders that failed left rows behind; recovery releases them (none had stock).
    shop.awaitNoUnfinishedOrders(Duration.ofSeconds(15));
    shop.awaitBooksBalance(Duration.ofSeconds(5));
  }
}
