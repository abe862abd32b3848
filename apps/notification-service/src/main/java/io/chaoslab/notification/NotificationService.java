package io.chaoslab.notification;

import io.chaoslab.common.config.Env;
import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.http.ShutdownSettings;
import io.chaoslab.common.metrics.ShopMetrics;
import java.time.Clock;

/**
 * The notification service: delivers each order's notification once. It depends on nothing, so it
 * is ready whenever it serves; its memory is bounded by {@code NOTIFICATION_HISTORY}.
 */
public final class NotificationService {
  private NotificationService() {}

  public static ShopServer start(Env env) {
    int port = env.integer("PORT", 5002, 0, 65535);
    int history = env.integer("NOTIFICATION_HISTORY", 10_000, 1, 1_000_000);
    ShutdownSettings shutdown = ShutdownSettings.fromEnv(env);
    ShopMetrics metrics = new ShopMetrics();
    DeliveryLog log = new DeliveryLog(history, Clock.systemUTC());
    return ShopServer.builder("notification", metrics)
        .port(port)
        .shutdown(shutdown)
        .routes(new NotificationRoutes(log, metrics.registry()))
        .start();
  }
}
