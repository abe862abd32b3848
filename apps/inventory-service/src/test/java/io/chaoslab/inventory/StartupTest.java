package io.chaoslab.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoslab.common.config.ConfigException;
import io.chaoslab.common.config.Env;
import io.chaoslab.common.testing.TestDatabase;
import io.chaoslab.common.testing.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration, schema and seeding at start. */
class StartupTest {

  @Test
  void invalidConfigurationFailsBeforeAnythingStarts() {
    assertThatThrownBy(() -> InventoryService.start(Env.of(Map.of("PORT", "70000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PORT");
    assertThatThrownBy(() -> InventoryService.start(Env.of(Map.of("INVENTORY_SEED", "maybe"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("INVENTORY_SEED");
    assertThatThrownBy(
            () -> InventoryService.start(Env.of(Map.of("DATABASE_URL", "mysql://db/shop"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DATABASE_URL");
  }

  @Test
  void defaultsToPort5001AndSeeding() {
    assertThat(InventorySettings.fromEnv(Env.of(Map.of())))
        .isEqualTo(new InventorySettings(5001, true));
  }

  @Test
  void seedingAgainNeverResetsStock() throws Exception {
    String url = TestDatabase.create().url();
    try (RunningInventory first = RunningInventory.start(url, Map.of())) {
      assertThat(first.reserve("before-restart", "laptop", 5).status()).isEqualTo(201);
    }
    // A restart, and a second replica starting next to it, seed the same catalog again.
    try (RunningInventory restarted = RunningInventory.start(url, Map.of());
        RunningInventory replica = RunningInventory.start(url, Map.of())) {
      restarted.assertStock("laptop", DemoCatalog.INITIAL_STOCK - 5, 5);
      replica.assertStock("laptop", DemoCatalog.INITIAL_STOCK - 5, 5);
      assertThat(TestHttp.get(restarted.url("/products")).json()).hasSize(DemoCatalog.ITEMS.size());
      assertThat(restarted.reserve("before-restart", "laptop", 5).status()).isEqualTo(200);
    }
  }

  @Test
  void seedingCanBeTurnedOff() {
    try (RunningInventory inventory =
        RunningInventory.start(TestDatabase.create().url(), Map.of("INVENTORY_SEED", "false"))) {
      TestHttp.Response products = TestHttp.get(inventory.url("/products"));
      assertThat(products.status()).isEqualTo(200);
      assertThat(products.json()).isEmpty();
    }
  }
}
