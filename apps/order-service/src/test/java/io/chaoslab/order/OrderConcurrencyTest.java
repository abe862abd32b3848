package io.chaoslab.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.common.testing.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many orders at once never oversell, and duplicates with one key reserve once. */
class OrderConcurrencyTest {
  private static TestShop shop;

  @BeforeAll
  static void start() {
    // Generous timeouts: this test is about correctness under contention, on two cores.
    shop =
        TestShop.start(
            Map.of(
                "INVENTORY_TIMEOUT_MS", "20000",
                "INVENTORY_RETRIES", "0",
                "ORDER_RECOVERY_AFTER_MS", "60000"));
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  @AfterEach
  void booksBalance() {
    shop.awaitBooksBalance(Duration.ofSeconds(10));
  }

  /** Sends {@code count} requests at once (released together) and returns the answers. */
  private static List<TestHttp.Response> concurrently(
      int count, IntFunction<TestHttp.Response> request) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<TestHttp.Response>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        futures.add(
            executor.submit(
                () -> {
                  go.await();
                  return request.apply(n);
                }));
      }
      go.countDown();
      List<TestHttp.Response> responses = new ArrayList<>();
      for (Future<TestHttp.Response> future : futures) {
        responses.add(future.get());
      }
      return responses;
    }
  }

  private static Map<Integer, Long> byStatus(List<TestHttp.Response> responses) {
    return responses.stream()
        .collect(Collectors.groupingBy(TestHttp.Response::status, Collectors.counting()));
  }

  @Test
  void neverSellsMoreThanTheStock() throws Exception {
    String product = shop.newProduct(20);

    List<TestHttp.Response> responses =
        concurrently(120, n -> shop.order(product, 1, "Idempotency-Key", "many-" + n));

    assertThat(byStatus(responses)).containsOnlyKeys(201, 409).containsEntry(201, 20L);
    responses.stream()
        .filter(r -> r.status() == 409)
        .forEach(r -> assertThat(r.json().get("error").asText()).isEqualTo("INSUFFICIENT_STOCK"));
    shop.assertStock(product, 0, 20);
    assertThat(
            shop.count(
                "SELECT count(*) FROM orders.orders WHERE status = 'CONFIRMED' AND product_id = '"
                    + product
                    + "'"))
        .isEqualTo(20);
    assertThat(
            responses.stream()
                .filter(r -> r.status() == 201)
                .map(r -> r.json().get("orderId").asText())
                .distinct())
        .hasSize(20);
  }

  @Test
  void duplicatesWithOneKeyMakeOneOrder() throws Exception {
    String product = shop.newProduct(100);

    List<TestHttp.Response> responses =
        concurrently(30, n -> shop.order(product, 3, "Idempotency-Key", "same-key-" + product));

    assertThat(byStatus(responses).keySet()).isSubsetOf(200, 201);
    assertThat(byStatus(responses)).containsEntry(201, 1L);
    assertThat(responses.stream().map(r -> r.json().get("orderId").asText()).distinct()).hasSize(1);
    shop.assertStock(product, 97, 3);
    assertThat(
            shop.count("SELECT count(*) FROM orders.orders WHERE product_id = '" + product + "'"))
        .isEqualTo(1);
  }
}
