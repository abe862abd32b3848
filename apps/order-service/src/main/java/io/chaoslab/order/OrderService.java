package io.chaoslab.order;

import io.chaoslab.common.config.Env;
import io.chaoslab.common.db.Database;
import io.chaoslab.common.db.DatabaseSettings;
import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.http.ShutdownSettings;
import io.chaoslab.common.metrics.ShopMetrics;
import io.chaoslab.common.resilience.DependencyClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** Wires the order service together and starts it. */
public final class OrderService {
  static final String NAME = "order";

  /** How often delivered notifications are written to the outbox, in one batch. */
  private static final Duration MARK_INTERVAL = Duration.ofMillis(20);

  private OrderService() {}

  /**
   * Reads the configuration, migrates the {@code orders} schema (waiting for the database up to its
   * startup timeout), starts serving, then starts the outbox relay and the recovery of unfinished
   * orders. On stop, those two end before the clients and the database close.
   *
   * @throws io.chaoslab.common.config.ConfigException when a setting is invalid, before anything is
   *     started
   */
  public static ShopServer start(Env env) {
    OrderSettings settings = OrderSettings.fromEnv(env);
    DatabaseSettings databaseSettings = DatabaseSettings.fromEnv(env);
    ShutdownSettings shutdown = ShutdownSettings.fromEnv(env);

    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      ShopMetrics metrics = opened(opened, new ShopMetrics());
      Database database =
          opened(opened, Database.open(databaseSettings, "orders", metrics.registry()));
      DependencyClient inventoryClient =
          opened(
              opened,
              new DependencyClient(
                  "inventory", settings.inventoryUrl(), settings.inventory(), metrics.registry()));
      DependencyClient notificationClient =
          opened(
              opened,
              new DependencyClient(
                  "notification",
                  settings.notificationUrl(),
                  settings.notification(),
                  metrics.registry()));

      OutboxStore outbox = new OutboxStore(database);
      DeliveryMarks marks = opened(opened, new DeliveryMarks(outbox));
      OrderStore orders = new OrderStore(database, marks);
      Inventory inventory = new Inventory(inventoryClient);
      Notifier notifier = new Notifier(notificationClient);
      PlaceOrder placeOrder =
          new PlaceOrder(orders, marks, inventory, notifier, firstRelayAttempt(settings));
      PeriodicWorker relay =
          new PeriodicWorker(
              "outbox-relay",
              settings.outboxPoll(),
              new OutboxRelay(outbox, marks, notifier, settings.outboxBatch(), metrics.registry()));
      PeriodicWorker markWriter = new PeriodicWorker("delivery-marks", MARK_INTERVAL, marks);
      PeriodicWorker recovery =
          new PeriodicWorker(
              "order-recovery",
              settings.outboxPoll(),
              new OrderRecovery(
                  orders,
                  inventory,
                  settings.recoveryAfter(),
                  settings.outboxBatch(),
                  metrics.registry()));
      opened.push(markWriter);
      opened.push(relay);
      opened.push(recovery);

      ShopServer server =
          ShopServer.builder(NAME, metrics)
              .port(settings.port())
              .shutdown(shutdown)
              .readinessCheck(database.healthCheck())
              .readinessCheck(inventoryClient.healthCheck())
              .routes(new OrderRoutes(placeOrder, orders, new OrderMetrics(metrics)))
              // Closed in reverse order: the workers first, the database last.
              .closeOnStop(database)
              .closeOnStop(inventoryClient)
              .closeOnStop(notificationClient)
              .closeOnStop(marks) // the last batch, once its writer has stopped
              .closeOnStop(markWriter)
              .closeOnStop(relay)
              .closeOnStop(recovery)
              .start();
      markWriter.start();
      relay.start();
      recovery.start();
      return server;
    } catch (RuntimeException e) {
      closeAll(opened, e);
      throw e;
    }
  }

  /**
   * The relay leaves a new notification to the request's own attempt for as long as that can take,
   * plus a margin, so the two rarely deliver it both.
   */
  private static Duration firstRelayAttempt(OrderSettings settings) {
    return OrderSettings.longestCall(settings.notification()).plusSeconds(2);
  }

  private static <T extends AutoCloseable> T opened(Deque<AutoCloseable> opened, T resource) {
    opened.push(resource);
    return resource;
  }

  private static void closeAll(Deque<AutoCloseable> opened, RuntimeException failure) {
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
