package io.chaoslab.order;

import io.chaoslab.common.http.ApiException;
import io.chaoslab.common.http.DependencyUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places an order: claim the order id in the database (PENDING), reserve the stock at inventory,
 * confirm the order together with its outbox notification, then try the notification once.
 *
 * <p>Stock is never lost or duplicated: the order row exists before its reservation does, so a
 * reservation always belongs to a known order; a reservation that cannot be confirmed (database
 * down, service killed, inventory timed out) stays with a PENDING row that {@link OrderRecovery}
 * releases. Nothing here releases stock itself, because after a failed commit nobody can tell
 * whether the order was confirmed after all, and a duplicate request with the same key may be
 * confirming the very same reservation.
 */
final class PlaceOrder {
  private static final Logger LOG = LoggerFactory.getLogger(PlaceOrder.class);

  private final OrderStore orders;
  private final DeliveryMarks marks;
  private final Inventory inventory;
  private final Notifier notifier;
  private final Duration firstRelayAttempt;

  /**
   * @param firstRelayAttempt how long the outbox relay leaves a new notification to the inline
   *     attempt before it tries itself
   */
  PlaceOrder(
      OrderStore orders,
      DeliveryMarks marks,
      Inventory inventory,
      Notifier notifier,
      Duration firstRelayAttempt) {
    this.orders = orders;
    this.marks = marks;
    this.inventory = inventory;
    this.notifier = notifier;
    this.firstRelayAttempt = firstRelayAttempt;
  }

  /** The answer: the order, and whether this request created it (201) or found it (200). */
  record Outcome(OrderView order, boolean created) {}

  Outcome place(OrderRequest request, Optional<IdempotencyKey> key) {
    Attempt attempt =
        new Attempt(
            key.map(IdempotencyKey::orderId).orElseGet(() -> UUID.randomUUID().toString()),
            key.map(IdempotencyKey::value).orElse(null),
            request.hash(),
            request);
    Optional<StoredOrder> earlier =
        orders.begin(attempt.orderId(), attempt.key(), attempt.hash(), request);
    if (earlier.isPresent()) {
      return repeated(earlier.get(), attempt);
    }
    reserve(attempt);
    Notification notification = Notification.orderConfirmed(attempt.orderId(), request);
    Optional<StoredOrder> confirmed = confirm(attempt, notification);
    if (confirmed.isEmpty()) {
      return confirmedElsewhere(attempt);
    }
    boolean sent = notify(confirmed.get(), notification);
    LOG.atDebug()
        .addKeyValue("orderId", attempt.orderId())
        .addKeyValue("productId", request.productId())
        .addKeyValue("quantity", request.quantity())
        .addKeyValue("outcome", "confirmed")
        .addKeyValue("notification", sent ? "SENT" : "PENDING")
        .log("order confirmed");
    return new Outcome(confirmed.get().view(sent), true);
  }

  /** The order id is taken: the same request again gets the order, anything else an error. */
  private static Outcome repeated(StoredOrder order, Attempt attempt) {
    if (!order.requestHash().equals(attempt.hash())) {
      log(attempt, "idempotency key reused").log("order refused");
      throw OrderErrors.idempotencyKeyReused();
    }
    if (order.status() != OrderStatus.CONFIRMED) {
      throw OrderErrors.orderBeingReleased();
    }
    log(attempt, "repeated").log("order repeated, answering the stored one");
    return new Outcome(order.view(), false);
  }

  private void reserve(Attempt attempt) {
    try {
      inventory.reserve(attempt.orderId(), attempt.request());
    } catch (DependencyUnavailableException e) {
      // The reservation may still land: the PENDING row stays for recovery to release.
      LOG.atWarn()
          .addKeyValue("orderId", attempt.orderId())
          .addKeyValue("productId", attempt.request().productId())
          .addKeyValue("outcome", "inventory unavailable")
          .log("order failed: " + e.getMessage());
      throw e;
    } catch (ApiException e) {
      log(attempt, e.code()).log("order refused by inventory");
      try {
        orders.abandon(attempt.orderId(), attempt.hash()); // nothing was reserved
      } catch (RuntimeException abandonFailed) {
        // harmless: recovery releases the (absent) reservation and removes the row later
        LOG.atDebug().setCause(abandonFailed).log("could not remove the refused order's row");
      }
      throw e;
    }
  }

  private Optional<StoredOrder> confirm(Attempt attempt, Notification notification) {
    try {
      return orders.confirm(attempt.orderId(), notification, firstRelayAttempt);
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("orderId", attempt.orderId())
          .addKeyValue("productId", attempt.request().productId())
          .addKeyValue("outcome", "not persisted")
          .log("order failed after its stock was reserved, recovery will release it: " + e);
      handBack(attempt);
      throw e;
    }
  }

  /** Nothing to confirm: a duplicate with the same key did, or recovery took the order away. */
  private Outcome confirmedElsewhere(Attempt attempt) {
    Optional<StoredOrder> now = orders.find(attempt.orderId());
    if (now.isPresent() && now.get().status() == OrderStatus.CONFIRMED) {
      return repeated(now.get(), attempt);
    }
    LOG.atWarn()
        .addKeyValue("orderId", attempt.orderId())
        .addKeyValue("productId", attempt.request().productId())
        .addKeyValue("outcome", "interrupted")
        .log("order was taken over by recovery before it was confirmed");
    handBack(attempt);
    throw OrderErrors.orderInterrupted();
  }

  /** Leaves the reservation to recovery; when even that fails, the PENDING row still does. */
  private void handBack(Attempt attempt) {
    try {
      orders.handBack(attempt.orderId(), attempt.key(), attempt.hash(), attempt.request());
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("orderId", attempt.orderId())
          .log("could not hand the reservation to recovery now; it will find it later: " + e);
    }
  }

  private boolean notify(StoredOrder order, Notification notification) {
    Notifier.Delivery delivery = notifier.deliver(notification);
    if (!delivery.delivered()) {
      // Per order at DEBUG: an outage shows once, as the circuit opening and the relay failing.
      LOG.atDebug()
          .addKeyValue("orderId", order.id())
          .addKeyValue("outcome", "notification pending")
          .log("notification not delivered, the outbox will retry: " + delivery.error());
      return false;
    }
    marks.delivered(order.id());
    return true;
  }

  private static org.slf4j.spi.LoggingEventBuilder log(Attempt attempt, String outcome) {
    return LOG.atDebug()
        .addKeyValue("orderId", attempt.orderId())
        .addKeyValue("productId", attempt.request().productId())
        .addKeyValue("outcome", outcome);
  }

  /** One request's order id, key and request hash. */
  private record Attempt(String orderId, String key, String hash, OrderRequest request) {}
}
