package io.chaoslab.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.common.testing.TestHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stock reserved for an order that never got confirmed is given back: when the database fails
 * between the reservation and the commit, and when the service died there (a PENDING row left
 * behind with its reservation).
 */
class OrderRecoveryTest {
  private static TestShop shop;

  @BeforeAll
  static void start() {
    shop =
        TestShop.start(
            Map.of(
                "INVENTORY_TIMEOUT_MS", "1000",
                "INVENTORY_RETRIES", "0",
                "ORDER_RECOVERY_AFTER_MS", "1500"));
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  @AfterEach
  void booksBalance() {
    shop.awaitNoUnfinishedOrders(Duration.ofSeconds(10));
    shop.awaitBooksBalance(Duration.ofSeconds(5));
  }

  @Test
  void theDatabaseFailingAtCommitLeavesNoStockReserved() throws Exception {
    String product = shop.newProduct(10);
    // Confirming fails as if the connection broke (SQLSTATE 08006), after stock was reserved.
    shop.execute(
        """
        CREATE FUNCTION orders.break_confirm() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'connection lost (simulated)' USING ERRCODE = '08006'; END $$;
        CREATE TRIGGER break_confirm BEFORE UPDATE ON orders.orders FOR EACH ROW
          WHEN (NEW.status = 'CONFIRMED') EXECUTE FUNCTION orders.break_confirm();
        """);
    try {
      TestHttp.Response response = shop.order(product, 4, "Idempotency-Key", "broken-" + product);

      OrderFlowTest.assertError(response, 503, "DATABASE_UNAVAILABLE");
      shop.awaitNoUnfinishedOrders(Duration.ofSeconds(10));
      shop.assertStock(product, 10, 0);
    } finally {
      shop.execute(
          "DROP TRIGGER break_confirm ON orders.orders; DROP FUNCTION orders.break_confirm()");
    }
    // The client's retry with the same key now succeeds, with the stock taken once.
    TestHttp.Response retry = shop.order(product, 4, "Idempotency-Key", "broken-" + product);
    assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
    shop.assertStock(product, 6, 4);
  }

  @Test
  void aReservationLeftByADeadRequestIsReleased() throws Exception {
    String product = shop.newProduct(10);
    assertThat(shop.order(product, 1).status()).isEqualTo(201);
    // What a request killed between reserving and confirming leaves behind.
    shop.execute(
        """
        INSERT INTO orders.orders (id, request_hash, product_id, quantity, customer_email, status)
        VALUES ('orphan-%s', 'x', '%s', 3, 'ada@example.com', 'PENDING')
        """
            .formatted(product, product));
    TestHttp.Response reserved =
        TestHttp.postJson(
            shop.inventoryUrl("/reservations"),
            "{\"orderId\":\"orphan-%s\",\"productId\":\"%s\",\"quantity\":3}"
                .formatted(product, product));
    assertThat(reserved.status()).isEqualTo(201);
    shop.assertStock(product, 6, 4);

    shop.awaitNoUnfinishedOrders(Duration.ofSeconds(10));

    shop.assertStock(product, 9, 1); // the confirmed order keeps its unit
    assertThat(shop.orderMetric("order_recovery_releases_total")).isGreaterThanOrEqualTo(1);
  }
}
