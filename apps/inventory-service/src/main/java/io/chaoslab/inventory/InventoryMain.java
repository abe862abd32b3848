package io.chaoslab.inventory;

import io.chaoslab.common.config.ConfigException;
import io.chaoslab.common.config.Env;
import io.chaoslab.common.http.ShopServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory service's process: starts it from the environment and stops it gracefully on
 * SIGTERM. Exits 2 on invalid configuration, 1 when it cannot start.
 */
public final class InventoryMain {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryMain.class);

  private InventoryMain() {}

  public static void main(String[] args) {
    ShopServer server;
    try {
      server = InventoryService.start(Env.system());
    } catch (ConfigException e) {
      LOG.atError()
          .addKeyValue("service", InventoryService.NAME)
          .addKeyValue("reason", e.getMessage())
          .log("invalid configuration, not starting: " + e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      LOG.atError()
          .addKeyValue("service", InventoryService.NAME)
          .addKeyValue("reason", e.getMessage())
          .setCause(e)
          .log("cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "inventory-shutdown"));
  }
}
