package io.chaoslab.inventory;

import io.chaoslab.common.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Products and reservations in the {@code inventory} schema. Every change of stock happens in one
 * transaction together with the reservation row that causes it, so {@code available + reserved}
 * never drifts from the initial stock, and the reservation's primary key makes reserving idempotent
 * on the order id: PostgreSQL makes a concurrent duplicate wait for the first one's outcome.
 */
final class StockRepository {
  /**
   * A retry can find its reservation released between its insert and its read; it then tries again,
   * a few times at most.
   */
  private static final int MAX_ATTEMPTS = 3;

  private static final String RESERVATION_VIEW =
      """
      SELECT r.order_id, r.product_id, r.quantity, r.created_at, p.available
        FROM reservations r JOIN products p ON p.id = r.product_id
       WHERE r.order_id = ?
      """;

  /**
   * Inserts the reservation (unless the order has one: a concurrent duplicate waits for the first
   * and then inserts nothing) and moves its quantity from available to reserved. Concurrent
   * reservations of a product queue on its row and each sees the stock the previous one left; when
   * too little is left the {@code available >= 0} check fails the whole statement.
   */
  private static final String RESERVE =
      """
      WITH reservation AS (
        INSERT INTO reservations (order_id, product_id, quantity)
        SELECT ?, id, ? FROM products WHERE id = ?
        ON CONFLICT (order_id) DO NOTHING
        RETURNING product_id, quantity, created_at)
      UPDATE products p
         SET available = p.available - r.quantity, reserved = p.reserved + r.quantity
        FROM reservation r
       WHERE p.id = r.product_id
      RETURNING p.available, r.created_at
      """;

  /** SQLSTATE of a failed CHECK constraint: here always {@code available >= 0}. */
  private static final String CHECK_VIOLATION = "23514";

  private final Database database;

  StockRepository(Database database) {
    this.database = database;
  }

  List<Product> products() {
    return database.withConnection(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT id, name, available, reserved FROM products ORDER BY id");
              ResultSet rs = s.executeQuery()) {
            List<Product> products = new ArrayList<>();
            while (rs.next()) {
              products.add(product(rs));
            }
            return products;
          }
        });
  }

  Optional<Product> product(String id) {
    return database.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, name, available, reserved FROM products WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(product(rs)) : Optional.empty();
            }
          }
        });
  }

  Optional<Reservation> reservation(String orderId) {
    return database.withConnection(c -> findReservation(c, orderId));
  }

  /**
   * Reserves stock for an order, or repeats the answer of an earlier identical reservation without
   * moving stock again.
   *
   * @throws io.chaoslab.common.http.ApiException 404 for an unknown product, 409 when the stock
   *     does not suffice or the order already reserved something else
   */
  ReserveOutcome reserve(ReservationRequest request) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<ReserveOutcome> outcome = database.withConnection(c -> reserveOnce(c, request));
      if (outcome.isPresent()) {
        return outcome.get();
      }
      // The conflicting reservation was released meanwhile: try again.
    }
    throw new IllegalStateException(
        "reservation for order " + request.orderId() + " kept changing under us");
  }

  /**
   * One reservation attempt. The common case is a single statement in its own implicit transaction
   * (one round trip): insert the reservation and take the stock, or neither when the {@code
   * available >= 0} check fails. Empty when an earlier reservation of the order vanished between
   * the insert and the read.
   */
  private static Optional<ReserveOutcome> reserveOnce(Connection c, ReservationRequest request)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RESERVE)) {
      s.setString(1, request.orderId());
      s.setInt(2, request.quantity());
      s.setString(3, request.productId());
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          return Optional.of(
              new ReserveOutcome(
                  new Reservation(
                      request.orderId(),
                      request.productId(),
                      request.quantity(),
                      rs.getInt(1),
                      rs.getObject(2, OffsetDateTime.class)),
                  true));
        }
      }
    } catch (SQLException e) {
      if (!CHECK_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      int available =
          availableStock(c, request.productId())
              .orElseThrow(() -> InventoryErrors.productNotFound(request.productId()));
      throw InventoryErrors.insufficientStock(request.productId(), available, request.quantity());
    }
    Optional<Reservation> existing = findReservation(c, request.orderId());
    if (existing.isPresent()) {
      if (!existing.get().matches(request)) {
        throw InventoryErrors.reservationConflict(request.orderId(), existing.get());
      }
      return Optional.of(new ReserveOutcome(existing.get(), false));
    }
    if (availableStock(c, request.productId()).isEmpty()) {
      throw InventoryErrors.productNotFound(request.productId());
    }
    return Optional.empty();
  }

  /**
   * Releases an order's reservation and gives its stock back; empty when there was none.
   * Idempotent: a second release finds nothing to give back.
   */
  Optional<Reservation> release(String orderId) {
    return database.inTransaction(
        c -> {
          String productId;
          int quantity;
          OffsetDateTime createdAt;
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM reservations WHERE order_id = ?"
                      + " RETURNING product_id, quantity, created_at")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              productId = rs.getString(1);
              quantity = rs.getInt(2);
              createdAt = rs.getObject(3, OffsetDateTime.class);
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE products SET available = available + ?, reserved = reserved - ?"
                      + " WHERE id = ? RETURNING available")) {
            s.setInt(1, quantity);
            s.setInt(2, quantity);
            s.setString(3, productId);
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                throw new IllegalStateException(
                    "reservation of order " + orderId + " names missing product " + productId);
              }
              return Optional.of(
                  new Reservation(orderId, productId, quantity, rs.getInt(1), createdAt));
            }
          }
        });
  }

  private static Optional<Integer> availableStock(Connection c, String productId)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT available FROM products WHERE id = ?")) {
      s.setString(1, productId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
      }
    }
  }

  private static Optional<Reservation> findReservation(Connection c, String orderId)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RESERVATION_VIEW)) {
      s.setString(1, orderId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Reservation(
                rs.getString("order_id"),
                rs.getString("product_id"),
                rs.getInt("quantity"),
                rs.getInt("available"),
                rs.getObject("created_at", OffsetDateTime.class)));
      }
    }
  }

  private static Product product(ResultSet rs) throws SQLException {
    return new Product(
        rs.getString("id"), rs.getString("name"), rs.getInt("available"), rs.getInt("reserved"));
  }
}
