package io.chaoslab.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.common.config.Env;
import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NotificationApiTest {
  private static final Map<String, String> QUICK = Map.of("PORT", "0", "SHUTDOWN_DRAIN_MS", "0");
  private static ShopServer server;
  private static String base;

  @BeforeAll
  static void start() {
    server = NotificationService.start(Env.of(QUICK));
    base = "http://localhost:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static String body(String id) {
    return "{\"id\":\"%s\",\"orderId\":\"order-%s\",\"customerEmail\":\"ada@example.com\",\"message\":\"hi\"}"
        .formatted(id, id);
  }

  @Test
  void deliversOnceAndAnswersDuplicatesWithTheFirstDelivery() {
    // A service of its own, so the counters and the list hold this test's deliveries only.
    ShopServer own = NotificationService.start(Env.of(QUICK));
    try {
      String url = "http://localhost:" + own.port();
      TestHttp.Response first = TestHttp.postJson(url + "/notifications", body("n-1"));
      assertThat(first.status()).as(first.toString()).isEqualTo(202);
      assertThat(first.json().get("id").asText()).isEqualTo("n-1");
      assertThat(first.json().get("status").asText()).isEqualTo("DELIVERED");
      assertThat(first.json().get("deliveredAt").asText()).isNotBlank();

      TestHttp.Response again = TestHttp.postJson(url + "/notifications", body("n-1"));
      assertThat(again.status()).as(again.toString()).isEqualTo(200);
      assertThat(again.json().get("id").asText()).isEqualTo("n-1");
      assertThat(again.json().get("status").asText()).isEqualTo("DUPLICATE");
      assertThat(again.json().get("deliveredAt")).isEqualTo(first.json().get("deliveredAt"));

      JsonNode list = TestHttp.get(url + "/notifications").json();
      assertThat(list).hasSize(1);
      JsonNode stored = TestHttp.get(url + "/notifications/n-1").json();
      assertThat(list.get(0)).isEqualTo(stored);
      assertThat(stored.get("id").asText()).isEqualTo("n-1");
      assertThat(stored.get("orderId").asText()).isEqualTo("order-n-1");
      assertThat(stored.get("customerEmail").asText()).isEqualTo("ada@example.com");
      assertThat(stored.get("message").asText()).isEqualTo("hi");
      assertThat(stored.get("deliveredAt")).isEqualTo(first.json().get("deliveredAt"));

      assertThat(TestHttp.get(url + "/metrics").body().lines())
          .contains(
              "notification_deliveries_total{result=\"delivered\"} 1.0",
              "notification_deliveries_total{result=\"duplicate\"} 1.0");
    } finally {
      own.stop();
    }
  }

  @Test
  void theMessageIsOptional() {
    TestHttp.Response response =
        TestHttp.postJson(
            base + "/notifications",
            "{\"id\":\"n-plain\",\"orderId\":\"o-plain\",\"customerEmail\":\"bob@example.org\"}");
    assertThat(response.status()).isEqualTo(202);
    assertThat(TestHttp.get(base + "/notifications/n-plain").json().get("message").isNull())
        .isTrue();
  }

  @Test
  void concurrentDeliveriesOfOneIdDeliverExactlyOnce() throws Exception {
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
      for (int i = 0; i < 50; i++) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  awaitQuietly(go);
                  return TestHttp.postJson(base + "/notifications", body("n-race")).status();
                },
                pool));
      }
      go.countDown(); // all 50 at once
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(49);
    }
    assertThat(count(TestHttp.get(base + "/notifications?limit=1000").json(), "n-race"))
        .isEqualTo(1);
  }

  @Test
  void unknownNotificationIs404() {
    TestHttp.Response response = TestHttp.get(base + "/notifications/never-sent");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("error").asText()).isEqualTo("NOTIFICATION_NOT_FOUND");
  }

  @Test
  void healthAndReadinessAnswer() {
    assertThat(TestHttp.get(base + "/health").status()).isEqualTo(200);
    assertThat(TestHttp.get(base + "/ready").status()).isEqualTo(200);
  }

  @Test
  void historyIsBoundedAndNewestFirst() {
    ShopServer small =
        NotificationService.start(
            Env.of(Map.of("PORT", "0", "SHUTDOWN_DRAIN_MS", "0", "NOTIFICATION_HISTORY", "5")));
    try {
      String url = "http://localhost:" + small.port();
      for (int i = 1; i <= 8; i++) {
        assertThat(TestHttp.postJson(url + "/notifications", body("h-" + i)).status())
            .isEqualTo(202);
      }
      List<String> ids = new ArrayList<>();
      TestHttp.get(url + "/notifications").json().forEach(n -> ids.add(n.get("id").asText()));
      assertThat(ids).containsExactly("h-8", "h-7", "h-6", "h-5", "h-4");
      assertThat(TestHttp.get(url + "/notifications?limit=2").json()).hasSize(2);
      assertThat(TestHttp.get(url + "/notifications/h-1").status()).isEqualTo(404);
      assertThat(TestHttp.get(url + "/notifications/h-4").status()).isEqualTo(200);
    } finally {
      small.stop();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long count(JsonNode list, String id) {
    long n = 0;
    for (JsonNode entry : list) {
      if (entry.get("id").asText().equals(id)) {
        n++;
      }
    }
    return n;
  }
}
