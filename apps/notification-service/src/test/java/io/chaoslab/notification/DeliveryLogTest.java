package io.chaoslab.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded, insertion-ordered memory behind idempotent delivery and the recent list. */
class DeliveryLogTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
  private final DeliveryLog log = new DeliveryLog(3, Clock.fixed(NOW, ZoneOffset.UTC));

  private static NotificationRequest request(String id) {
    return new NotificationRequest(id, "order-" + id, "ada@example.com", null);
  }

  private List<String> recentIds(int limit) {
    return log.recent(limit).stream().map(Notification::id).toList();
  }

  @Test
  void deliversAnIdOnceAndKeepsTheFirstDelivery() {
    DeliveryLog.Outcome first = log.deliver(request("a"));
    DeliveryLog.Outcome again =
        log.deliver(new NotificationRequest("a", "other-order", "bob@example.org", "changed"));

    assertThat(first.delivered()).isTrue();
    assertThat(again.delivered()).isFalse();
    assertThat(again.notification()).isEqualTo(first.notification());
    assertThat(first.notification().deliveredAt()).isEqualTo(NOW);
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  void forgetsTheOldestBeyondItsCapacity() {
    for (String id : List.of("a", "b", "c", "d", "e")) {
      assertThat(log.deliver(request(id)).delivered()).isTrue();
    }
    assertThat(log.size()).isEqualTo(3);
    assertThat(recentIds(10)).containsExactly("e", "d", "c");
    assertThat(log.find("b")).isEmpty();
    assertThat(log.find("c")).isPresent();
  }

  @Test
  void aDuplicateDoesNotMoveItsNotificationUp() {
    log.deliver(request("a"));
    log.deliver(request("b"));
    log.deliver(request("a"));
    log.deliver(request("c"));
    log.deliver(request("d")); // evicts the oldest delivery: "a", although it was repeated

    assertThat(recentIds(10)).containsExactly("d", "c", "b");
  }

  @Test
  void concurrentDeliveriesOfOneIdHaveExactlyOneWinner() throws Exception {
    int threads = 4;
    int rounds = 2000;
    DeliveryLog big = new DeliveryLog(rounds, Clock.systemUTC());
    CyclicBarrier start = new CyclicBarrier(threads);
    AtomicInteger wins = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < rounds; round++) {
                    start.await(10, TimeUnit.SECONDS); // all threads race on the same id
                    if (big.deliver(request("race-" + round)).delivered()) {
                      wins.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(wins.get()).as("one delivery per id").isEqualTo(rounds);
    assertThat(big.size()).isEqualTo(rounds);
  }

  @Test
  void recentIsNewestFirstAndHonoursTheLimit() {
    assertThat(log.recent(5)).isEmpty();
    log.deliver(request("a"));
    log.deliver(request("b"));
    log.deliver(request("c"));

    assertThat(recentIds(1)).containsExactly("c");
    assertThat(recentIds(2)).containsExactly("c", "b");
    assertThat(recentIds(1000)).containsExactly("c", "b", "a");
  }
}
