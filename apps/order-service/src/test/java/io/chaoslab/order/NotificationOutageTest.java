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
 * Notification goes away: orders still succeed with their notification pending, and the outbox
 * delivers every one of them exactly once when notification is back.
 */
class NotificationOutageTest {
  private static TestShop shop;

  @BeforeAll
  static void start() {
    shop =
        TestShop.start(
            Map.of(
                "NOTIFICATION_TIMEOUT_MS", "500",
                "NOTIFICATION_CIRCUIT_OPEN_MS", "200",
                "OUTBOX_POLL_MS", "100"));
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  @Test
  void pendingNotificationsAreDeliveredOnceWhenNotificationIsBack() throws Exception {
    String product = shop.newProduct(100);
    List<String> orderIds = new ArrayList<>();

    shop.stopNotification();
    try {
      for (int i = 0; i < 5; i++) {
        TestHttp.Response response = shop.order(product, 1);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(response.json().get("notification").asText()).isEqualTo("PENDING");
        orderIds.add(response.json().get("orderId").asText());
      }
      shop.assertStock(product, 95, 5);
      assertThat(shop.getOrder(orderIds.get(0)).json().get("notification").asText())
          .isEqualTo("PENDING");
      await("pending notifications counted")
          .atMost(Duration.ofSeconds(5))
          .until(() -> shop.orderMetric("notification_outbox_pending") >= 5);
      // Let the relay fail at least once before notification is back.
      await("a failed relay attempt")
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  shop.count(
                          "SELECT count(*) FROM orders.notification_outbox"
                              + " WHERE attempts > 0 AND last_error IS NOT NULL")
                      > 0);
    } finally {
      shop.startNotification();
    }

    await("every notification delivered")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(shop.notificationIds()).containsAll(orderIds));
    assertThat(shop.notificationIds()).doesNotHaveDuplicates();
    for (String id : orderIds) {
      assertThat(shop.getOrder(id).json().get("notification").asText()).isEqualTo("SENT");
    }
    await("outbox empty")
        .atMost(Duration.ofSeconds(5))
        .until(() -> shop.orderMetric("notification_outbox_pending") == 0.0);
    assertThat(shop.orderMetric("order_outbox_deliveries_total", "result=\"delivered\""))
        .isGreaterThanOrEqualTo(5);
    shop.awaitBooksBalance(Duration.ofSeconds(5));
  }
}
