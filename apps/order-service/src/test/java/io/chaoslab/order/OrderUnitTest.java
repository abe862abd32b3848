package io.chaoslab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoslab.common.config.ConfigException;
import io.chaoslab.common.config.Env;
import io.chaoslab.common.metrics.ShopMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts that need no services: settings, labels, backoff, ids. */
class OrderUnitTest {

  @Test
  void defaultsFollowTheContract() {
    OrderSettings settings = OrderSettings.fromEnv(Env.of(Map.of()));

    assertThat(settings.port()).isEqualTo(5000);
    assertThat(settings.inventoryUrl()).isEqualTo(URI.create("http://localhost:5001"));
    assertThat(settings.notificationUrl()).isEqualTo(URI.create("http://localhost:5002"));
    assertThat(settings.inventory().timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.inventory().maxRetries()).isEqualTo(2);
    assertThat(settings.inventory().retryDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.inventory().circuitFailures()).isEqualTo(5);
    assertThat(settings.inventory().circuitOpen()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.notification().timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.notification().maxRetries()).isZero();
    assertThat(settings.outboxPoll()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.outboxBatch()).isEqualTo(100);
    // 3 attempts of 3 s plus 1 s and 2 s of backoff
    assertThat(OrderSettings.longestCall(settings.inventory())).isEqualTo(Duration.ofSeconds(12));
    assertThat(settings.recoveryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(
            OrderSettings.fromEnv(Env.of(Map.of("INVENTORY_TIMEOUT_MS", "10000"))).recoveryAfter())
        .isEqualTo(Duration.ofSeconds(66)); // twice 3 × 10 s + 1 s + 2 s
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> OrderSettings.fromEnv(Env.of(Map.of("INVENTORY_URL", "ftp://x"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("INVENTORY_URL");
    assertThatThrownBy(() -> OrderSettings.fromEnv(Env.of(Map.of("OUTBOX_BATCH", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OUTBOX_BATCH");
    assertThatThrownBy(
            () -> OrderSettings.fromEnv(Env.of(Map.of("ORDER_RECOVERY_AFTER_MS", "5000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORDER_RECOVERY_AFTER_MS")
        .hasMessageContaining("12000 ms");
  }

  @Test
  void productLabelsAreBounded() {
    OrderMetrics metrics = new OrderMetrics(new ShopMetrics());

    assertThat(metrics.productLabel(201, "keyboard")).isEqualTo("keyboard");
    assertThat(metrics.productLabel(400, "keyboard")).isEqualTo("invalid");
    assertThat(metrics.productLabel(415, null)).isEqualTo("invalid");
    assertThat(metrics.productLabel(404, "nope")).isEqualTo("unknown");
    for (int i = 0; i < 200; i++) {
      metrics.productLabel(201, "p" + i);
    }
    assertThat(metrics.productLabel(201, "keyboard")).isEqualTo("keyboard");
    assertThat(metrics.productLabel(201, "p98")).isEqualTo("p98");
    assertThat(metrics.productLabel(201, "p150")).isEqualTo("other");
    assertThat(metrics.productLabel(409, "yet-another")).isEqualTo("other");
  }

  @Test
  void outboxBackoffDoublesUpToAMinute() {
    assertThat(OutboxRelay.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(OutboxRelay.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(OutboxRelay.backoff(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(OutboxRelay.backoff(7)).isEqualTo(Duration.ofSeconds(60));
    assertThat(OutboxRelay.backoff(1_000)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theOrderIdOfAKeyIsStableAndAValidId() {
    String id = new IdempotencyKey("checkout 42").orderId();

    assertThat(new IdempotencyKey("checkout 42").orderId()).isEqualTo(id);
    assertThat(new IdempotencyKey("checkout 43").orderId()).isNotEqualTo(id);
    assertThat(io.chaoslab.common.shop.OrderFields.isId(id)).isTrue();
  }

  @Test
  void theRequestHashIgnoresNothingThatMatters() {
    OrderRequest request = new OrderRequest("keyboard", 2, "ada@example.com");

    assertThat(new OrderRequest("keyboard", 2, "ada@example.com").hash()).isEqualTo(request.hash());
    assertThat(new OrderRequest("keyboard", 3, "ada@example.com").hash())
        .isNotEqualTo(request.hash());
    assertThat(new OrderRequest("keyboard", 2, "eve@example.com").hash())
        .isNotEqualTo(request.hash());
  }
}
