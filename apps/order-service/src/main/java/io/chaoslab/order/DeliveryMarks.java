package io.chaoslab.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records delivered notifications in the outbox in batches, off the request path: one UPDATE for
 * all the orders delivered since the last round instead of one per order. Losing a batch (database
 * down, crash) only means the relay delivers those again later, and the notification service drops
 * the duplicates. Until its batch is written, an order still reads as notified on this replica.
 */
final class DeliveryMarks implements PeriodicWorker.Task, AutoCloseable {
  private static final int MAX_BATCH = 1000;

  private final OutboxStore outbox;
  private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
  private final Set<String> unwritten = ConcurrentHashMap.newKeySet();

  DeliveryMarks(OutboxStore outbox) {
    this.outbox = outbox;
  }

  /** The order's notification was delivered; it is written with the next batch. */
  void delivered(String orderId) {
    unwritten.add(orderId);
    queue.add(orderId);
  }

  /** True while a delivery is known but not yet written to the outbox. */
  boolean isUnwritten(String orderId) {
    return unwritten.contains(orderId);
  }

  /** Writes one batch; true when more are waiting. */
  @Override
  public boolean runOnce() {
    List<String> batch = new ArrayList<>();
    for (String id = queue.poll();
        id != null;
        id = batch.size() < MAX_BATCH ? queue.poll() : null) {
      batch.add(id);
    }
    if (batch.isEmpty()) {
      return false;
    }
    try {
      outbox.markDelivered(batch);
    } finally {
      // Written, or left to the relay to deliver again: either way no longer ours to report.
      batch.forEach(unwritten::remove);
    }
    return !queue.isEmpty();
  }

  /** Writes what is left (called after the worker has stopped). */
  @Override
  public void close() {
    while (runOnce()) {
      // until the queue is empty
    }
  }
}
