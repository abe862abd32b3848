package io.chaoslab.inventory;

import io.chaoslab.common.config.Env;
import io.chaoslab.common.db.Database;
import io.chaoslab.common.db.DatabaseSettings;
import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.http.ShutdownSettings;
import io.chaoslab.common.metrics.ShopMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the inventory service together and starts it. */
public final class InventoryService {
  static final String NAME = "inventory";
  private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);

  private InventoryService() {}

  /**
   * Reads the configuration, migrates the schema (waiting for the database up to its startup
   * timeout), seeds the demo catalog when asked to, and starts serving.
   *
   * @throws io.chaoslab.common.config.ConfigException when a setting is invalid, before anything is
   *     started
   */
  public static ShopServer start(Env env) {
    InventorySettings settings = InventorySettings.fromEnv(env);
    DatabaseSettings databaseSettings = DatabaseSettings.fromEnv(env);
    ShutdownSettings shutdown = ShutdownSettings.fromEnv(env);

    ShopMetrics metrics = new ShopMetrics();
    Database database;
    try {
      database = Database.open(databaseSettings, NAME, metrics.registry());
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    try {
      if (settings.seed()) {
        int inserted = DemoCatalog.seed(database);
        LOG.atInfo()
            .addKeyValue("service", NAME)
            .addKeyValue("productsInserted", inserted)
            .addKeyValue("catalogSize", DemoCatalog.ITEMS.size())
            .log("demo catalog seeded");
      }
      StockRepository stock = new StockRepository(database);
      RequestCounter requests = new RequestCounter(metrics.registry());
      return ShopServer.builder(NAME, metrics)
          .port(settings.port())
          .shutdown(shutdown)
          .readinessCheck(database.healthCheck())
          .routes(new InventoryRoutes(stock, requests))
          .closeOnStop(database)
          .start();
    } catch (RuntimeException e) {
      database.close();
      metrics.close();
      throw e;
    }
  }
}
