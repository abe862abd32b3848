package io.chaoslab.loadgen;

import java.time.Duration;

/**
 * A run's settings, checked.
 *
 * @param duration how long to send at {@code rate}; null when {@code count} is given
 * @param count how many orders to send; null when {@code duration} is given
 * @param products the product mix; null for every product the shop lists, equally
 * @param maxErrorPercent fail the run when more answers than this are not 2xx; null: never
 */
record Settings(
    String orderUrl,
    String inventoryUrl,
    int rate,
    Duration duration,
    Long count,
    Duration warmup,
    int concurrency,
    ProductMix products,
    int quantity,
    Duration timeout,
    boolean json,
    boolean quiet,
    boolean ledger,
    Duration ledgerTimeout,
    Double maxErrorPercent,
    long seed) {

  Schedule schedule() {
    return Schedule.of(rate, warmup, count != null ? count : Schedule.requestsIn(rate, duration));
  }
}
