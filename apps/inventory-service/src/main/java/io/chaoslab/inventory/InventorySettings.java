package io.chaoslab.inventory;

import io.chaoslab.common.config.Env;

/**
 * The inventory's own settings: {@code PORT} (default 5001, 0 for a free port) and {@code
 * INVENTORY_SEED} (default true: insert the demo catalog's missing products at start).
 */
record InventorySettings(int port, boolean seed) {
  static final int DEFAULT_PORT = 5001;

  static InventorySettings fromEnv(Env env) {
    return new InventorySettings(
        env.integer("PORT", DEFAULT_PORT, 0, 65_535), env.bool("INVENTORY_SEED", true));
  }
}
