package io.chaoslab.order;

import io.chaoslab.common.http.DependencyUnavailableException;
import io.chaoslab.common.resilience.DependencyClient;

/**
 * Sends notifications to the notification service. A failure is an outcome, not an exception: the
 * order stands either way and the outbox tries again.
 */
final class Notifier {
  private final DependencyClient client;

  Notifier(DependencyClient client) {
    this.client = client;
  }

  /** Delivers one notification (a {@link Notification} or its JSON); never throws. */
  Delivery deliver(Object notification) {
    try {
      DependencyClient.Reply reply = client.send("POST", "/notifications", notification);
      return switch (reply.status()) {
        case 200, 201, 202 -> Delivery.DELIVERED;
        default ->
            new Delivery(false, "notification answered " + reply.status() + ": " + reply.body());
      };
    } catch (DependencyUnavailableException e) {
      return new Delivery(false, e.getMessage());
    }
  }

  /** Whether a delivery succeeded, and why not. */
  record Delivery(boolean delivered, String error) {
    static final Delivery DELIVERED = new Delivery(true, null);
  }
}
