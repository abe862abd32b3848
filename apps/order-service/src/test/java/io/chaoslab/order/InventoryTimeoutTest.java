package io.chaoslab.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.testing.TestDatabase;
import io.chaoslab.common.testing.TestHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hanging inventory costs an order the 3 s timeout, once: timeouts are not retried. */
class InventoryTimeoutTest {

  @Test
  void aSlowInventoryIsA503AfterTheDefaultTimeout() {
    try (StandInInventory inventory = new StandInInventory(Duration.ofSeconds(5))) {
      // The default INVENTORY_* settings: 3 s timeout, 2 retries (not used for timeouts).
      ShopServer order =
          TestShop.startOrder(
              TestDatabase.create().url(), inventory.url(), "http://127.0.0.1:9", Map.of());
      try {
        long start = System.nanoTime();
        TestHttp.Response response =
            TestHttp.postJson(
                "http://localhost:" + order.port() + "/orders",
                TestShop.body("keyboard", 1, "ada@example.com"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        OrderFlowTest.assertError(response, 503, "INVENTORY_UNAVAILABLE");
        assertThat(response.json().get("message").asText()).contains("3000 ms");
        assertThat(took).isBetween(Duration.ofMillis(2500), Duration.ofMillis(4500));
        assertThat(inventory.reservations()).isEqualTo(1);
      } finally {
        order.stop();
      }
    }
  }
}
