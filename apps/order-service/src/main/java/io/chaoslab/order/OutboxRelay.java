package io.chaoslab.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.common.http.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's due notifications: at least once, since a delivery whose record fails is
 * repeated, and exactly once as the customer sees it, since the notification service drops a
 * repeated id. A failed delivery is tried again after a backoff that doubles per attempt, from 1 s
 * up to 60 s. Keeps {@code notification_outbox_pending} at the count of undelivered rows.
 */
final class OutboxRelay implements PeriodicWorker.Task {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  static final Duration LEASE = Duration.ofSeconds(60);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final OutboxStore outbox;
  private final DeliveryMarks marks;
  private final Notifier notifier;
  private final int batch;
  private final AtomicLong pending = new AtomicLong();
  private final Counter delivered;
  private final Counter failed;

  OutboxRelay(
      OutboxStore outbox,
      DeliveryMarks marks,
      Notifier notifier,
      int batch,
      MeterRegistry registry) {
    this.marks = marks;
    this.outbox = outbox;
    this.notifier = notifier;
    this.batch = batch;
    Gauge.builder("notification.outbox.pending", pending, AtomicLong::get)
        .description("Order notifications not delivered yet")
        .register(registry);
    this.delivered = deliveries(registry, "delivered");
    this.failed = deliveries(registry, "failed");
  }

  private static Counter deliveries(MeterRegistry registry, String result) {
    return Counter.builder("order.outbox.deliveries")
        .description("Deliveries of order notifications by the outbox relay")
        .tag("result", result)
        .register(registry);
  }

  @Override
  public boolean runOnce() {
    List<OutboxStore.Entry> due = outbox.claimDue(batch, LEASE);
    int failures = 0;
    String lastError = null;
    for (OutboxStore.Entry entry : due) {
      String error = deliver(entry);
      if (error != null) {
        failures++;
        lastError = error;
      }
    }
    pending.set(outbox.countPending());
    if (failures > 0) { // one line per round, not one per notification
      LOG.atWarn()
          .addKeyValue("failed", failures)
          .addKeyValue("delivered", due.size() - failures)
          .addKeyValue("pending", pending.get())
          .log("outbox deliveries failed, will retry with backoff: " + lastError);
    }
    return due.size() == batch && failures == 0;
  }

  /** Delivers one row; null when delivered, else the error. */
  private String deliver(OutboxStore.Entry entry) {
    Notifier.Delivery delivery = notifier.deliver(json(entry.payload()));
    if (delivery.delivered()) {
      marks.delivered(entry.orderId());
      delivered.increment();
      LOG.atDebug()
          .addKeyValue("orderId", entry.orderId())
          .addKeyValue("attempt", entry.attempts())
          .addKeyValue("outcome", "delivered")
          .log("notification delivered from the outbox");
      return null;
    }
    Duration retryIn = backoff(entry.attempts());
    outbox.markFailed(entry.orderId(), delivery.error(), retryIn);
    failed.increment();
    LOG.atDebug()
        .addKeyValue("orderId", entry.orderId())
        .addKeyValue("attempt", entry.attempts())
        .addKeyValue("retryInMs", retryIn.toMillis())
        .addKeyValue("outcome", "failed")
        .log("notification delivery failed: " + delivery.error());
    return delivery.error();
  }

  /** 1 s after the first attempt, doubling, at most 60 s. */
  static Duration backoff(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 16);
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << doublings);
    return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
  }

  private static JsonNode json(String payload) {
    try {
      return Json.MAPPER.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the outbox holds invalid JSON", e); // jsonb cannot
    }
  }
}
