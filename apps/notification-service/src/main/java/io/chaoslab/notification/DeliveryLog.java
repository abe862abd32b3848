package io.chaoslab.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The notifications delivered recently, at most {@code capacity} of them: the recent list and the
 * memory that makes delivery idempotent on the notification id. The oldest are forgotten first.
 */
final class DeliveryLog {
  private final int capacity;
  private final Clock clock;
  private final LinkedHashMap<String, Notification> byId = new LinkedHashMap<>();

  DeliveryLog(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  /**
   * The outcome of {@link #deliver}: the notification as kept, and whether this call delivered it.
   */
  record Outcome(Notification notification, boolean delivered) {}

  /** Records the notification unless its id was delivered already; exactly one caller wins. */
  synchronized Outcome deliver(NotificationRequest request) {
    Notification earlier = byId.get(request.id());
    if (earlier != null) {
      return new Outcome(earlier, false);
    }
    Notification delivered =
        new Notification(
            request.id(),
            request.orderId(),
            request.customerEmail(),
            request.message(),
            clock.instant());
    byId.put(delivered.id(), delivered);
    if (byId.size() > capacity) {
      byId.pollFirstEntry(); // the oldest
    }
    return new Outcome(delivered, true);
  }

  synchronized Optional<Notification> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The {@code limit} most recent notifications, newest first. Walks back from the newest, so a
   * request costs {@code limit} steps under the lock however long the history is.
   */
  synchronized List<Notification> recent(int limit) {
    List<Notification> newestFirst = new ArrayList<>(Math.min(limit, byId.size()));
    for (Notification notification : byId.sequencedValues().reversed()) {
      if (newestFirst.size() == limit) {
        break;
      }
      newestFirst.add(notification);
    }
    return newestFirst;
  }

  synchronized int size() {
    return byId.size();
  }
}
