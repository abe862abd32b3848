package io.chaoslab.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.common.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InventoryApiTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static RunningInventory inventory;

  @BeforeAll
  static void start() {
    inventory = RunningInventory.start();
  }

  @AfterAll
  static void stop() {
    inventory.close();
  }

  @AfterEach
  void booksBalance() throws Exception {
    assertThat(inventory.unbalancedProducts()).isEmpty();
  }

  /** A product of the test's own, so stock assertions never see other tests' reservations. */
  private static String newProduct(int stock) throws Exception {
    String id = "test-product-" + IDS.incrementAndGet();
    inventory.insertProduct(id, stock);
    return id;
  }

  private static String newOrderId() {
    return "order-" + IDS.incrementAndGet();
  }

  private static void assertError(TestHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().get("error").asText()).isEqualTo(code);
    assertThat(response.json().get("message").asText()).isNotBlank();
  }

  @Test
  void listsTheDemoCatalogOrderedById() {
    TestHttp.Response response = TestHttp.get(inventory.url("/products"));

    assertThat(response.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().forEach(product -> ids.add(product.get("id").asText()));
    assertThat(ids).isSorted();
    assertThat(ids)
        .containsAll(DemoCatalog.ITEMS.stream().map(DemoCatalog.Item::id).toList())
        .contains("keyboard", "mouse", "monitor", "laptop");
    JsonNode keyboard = response.json().get(ids.indexOf("keyboard"));
    assertThat(keyboard.toString())
        .isEqualTo(
            "{\"id\":\"keyboard\",\"name\":\"Mechanical keyboard\",\"available\":100000,\"reserved\":0}");
  }

  @Test
  void getsOneProduct() {
    TestHttp.Response response = TestHttp.get(inventory.url("/products/mouse"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("id").asText()).isEqualTo("mouse");
    assertThat(response.json().get("name").asText()).isEqualTo("Ergonomic mouse");
    assertThat(response.json().get("available").asInt()).isEqualTo(100_000);
    assertThat(response.json().get("reserved").asInt()).isZero();
  }

  @Test
  void unknownProductIs404() {
    assertError(TestHttp.get(inventory.url("/products/no-such-thing")), 404, "PRODUCT_NOT_FOUND");
  }

  @Test
  void reservingMovesStockFromAvailableToReserved() throws Exception {
    String product = newProduct(10);
    String order = newOrderId();

    TestHttp.Response response = inventory.reserve(order, product, 3);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.json().get("orderId").asText()).isEqualTo(order);
    assertThat(response.json().get("productId").asText()).isEqualTo(product);
    assertThat(response.json().get("quantity").asInt()).isEqualTo(3);
    assertThat(response.json().get("available").asInt()).isEqualTo(7);
    inventory.assertStock(product, 7, 3);

    TestHttp.Response stored = TestHttp.get(inventory.url("/reservations/" + order));
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.json().get("productId").asText()).isEqualTo(product);
    assertThat(stored.json().get("quantity").asInt()).isEqualTo(3);
    assertThat(stored.json().get("createdAt").asText())
        .isEqualTo(response.json().get("createdAt").asText());
  }

  @Test
  void aRepeatedReservationAnswers200AndMovesStockOnce() throws Exception {
    String product = newProduct(10);
    String order = newOrderId();
    TestHttp.Response first = inventory.reserve(order, product, 4);
    assertThat(first.status()).isEqualTo(201);

    TestHttp.Response second = inventory.reserve(order, product, 4);
    TestHttp.Response third = inventory.reserve(order, product, 4);

    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(third.status()).isEqualTo(200);
    assertThat(third.body()).isEqualTo(first.body());
    inventory.assertStock(product, 6, 4);
  }

  @Test
  void aReservationCannotBeChangedByReplayingItsOrderId() throws Exception {
    String product = newProduct(10);
    String other = newProduct(10);
    String order = newOrderId();
    assertThat(inventory.reserve(order, product, 2).status()).isEqualTo(201);

    assertError(inventory.reserve(order, product, 3), 409, "RESERVATION_CONFLICT");
    assertError(inventory.reserve(order, other, 2), 409, "RESERVATION_CONFLICT");
    assertError(inventory.reserve(order, "no-such-product", 2), 409, "RESERVATION_CONFLICT");

    inventory.assertStock(product, 8, 2);
    inventory.assertStock(other, 10, 0);
  }

  @Test
  void insufficientStockIs409AndMovesNothing() throws Exception {
    String product = newProduct(2);
    String order = newOrderId();

    TestHttp.Response response = inventory.reserve(order, product, 3);

    assertError(response, 409, "INSUFFICIENT_STOCK");
    assertThat(response.json().get("message").asText()).contains("only 2 ");
    inventory.assertStock(product, 2, 0);
    assertError(
        TestHttp.get(inventory.url("/reservations/" + order)), 404, "RESERVATION_NOT_FOUND");
    // The order id is still free: a smaller reservation under it succeeds.
    assertThat(inventory.reserve(order, product, 2).status()).isEqualTo(201);
    inventory.assertStock(product, 0, 2);
  }

  @Test
  void reservingAnUnknownProductIs404() {
    String order = newOrderId();

    assertError(inventory.reserve(order, "no-such-product", 1), 404, "PRODUCT_NOT_FOUND");
    assertError(
        TestHttp.get(inventory.url("/reservations/" + order)), 404, "RESERVATION_NOT_FOUND");
  }

  @Test
  void releasingGivesTheStockBackOnce() throws Exception {
    String product = newProduct(10);
    String order = newOrderId();
    assertThat(inventory.reserve(order, product, 5).status()).isEqualTo(201);

    TestHttp.Response first = inventory.release(order);
    TestHttp.Response second = inventory.release(order);

    assertThat(first.status()).isEqualTo(204);
    assertThat(first.body()).isEmpty();
    assertThat(second.status()).isEqualTo(204);
    inventory.assertStock(product, 10, 0);
    assertError(
        TestHttp.get(inventory.url("/reservations/" + order)), 404, "RESERVATION_NOT_FOUND");
  }

  @Test
  void releasingAnUnknownReservationIs204AndMovesNothing() throws Exception {
    String product = newProduct(10);
    assertThat(inventory.reserve(newOrderId(), product, 1).status()).isEqualTo(201);

    assertThat(inventory.release(newOrderId()).status()).isEqualTo(204);

    inventory.assertStock(product, 9, 1);
  }

  @Test
  void anOrderIdCanReserveAgainAfterItsReleaseEvenSomethingElse() throws Exception {
    String product = newProduct(10);
    String other = newProduct(10);
    String order = newOrderId();
    assertThat(inventory.reserve(order, product, 5).status()).isEqualTo(201);
    assertThat(inventory.release(order).status()).isEqualTo(204);

    assertThat(inventory.reserve(order, product, 5).status()).isEqualTo(201);
    inventory.assertStock(product, 5, 5);
    assertThat(inventory.release(order).status()).isEqualTo(204);
    assertThat(inventory.reserve(order, other, 1).status()).isEqualTo(201);

    inventory.assertStock(product, 10, 0);
    inventory.assertStock(other, 9, 1);
  }

  @Test
  void unknownReservationIs404() {
    assertError(
        TestHttp.get(inventory.url("/reservations/" + newOrderId())), 404, "RESERVATION_NOT_FOUND");
  }

  @Test
  void requestsAreCountedByOperationAndStatusErrorsIncluded() throws Exception {
    String product = newProduct(1);
    double created = inventory.requestCount("reserve", 201);
    double conflicts = inventory.requestCount("reserve", 409);
    double missing = inventory.requestCount("get_product", 404);
    double invalid = inventory.requestCount("reserve", 400);
    double released = inventory.requestCount("release", 204);

    assertThat(inventory.reserve(newOrderId(), product, 1).status()).isEqualTo(201);
    assertThat(inventory.reserve(newOrderId(), product, 1).status()).isEqualTo(409);
    assertThat(TestHttp.get(inventory.url("/products/nothing")).status()).isEqualTo(404);
    assertThat(TestHttp.postJson(inventory.url("/reservations"), "{}").status()).isEqualTo(400);
    assertThat(inventory.release(newOrderId()).status()).isEqualTo(204);

    String metrics = TestHttp.get(inventory.url("/metrics")).body();
    assertThat(metrics).contains("inventory_requests_total{").containsPattern("status=\"201\"");
    assertThat(inventory.requestCount("reserve", 201)).isEqualTo(created + 1);
    assertThat(inventory.requestCount("reserve", 409)).isEqualTo(conflicts + 1);
    assertThat(inventory.requestCount("get_product", 404)).isEqualTo(missing + 1);
    assertThat(inventory.requestCount("reserve", 400)).isEqualTo(invalid + 1);
    assertThat(inventory.requestCount("release", 204)).isEqualTo(released + 1);
    assertThat(metrics.lines().filter(l -> l.startsWith("inventory_requests_total{")))
        .allSatisfy(
            line ->
                assertThat(line)
                    .containsAnyOf(
                        "operation=\"list_products\"",
                        "operation=\"get_product\"",
                        "operation=\"reserve\"",
                        "operation=\"release\"",
                        "operation=\"get_reservation\""));
  }

  @Test
  void healthAndReadinessAnswer() {
    assertThat(TestHttp.get(inventory.url("/health")).status()).isEqualTo(200);
    TestHttp.Response ready = TestHttp.get(inventory.url("/ready"));
    assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
    assertThat(ready.json().at("/checks/database/status").asText()).isEqualTo("UP");
  }
}
