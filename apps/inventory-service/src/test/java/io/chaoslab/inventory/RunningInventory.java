package io.chaoslab.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.common.config.Env;
import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.testing.TestDatabase;
import io.chaoslab.common.testing.TestHttp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The inventory service started in-process on a free port, with JDBC access to its schema. */
final class RunningInventory implements AutoCloseable {
  private final String databaseUrl;
  private final ShopServer server;
  private final String base;

  private RunningInventory(String databaseUrl, ShopServer server) {
    this.databaseUrl = databaseUrl;
    this.server = server;
    this.base = "http://localhost:" + server.port();
  }

  /** On a fresh database, with the demo catalog. */
  static RunningInventory start() {
    return start(TestDatabase.create().url(), Map.of());
  }

  /** On the database at {@code databaseUrl}, with extra environment variables. */
  static RunningInventory start(String databaseUrl, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(TestDatabase.env(databaseUrl));
    env.put("PORT", "0");
    env.put("SHUTDOWN_DRAIN_MS", "0");
    env.putAll(extraEnv);
    return new RunningInventory(databaseUrl, InventoryService.start(Env.of(env)));
  }

  String url(String path) {
    return base + path;
  }

  TestHttp.Response reserve(String orderId, String productId, int quantity) {
    return TestHttp.postJson(
        url("/reservations"),
        "{\"orderId\":\"%s\",\"productId\":\"%s\",\"quantity\":%d}"
            .formatted(orderId, productId, quantity));
  }

  TestHttp.Response release(String orderId) {
    return TestHttp.delete(url("/reservations/" + orderId));
  }

  /** The product as {@code GET /products/{id}} shows it; fails unless that answers 200. */
  JsonNode product(String id) {
    TestHttp.Response response = TestHttp.get(url("/products/" + id));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  /** Asserts the product's stock as the API shows it. */
  void assertStock(String productId, int available, int reserved) {
    JsonNode product = product(productId);
    assertThat(product.get("available").asInt())
        .as("available of " + productId)
        .isEqualTo(available);
    assertThat(product.get("reserved").asInt()).as("reserved of " + productId).isEqualTo(reserved);
  }

  /** Inserts a product with {@code stock} units straight into the inventory schema. */
  void insertProduct(String id, int stock) throws SQLException {
    try (Connection c = connect()) {
      InventoryTestData.insertProduct(c, id, stock);
    }
  }

  /**
   * Products whose books do not balance: {@code available + reserved} differs from the initial
   * stock, or {@code reserved} differs from the sum of the product's reservations. Empty when all
   * is well.
   */
  List<String> unbalancedProducts() throws SQLException {
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                """
                SELECT p.id FROM inventory.products p
                  LEFT JOIN (SELECT product_id, sum(quantity) AS quantity
                               FROM inventory.reservations GROUP BY product_id) r
                    ON r.product_id = p.id
                 WHERE p.available + p.reserved <> p.initial_stock
                    OR p.reserved <> coalesce(r.quantity, 0)
                """);
        ResultSet rs = s.executeQuery()) {
      List<String> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      return ids;
    }
  }

  int count(String sql) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(databaseUrl, "postgres", "");
  }

  /** The value of the {@code inventory_requests_total} sample for an operation and status. */
  double requestCount(String operation, int status) {
    String metrics = TestHttp.get(url("/metrics")).body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("inventory_requests_total{"))
        .filter(line -> line.contains("operation=\"" + operation + "\""))
        .filter(line -> line.contains("status=\"" + status + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Override
  public void close() {
    server.stop();
  }
}
