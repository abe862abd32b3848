package io.chaoslab.order;

import io.chaoslab.common.config.ConfigException;
import io.chaoslab.common.config.Env;
import io.chaoslab.common.resilience.ResilienceSettings;
import java.net.URI;
import java.time.Duration;

/**
 * The order service's own settings (the database and shutdown settings are shop-common's).
 *
 * @param port {@code PORT}, default 5000, 0 for a free port
 * @param inventoryUrl {@code INVENTORY_URL}, default http://localhost:5001
 * @param notificationUrl {@code NOTIFICATION_URL}, default http://localhost:5002
 * @param inventory {@code INVENTORY_TIMEOUT_MS} (3 s), {@code _RETRIES} (2), {@code
 *     _RETRY_DELAY_MS} (1 s, then 2 s), {@code _CIRCUIT_FAILURES} (5), {@code _CIRCUIT_OPEN_MS} (10
 *     s)
 * @param notification the same with prefix {@code NOTIFICATION}: 1 s, no retry, 5, 10 s
 * @param outboxPoll {@code OUTBOX_POLL_MS} (1 s): how often the outbox relay and the recovery of
 *     unfinished orders look for work
 * @param outboxBatch {@code OUTBOX_BATCH} (100): rows each of them takes per round
 * @param recoveryAfter {@code ORDER_RECOVERY_AFTER_MS} (30 s, or twice the longest inventory call
 *     if that is more): how long an unfinished (PENDING) order is left alone before its reservation
 *     is released; must exceed the longest a request can spend reserving, or a slow request could
 *     see its fresh reservation released
 */
record OrderSettings(
    int port,
    URI inventoryUrl,
    URI notificationUrl,
    ResilienceSettings inventory,
    ResilienceSettings notification,
    Duration outboxPoll,
    int outboxBatch,
    Duration recoveryAfter) {

  static final ResilienceSettings INVENTORY_DEFAULTS =
      new ResilienceSettings(
          Duration.ofSeconds(3), 2, Duration.ofSeconds(1), 5, Duration.ofSeconds(10));
  static final ResilienceSettings NOTIFICATION_DEFAULTS =
      new ResilienceSettings(
          Duration.ofSeconds(1), 0, Duration.ofSeconds(1), 5, Duration.ofSeconds(10));

  static OrderSettings fromEnv(Env env) {
    ResilienceSettings inventory = ResilienceSettings.fromEnv(env, "INVENTORY", INVENTORY_DEFAULTS);
    return new OrderSettings(
        env.integer("PORT", 5000, 0, 65_535),
        env.httpUrl("INVENTORY_URL", "http://localhost:5001"),
        env.httpUrl("NOTIFICATION_URL", "http://localhost:5002"),
        inventory,
        ResilienceSettings.fromEnv(env, "NOTIFICATION", NOTIFICATION_DEFAULTS),
        env.millis(
            "OUTBOX_POLL_MS", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(5)),
        env.integer("OUTBOX_BATCH", 100, 1, 10_000),
        recoveryAfter(env, longestCall(inventory)));
  }

  /**
   * {@code ORDER_RECOVERY_AFTER_MS}: by default 30 s, or twice the longest inventory call when that
   * is longer; when set, it must exceed the longest inventory call.
   */
  private static Duration recoveryAfter(Env env, Duration longestInventoryCall) {
    Duration fallback = longestInventoryCall.multipliedBy(2);
    if (fallback.compareTo(Duration.ofSeconds(30)) < 0) {
      fallback = Duration.ofSeconds(30);
    }
    Duration recoveryAfter =
        env.millis(
            "ORDER_RECOVERY_AFTER_MS", fallback, Duration.ofMillis(100), Duration.ofHours(24));
    if (recoveryAfter.compareTo(longestInventoryCall) <= 0) {
      throw new ConfigException(
          ("ORDER_RECOVERY_AFTER_MS must be longer than the longest inventory call (%d ms with"
                  + " the INVENTORY_* settings), got %d")
              .formatted(longestInventoryCall.toMillis(), recoveryAfter.toMillis()));
    }
    return recoveryAfter;
  }

  /** The longest one call through these policies can take: every attempt times out. */
  static Duration longestCall(ResilienceSettings settings) {
    Duration total = settings.timeout().multipliedBy(settings.maxRetries() + 1L);
    Duration delay = settings.retryDelay();
    for (int retry = 0; retry < settings.maxRetries(); retry++) {
      total = total.plus(delay);
      delay = delay.multipliedBy(2);
    }
    return total;
  }
}
