package io.chaoslab.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Stock set up straight in the inventory schema, for tests of inventory and of its callers. */
public final class InventoryTestData {
  private InventoryTestData() {}

  /** Inserts a product with {@code stock} units available and none reserved. */
  public static void insertProduct(Connection c, String id, int stock) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO inventory.products (id, name, initial_stock, available, reserved)"
                + " VALUES (?, ?, ?, ?, 0)")) {
      s.setString(1, id);
      s.setString(2, "Test product " + id);
      s.setInt(3, stock);
      s.setInt(4, stock);
      s.executeUpdate();
    }
  }
}
