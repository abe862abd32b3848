package io.chaoslab.order;

import io.chaoslab.common.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code notification_outbox} table as the relay sees it. Rows are leased, not locked, while
 * they are delivered: claiming one pushes its next attempt past the lease, so no transaction stays
 * open during an HTTP call, and a relay that dies mid-batch only delays its rows until the lease
 * ends. {@code FOR UPDATE SKIP LOCKED} lets several replicas claim side by side.
 */
final class OutboxStore {
  private final Database database;

  OutboxStore(Database database) {
    this.database = database;
  }

  /** Claims up to {@code limit} due, undelivered rows for {@code lease}, counting the attempt. */
  List<Entry> claimDue(int limit, Duration lease) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  """
                  UPDATE notification_outbox
                     SET attempts = attempts + 1,
                         next_attempt_at = now() + make_interval(secs => ?)
                   WHERE order_id IN (SELECT order_id FROM notification_outbox
                                       WHERE delivered_at IS NULL AND next_attempt_at <= now()
                                       ORDER BY next_attempt_at
                                       LIMIT ?
                                         FOR UPDATE SKIP LOCKED)
                  RETURNING order_id, payload::text, attempts
                  """)) {
            s.setDouble(1, OrderStore.seconds(lease));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
              List<Entry> claimed = new ArrayList<>();
              while (rs.next()) {
                claimed.add(new Entry(rs.getString(1), rs.getString(2), rs.getInt(3)));
              }
              return claimed;
            }
          }
        });
  }

  /**
   * Marks the given orders' notifications delivered, in one statement; a notification delivered
   * earlier keeps its time. The rows are found by primary key alone: with {@code delivered_at IS
   * NULL} in the WHERE clause PostgreSQL also scanned the partial index of undelivered rows, whose
   * entries for rows delivered since the last vacuum it must read and skip (about a thousand per
   * batch at 500 orders/s, 50 batches a second; docs/benchmarks.md).
   */
  void markDelivered(List<String> orderIds) {
    database.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE notification_outbox"
                      + " SET delivered_at = coalesce(delivered_at, now()), last_error = NULL"
                      + " WHERE order_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            return s.executeUpdate();
          }
        });
  }

  /** Records a failed attempt; the row is due again after {@code retryIn}. */
  void markFailed(String orderId, String error, Duration retryIn) {
    database.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE notification_outbox"
                      + " SET next_attempt_at = now() + make_interval(secs => ?), last_error = ?"
                      + " WHERE order_id = ? AND delivered_at IS NULL")) {
            s.setDouble(1, OrderStore.seconds(retryIn));
            s.setString(2, error.length() > 500 ? error.substring(0, 500) : error);
            s.setString(3, orderId);
            return s.executeUpdate();
          }
        });
  }

  /** Notifications not delivered yet, due or not. */
  long countPending() {
    return database.withConnection(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT count(*) FROM notification_outbox WHERE delivered_at IS NULL");
              ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** A claimed row: the notification to send as JSON, and how many attempts it has had. */
  record Entry(String orderId, String payload, int attempts) {}
}
