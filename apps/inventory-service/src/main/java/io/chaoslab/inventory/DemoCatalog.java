package io.chaoslab.inventory;

import io.chaoslab.common.db.Database;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * The demo shop's products. Seeding inserts only the products that are missing, so restarts and
 * several replicas starting together never reset or duplicate stock.
 */
final class DemoCatalog {
  static final int INITIAL_STOCK = 100_000;

  static final List<Item> ITEMS =
      List.of(
          new Item("cable", "USB-C cable"),
          new Item("charger", "65 W USB-C charger"),
          new Item("dock", "Thunderbolt dock"),
          new Item("headset", "Wireless headset"),
          new Item("keyboard", "Mechanical keyboard"),
          new Item("laptop", "14-inch laptop"),
          new Item("monitor", "27-inch monitor"),
          new Item("mouse", "Ergonomic mouse"),
          new Item("ssd", "1 TB NVMe SSD"),
          new Item("webcam", "1080p webcam"));

  private DemoCatalog() {}

  /** Inserts the missing products with {@link #INITIAL_STOCK} each; returns how many. */
  static int seed(Database database) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO products (id, name, initial_stock, available, reserved)"
                      + " VALUES (?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING")) {
            for (Item item : ITEMS) {
              s.setString(1, item.id());
              s.setString(2, item.name());
              s.setInt(3, INITIAL_STOCK);
              s.setInt(4, INITIAL_STOCK);
              s.addBatch();
            }
            int inserted = 0;
            for (int count : s.executeBatch()) {
              inserted += Math.max(count, 0);
            }
            return inserted;
          }
        });
  }

  /** One product of the catalog. */
  record Item(String id, String name) {}
}
