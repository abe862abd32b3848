package io.chaoslab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.common.config.Env;
import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.testing.TestDatabase;
import io.chaoslab.common.testing.TestHttp;
import io.chaoslab.inventory.InventoryService;
import io.chaoslab.inventory.InventoryTestData;
import io.chaoslab.notification.NotificationService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop for tests: real inventory, notification and order services in this JVM on free ports,
 * inventory and orders in one fresh database (their own schemas), so the books of both can be
 * checked against each other. Inventory and notification can be stopped and started again on the
 * same port.
 */
final class TestShop implements AutoCloseable {
  private static final AtomicInteger IDS = new AtomicInteger();

  /** Short resilience settings so failure tests run fast. */
  static final Map<String, String> FAST =
      Map.of(
          "INVENTORY_TIMEOUT_MS", "2000",
          "INVENTORY_RETRY_DELAY_MS", "100",
          "NOTIFICATION_TIMEOUT_MS", "1000",
          "OUTBOX_POLL_MS", "100");

  final String databaseUrl;
  private final Map<String, String> orderEnv;
  private ShopServer inventory;
  private ShopServer notification;
  private ShopServer order;
  private int inventoryPort;
  private int notificationPort;

  private TestShop(String databaseUrl, Map<String, String> orderEnv) {
    this.databaseUrl = databaseUrl;
    this.orderEnv = orderEnv;
  }

  /** All three services on one fresh database; {@code orderEnv} adds to {@link #FAST}. */
  static TestShop start(Map<String, String> orderEnv) {
    Map<String, String> env = new HashMap<>(FAST);
    env.putAll(orderEnv);
    TestShop shop = new TestShop(TestDatabase.create().url(), env);
    try {
      shop.startInventory();
      shop.startNotification();
      shop.order =
          startOrder(shop.databaseUrl, shop.inventoryUrl(""), shop.notificationUrl(""), env);
      return shop;
    } catch (RuntimeException e) {
      shop.close();
      throw e;
    }
  }

  /** An order service on {@code databaseUrl} talking to the given services. */
  static ShopServer startOrder(
      String databaseUrl, String inventoryUrl, String notificationUrl, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(TestDatabase.env(databaseUrl));
    env.put("PORT", "0");
    env.put("SHUTDOWN_DRAIN_MS", "0");
    env.put("INVENTORY_URL", inventoryUrl);
    env.put("NOTIFICATION_URL", notificationUrl);
    env.putAll(extra);
    return OrderService.start(Env.of(env));
  }

  static ShopServer startInventory(String databaseUrl, int port) {
    Map<String, String> env = new HashMap<>(TestDatabase.env(databaseUrl));
    env.put("PORT", String.valueOf(port));
    env.put("SHUTDOWN_DRAIN_MS", "0");
    return InventoryService.start(Env.of(env));
  }

  static ShopServer startNotification(int port) {
    return NotificationService.start(
        Env.of(Map.of("PORT", String.valueOf(port), "SHUTDOWN_DRAIN_MS", "0")));
  }

  void startInventory() {
    inventory = startInventory(databaseUrl, inventoryPort);
    inventoryPort = inventory.port();
  }

  void stopInventory() {
    inventory.stop();
  }

  void startNotification() {
    notification = startNotification(notificationPort);
    notificationPort = notification.port();
  }

  void stopNotification() {
    notification.stop();
  }

  Map<String, String> orderEnv() {
    return orderEnv;
  }

  String orderUrl(String path) {
    return "http://localhost:" + order.port() + path;
  }

  String inventoryUrl(String path) {
    return "http://localhost:" + inventoryPort + path;
  }

  String notificationUrl(String path) {
    return "http://localhost:" + notificationPort + path;
  }

  // --- orders -------------------------------------------------------------------------------

  static String body(String productId, int quantity, String email) {
    return "{\"productId\":\"%s\",\"quantity\":%d,\"customerEmail\":\"%s\"}"
        .formatted(productId, quantity, email);
  }

  TestHttp.Response order(String productId, int quantity, String... headers) {
    return TestHttp.postJson(
        orderUrl("/orders"), body(productId, quantity, "ada@example.com"), headers);
  }

  TestHttp.Response getOrder(String id) {
    return TestHttp.get(orderUrl("/orders/" + id));
  }

  // --- inventory ------------------------------------------------------------------------------

  /** A product of the caller's own with {@code stock} units, so no other test moves its stock. */
  String newProduct(int stock) throws SQLException {
    String id = "product-" + IDS.incrementAndGet();
    insertProduct(id, stock);
    return id;
  }

  void insertProduct(String id, int stock) throws SQLException {
    try (Connection c = connect()) {
      InventoryTestData.insertProduct(c, id, stock);
    }
  }

  /** {available, reserved} as inventory's API shows them. */
  int[] stock(String productId) {
    return stockAt(inventoryUrl(""), productId);
  }

  static int[] stockAt(String inventoryBase, String productId) {
    TestHttp.Response response = TestHttp.get(inventoryBase + "/products/" + productId);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return new int[] {
      response.json().get("available").asInt(), response.json().get("reserved").asInt()
    };
  }

  void assertStock(String productId, int available, int reserved) {
    assertThat(stock(productId))
        .as("available, reserved of " + productId)
        .containsExactly(available, reserved);
  }

  /**
   * The shop's books balance: inventory's own (available + reserved = initial, reserved = sum of
   * reservations) and across services: every reservation belongs to a CONFIRMED order of the same
   * quantity and every CONFIRMED order has its reservation. Awaited, since recovery of unfinished
   * orders runs in the background.
   */
  void awaitBooksBalance(Duration timeout) {
    await("books balance")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(unbalanced()).isEmpty());
  }

  List<String> unbalanced() throws SQLException {
    return strings(
        """
        SELECT 'product ' || p.id FROM inventory.products p
          LEFT JOIN (SELECT product_id, sum(quantity) AS quantity
                       FROM inventory.reservations GROUP BY product_id) r ON r.product_id = p.id
         WHERE p.available + p.reserved <> p.initial_stock OR p.reserved <> coalesce(r.quantity, 0)
        UNION ALL
        SELECT 'reservation without confirmed order ' || r.order_id FROM inventory.reservations r
          LEFT JOIN orders.orders o ON o.id = r.order_id AND o.status = 'CONFIRMED'
         WHERE o.id IS NULL OR o.quantity <> r.quantity OR o.product_id <> r.product_id
        UNION ALL
        SELECT 'confirmed order without reservation ' || o.id FROM orders.orders o
          LEFT JOIN inventory.reservations r ON r.order_id = o.id
         WHERE o.status = 'CONFIRMED' AND r.order_id IS NULL
        """);
  }

  /** Awaits recovery of every unfinished (not CONFIRMED) order. */
  void awaitNoUnfinishedOrders(Duration timeout) {
    await("unfinished orders recovered")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(
                        strings(
                            "SELECT id || ' ' || status FROM orders.orders WHERE status <> 'CONFIRMED'"))
                    .isEmpty());
  }

  // --- notifications ----------------------------------------------------------------------------

  /** The ids of the notifications the notification service delivered, most recent first. */
  List<String> notificationIds() {
    TestHttp.Response response = TestHttp.get(notificationUrl("/notifications?limit=1000"));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode list = response.json();
    if (!list.isArray()) {
      list = list.path("notifications");
    }
    List<String> ids = new ArrayList<>();
    list.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  // --- metrics --------------------------------------------------------------------------------

  /** The sum of a metric's samples whose labels include all of {@code labels} ("k=\"v\""). */
  static double metric(String baseUrl, String name, String... labels) {
    String text = TestHttp.get(baseUrl + "/metrics").body();
    return text.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> List.of(labels).stream().allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  double orderMetric(String name, String... labels) {
    return metric(orderUrl(""), name, labels);
  }

  // --- database -------------------------------------------------------------------------------

  Connection connect() throws SQLException {
    return DriverManager.getConnection(databaseUrl, "postgres", "");
  }

  int count(String sql) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.execute();
    }
  }

  private List<String> strings(String sql) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }

  @Override
  public void close() {
    for (ShopServer server : new ShopServer[] {order, notification, inventory}) {
      if (server != null) {
        server.stop();
      }
    }
  }
}
