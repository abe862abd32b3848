package io.chaoslab.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chaoslab.common.db.Database;
import io.chaoslab.common.http.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code orders} table through an order's life: PENDING while stock is being reserved,
 * CONFIRMED together with its outbox row, or RELEASING and then deleted when recovery gives its
 * stock back. Every state change is guarded by the state it expects, so a request, its duplicates
 * and the recovery worker never overrule each other.
 */
final class OrderStore {
  private static final int MAX_ATTEMPTS = 3;
  private static final String SELECT =
      """
      SELECT o.id, o.request_hash, o.product_id, o.quantity, o.customer_email, o.status,
             o.created_at, x.delivered_at IS NOT NULL AS notified
        FROM orders o LEFT JOIN notification_outbox x ON x.order_id = o.id
       WHERE o.id = ?
      """;

  /**
   * Confirms a PENDING order and queues its notification in one statement, so in one implicit
   * transaction and one round trip.
   */
  private static final String CONFIRM =
      """
      WITH confirmed AS (
        UPDATE orders SET status = 'CONFIRMED', updated_at = now()
         WHERE id = ? AND status = 'PENDING'
        RETURNING id, request_hash, product_id, quantity, customer_email, status, created_at),
      queued AS (
        INSERT INTO notification_outbox (order_id, payload, next_attempt_at)
        SELECT id, ?::jsonb, now() + make_interval(secs => ?) FROM confirmed
        RETURNING order_id)
      SELECT c.*, false AS notified FROM confirmed c JOIN queued q ON q.order_id = c.id
      """;

  private final Database database;
  private final DeliveryMarks marks;

  OrderStore(Database database, DeliveryMarks marks) {
    this.database = database;
    this.marks = marks;
  }

  /**
   * Claims {@code id} for a request: inserts it PENDING, or takes over the PENDING row of an
   * earlier attempt with the same request (refreshing it so recovery leaves it alone). Empty when
   * the request may go on and reserve; otherwise the row that stands in its way (confirmed, being
   * released, or written by a different request).
   */
  Optional<StoredOrder> begin(
      String id, String idempotencyKey, String requestHash, OrderRequest request) {
    // A new order, the common case: one statement in its own implicit transaction.
    if (database.withConnection(
        c -> insertPending(c, id, idempotencyKey, requestHash, request, false))) {
      return Optional.empty();
    }
    return database.inTransaction(
        c -> {
          for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (insertPending(c, id, idempotencyKey, requestHash, request, false)) {
              return Optional.empty();
            }
            Optional<StoredOrder> existing = find(c, id, " FOR UPDATE OF o");
            if (existing.isEmpty()) {
              continue; // deleted meanwhile: insert again
            }
            StoredOrder order = existing.get();
            if (order.status() != OrderStatus.PENDING || !order.requestHash().equals(requestHash)) {
              return existing;
            }
            touch(c, id);
            return Optional.empty();
          }
          throw new IllegalStateException("order " + id + " kept changing under us");
        });
  }

  /**
   * Turns the PENDING order CONFIRMED and writes its notification to the outbox, first due after
   * {@code firstRelayAttempt}; empty when the order is not PENDING (anymore).
   */
  Optional<StoredOrder> confirm(String id, Notification notification, Duration firstRelayAttempt) {
    String payload = toJson(notification);
    return database.withConnection(
        c -> {
          try (PreparedStatement s = c.prepareStatement(CONFIRM)) {
            s.setString(1, id);
            s.setString(2, payload);
            s.setDouble(3, seconds(firstRelayAttempt));
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(storedOrder(rs)) : Optional.empty();
            }
          }
        });
  }

  /** Deletes an order whose reservation was refused: nothing was reserved for it. */
  void abandon(String id, String requestHash) {
    database.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM orders WHERE id = ? AND status = 'PENDING' AND request_hash = ?")) {
            s.setString(1, id);
            s.setString(2, requestHash);
            return s.executeUpdate();
          }
        });
  }

  /**
   * Hands an order that holds a reservation but could not be confirmed to recovery, to be released
   * at its next round: the row becomes (or is written again as) PENDING and long overdue, unless it
   * is CONFIRMED, in which case the reservation is that order's and stays.
   */
  void handBack(String id, String idempotencyKey, String requestHash, OrderRequest request) {
    database.inTransaction(c -> insertPending(c, id, idempotencyKey, requestHash, request, true));
  }

  /**
   * The order as stored; notified also when its delivery is known here but not yet written. The
   * in-memory mark is read before the row: a batch written between the two reads is then in the row
   * (marks are dropped only after their batch committed), never in neither.
   */
  Optional<StoredOrder> find(String id) {
    boolean deliveredHere = marks.isUnwritten(id);
    return database
        .withConnection(c -> find(c, id, ""))
        .map(order -> deliveredHere ? order.withNotified() : order);
  }

  /**
   * Marks up to {@code limit} orders RELEASING that nobody has worked on for {@code idleFor}:
   * PENDING ones whose request is gone, and RELEASING ones whose release did not finish. Rows
   * another replica is claiming are skipped.
   */
  List<Unfinished> claimUnfinished(Duration idleFor, int limit) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  """
                  UPDATE orders SET status = 'RELEASING', updated_at = now()
                   WHERE id IN (SELECT id FROM orders
                                 WHERE status <> 'CONFIRMED'
                                   AND updated_at < now() - make_interval(secs => ?)
                                 ORDER BY updated_at
                                 LIMIT ?
                                   FOR UPDATE SKIP LOCKED)
                  RETURNING id, product_id, quantity, updated_at
                  """)) {
            s.setDouble(1, seconds(idleFor));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
              List<Unfinished> claimed = new ArrayList<>();
              while (rs.next()) {
                claimed.add(
                    new Unfinished(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class)));
              }
              return claimed;
            }
          }
        });
  }

  /**
   * Deletes a released order, unless it changed since it was claimed (then its reservation is
   * released again in a later round).
   */
  boolean forget(Unfinished order) {
    return database.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM orders WHERE id = ? AND status = 'RELEASING' AND updated_at = ?")) {
            s.setString(1, order.id());
            s.setObject(2, order.claimedAt());
            return s.executeUpdate() == 1;
          }
        });
  }

  /**
   * Inserts the order PENDING; when it exists and {@code overdue}, makes it PENDING and overdue
   * instead unless it is CONFIRMED. True when a row was written.
   */
  private static boolean insertPending(
      Connection c,
      String id,
      String idempotencyKey,
      String requestHash,
      OrderRequest request,
      boolean overdue)
      throws SQLException {
    String sql =
        """
        INSERT INTO orders (id, idempotency_key, request_hash, product_id, quantity,
                            customer_email, status, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, 'PENDING', %s)
        """
            .formatted(overdue ? "'-infinity'" : "now()");
    sql +=
        overdue
            ? "ON CONFLICT (id) DO UPDATE SET status = 'PENDING', updated_at = '-infinity'"
                + " WHERE orders.status <> 'CONFIRMED'"
            : "ON CONFLICT DO NOTHING";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      s.setString(2, idempotencyKey);
      s.setString(3, requestHash);
      s.setString(4, request.productId());
      s.setInt(5, request.quantity());
      s.setString(6, request.customerEmail());
      return s.executeUpdate() == 1;
    }
  }

  private static void touch(Connection c, String id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE orders SET updated_at = now() WHERE id = ?")) {
      s.setString(1, id);
      s.executeUpdate();
    }
  }

  private static Optional<StoredOrder> find(Connection c, String id, String lock)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT + lock)) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(storedOrder(rs)) : Optional.empty();
      }
    }
  }

  private static StoredOrder storedOrder(ResultSet rs) throws SQLException {
    return new StoredOrder(
        rs.getString("id"),
        rs.getString("request_hash"),
        rs.getString("product_id"),
        rs.getInt("quantity"),
        rs.getString("customer_email"),
        OrderStatus.valueOf(rs.getString("status")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getBoolean("notified"));
  }

  private static String toJson(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** An order claimed by recovery, and when, so its deletion can check nobody touched it since. */
  record Unfinished(String id, String productId, int quantity, OffsetDateTime claimedAt) {}
}
