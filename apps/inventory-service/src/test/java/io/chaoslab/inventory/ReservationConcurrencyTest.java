package io.chaoslab.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.common.testing.TestDatabase;
import io.chaoslab.common.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many clients at once: stock is never oversold and never moved twice for one order. */
class ReservationConcurrencyTest {
  private static final int THREADS = 32;
  private static RunningInventory inventory;
  private static ExecutorService clients;

  @BeforeAll
  static void start() {
    // Correctness, not latency, is under test: a generous pool wait keeps a busy build machine
    // from turning slow requests into 503s.
    inventory =
        RunningInventory.start(
            TestDatabase.create().url(), Map.of("DATABASE_CONNECTION_TIMEOUT_MS", "15000"));
    clients = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void stop() {
    clients.shutdownNow();
    inventory.close();
  }

  @AfterEach
  void booksBalance() throws Exception {
    assertThat(inventory.unbalancedProducts()).isEmpty();
  }

  /** Runs the calls together (released at once by a latch) and returns their answers in order. */
  private static List<TestHttp.Response> concurrently(List<Callable<TestHttp.Response>> calls)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<TestHttp.Response>> futures = new ArrayList<>();
    for (Callable<TestHttp.Response> call : calls) {
      futures.add(
          clients.submit(
              () -> {
                go.await();
                return call.call();
              }));
    }
    go.countDown();
    List<TestHttp.Response> responses = new ArrayList<>();
    for (Future<TestHttp.Response> future : futures) {
      responses.add(future.get(60, TimeUnit.SECONDS));
    }
    return responses;
  }

  private static Map<Integer, Long> byStatus(List<TestHttp.Response> responses) {
    return responses.stream()
        .collect(Collectors.groupingBy(TestHttp.Response::status, Collectors.counting()));
  }

  @Test
  void neverOversells() throws Exception {
    inventory.insertProduct("scarce", 50);
    List<Callable<TestHttp.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String order = "scarce-order-" + i;
      calls.add(() -> inventory.reserve(order, "scarce", 1));
    }

    List<TestHttp.Response> responses = concurrently(calls);

    assertThat(byStatus(responses)).containsExactlyInAnyOrderEntriesOf(Map.of(201, 50L, 409, 150L));
    assertThat(responses)
        .filteredOn(r -> r.status() == 409)
        .allSatisfy(
            r -> assertThat(r.json().get("error").asText()).isEqualTo("INSUFFICIENT_STOCK"));
    inventory.assertStock("scarce", 0, 50);
    assertThat(
            inventory.count(
                "SELECT count(*) FROM inventory.reservations WHERE product_id = 'scarce'"))
        .isEqualTo(50);
  }

  @Test
  void oneOrderIdMovesStockOnceWhateverTheNumberOfRetries() throws Exception {
    inventory.insertProduct("popular", 100);
    List<Callable<TestHttp.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(() -> inventory.reserve("the-one-order", "popular", 2));
    }

    List<TestHttp.Response> responses = concurrently(calls);

    assertThat(byStatus(responses)).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 200, 49L));
    assertThat(responses)
        .extracting(r -> r.json().get("orderId").asText() + "/" + r.json().get("quantity").asInt())
        .containsOnly("the-one-order/2");
    inventory.assertStock("popular", 98, 2);
  }

  @Test
  void reservationsAndReleasesInterleavedKeepTheBooksBalanced() throws Exception {
    inventory.insertProduct("busy", 1000);
    for (int i = 0; i < 100; i++) {
      assertThat(inventory.reserve("busy-old-" + i, "busy", 3).status()).isEqualTo(201);
    }
    List<Callable<TestHttp.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String old = "busy-old-" + i;
      String fresh = "busy-new-" + i;
      calls.add(() -> inventory.release(old));
      calls.add(() -> inventory.release(old)); // a duplicate release must not give back twice
      calls.add(() -> inventory.reserve(fresh, "busy", 2));
    }

    List<TestHttp.Response> responses = concurrently(calls);

    Function<Integer, Long> count = status -> byStatus(responses).getOrDefault(status, 0L);
    assertThat(count.apply(204)).isEqualTo(200);
    assertThat(count.apply(201)).isEqualTo(100);
    inventory.assertStock("busy", 800, 200);
  }
}
