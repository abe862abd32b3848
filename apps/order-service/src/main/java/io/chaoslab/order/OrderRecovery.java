package io.chaoslab.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the stock of orders that were never confirmed: a request that died between its
 * reservation and its commit (service killed, database down), or whose reservation at inventory
 * timed out and may have landed anyway. Such an order stays PENDING; once nobody has worked on it
 * for {@code idleFor}, its reservation is released at inventory (a no-op when there is none) and
 * the row deleted. Without this, stock would stay reserved for orders that do not exist.
 */
final class OrderRecovery implements PeriodicWorker.Task {
  private static final Logger LOG = LoggerFactory.getLogger(OrderRecovery.class);

  private final OrderStore orders;
  private final Inventory inventory;
  private final Duration idleFor;
  private final int batch;
  private final Counter released;

  OrderRecovery(
      OrderStore orders, Inventory inventory, Duration idleFor, int batch, MeterRegistry registry) {
    this.orders = orders;
    this.inventory = inventory;
    this.idleFor = idleFor;
    this.batch = batch;
    this.released =
        Counter.builder("order.recovery.releases")
            .description("Reservations of unfinished orders given back to inventory")
            .register(registry);
  }

  @Override
  public boolean runOnce() {
    List<OrderStore.Unfinished> claimed = orders.claimUnfinished(idleFor, batch);
    int failures = 0;
    RuntimeException lastFailure = null;
    for (OrderStore.Unfinished order : claimed) {
      try {
        release(order);
      } catch (RuntimeException e) {
        // Stays RELEASING; claimed again once idle for idleFor.
        failures++;
        lastFailure = e;
      }
    }
    if (claimed.size() > failures) { // one line per round, not one per order
      LOG.atInfo()
          .addKeyValue("released", claimed.size() - failures)
          .log("gave back the stock of orders that were never confirmed");
    }
    if (failures > 0) {
      LOG.atWarn()
          .addKeyValue("failed", failures)
          .addKeyValue("released", claimed.size() - failures)
          .addKeyValue("retryInMs", idleFor.toMillis())
          .log("could not release unfinished orders' reservations, will retry: " + lastFailure);
    }
    return claimed.size() == batch && failures == 0;
  }

  private void release(OrderStore.Unfinished order) {
    inventory.release(order.id());
    orders.forget(order);
    released.increment();
    LOG.atDebug()
        .addKeyValue("orderId", order.id())
        .addKeyValue("productId", order.productId())
        .addKeyValue("quantity", order.quantity())
        .addKeyValue("outcome", "released")
        .log("released the reservation of an order that was never confirmed");
  }
}
