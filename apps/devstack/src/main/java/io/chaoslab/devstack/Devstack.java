package io.chaoslab.devstack;

import io.chaoslab.common.config.Env;
import io.chaoslab.common.http.ShopServer;
import io.chaoslab.inventory.InventoryService;
import io.chaoslab.notification.NotificationService;
import io.chaoslab.order.OrderService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole shop in one process: an embedded PostgreSQL and the three services on loopback, wired
 * to each other exactly as in a cluster (HTTP between services, one schema each). {@link #close()}
 * stops the services first, then the database, so nothing is left running.
 */
public final class Devstack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Devstack.class);

  private final EmbeddedPostgres database;
  private final Deque<ShopServer> services = new ArrayDeque<>();
  private final Map<String, String> urls = new HashMap<>();

  private Devstack(EmbeddedPostgres database) {
    this.database = database;
  }

  public static Devstack start(DevstackOptions options) {
    Devstack stack = new Devstack(startDatabase(options));
    try {
      String jdbcUrl = stack.database.getJdbcUrl("postgres", "postgres");
      stack.urls.put("database", jdbcUrl);
      if (options.databaseOnly()) {
        return stack;
      }
      Map<String, String> common =
          Map.of(
              "DATABASE_URL", jdbcUrl,
              "DATABASE_USER", "postgres",
              "DATABASE_PASSWORD", "",
              // No load balancer to take a local service out of rotation: stop without waiting.
              "SHUTDOWN_DRAIN_MS", "0");
      ShopServer inventory =
          stack.add(
              "inventory", InventoryService.start(env(common, options.inventoryPort(), Map.of())));
      ShopServer notification =
          stack.add(
              "notification",
              NotificationService.start(env(common, options.notificationPort(), Map.of())));
      stack.add(
          "order",
          OrderService.start(
              env(
                  common,
                  options.orderPort(),
                  Map.of(
                      "INVENTORY_URL", "http://localhost:" + inventory.port(),
                      "NOTIFICATION_URL", "http://localhost:" + notification.port()))));
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private static EmbeddedPostgres startDatabase(DevstackOptions options) {
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setRegisterShutdownHook(false) // closed by close(), after the services
              .setServerConfig("synchronous_commit", "on"); // durable, as a real PostgreSQL
      if (options.databasePort() > 0) {
        builder.setPort(options.databasePort());
      }
      if (options.dataDir() != null) {
        builder.setDataDirectory(options.dataDir()).setCleanDataDirectory(false);
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static Env env(Map<String, String> common, int port, Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(common);
    values.putAll(extra);
    values.put("PORT", String.valueOf(port));
    return Env.of(values);
  }

  private ShopServer add(String name, ShopServer server) {
    services.push(server);
    urls.put(name, "http://localhost:" + server.port());
    return server;
  }

  /**
   * The base URL of {@code order}, {@code inventory} or {@code notification}, or the JDBC URL of
   * {@code database}.
   */
  public String url(String name) {
    return urls.get(name);
  }

  @Override
  public void close() {
    while (!services.isEmpty()) {
      services.pop().stop();
    }
    try {
      database.close();
    } catch (IOException e) {
      LOG.atWarn().setCause(e).log("the embedded PostgreSQL did not stop cleanly");
    }
  }
}
