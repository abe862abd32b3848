package io.chaoslab.loadgen;

import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the orders of a {@link Schedule}, open loop: one thread waits for each request's due time
 * and sends it without waiting for earlier answers, so a slow shop cannot slow the traffic down and
 * hide its own latency. Latency counts from the due time. Only when {@code concurrency} requests
 * are in flight does the next one wait for a slot, and then it starts late (which the statistics
 * count) and its wait is part of its latency.
 */
final class TrafficGenerator {
  private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final ShopClient client;
  private final Schedule schedule;
  private final ProductMix mix;
  private final int quantity;
  private final SplittableRandom random;
  private final Semaphore slots;
  private final int concurrency;
  private final Statistics statistics;
  private volatile boolean stopRequested;
  private volatile long startNanos;

  TrafficGenerator(
      ShopClient client,
      Schedule schedule,
      ProductMix mix,
      int quantity,
      long seed,
      int concurrency,
      Statistics statistics) {
    this.client = client;
    this.schedule = schedule;
    this.mix = mix;
    this.quantity = quantity;
    this.random = new SplittableRandom(seed);
    this.concurrency = concurrency;
    this.slots = new Semaphore(concurrency);
    this.statistics = statistics;
  }

  /**
   * Sends every request (or until {@link #stop()}), then waits for the answers to the requests
   * sent. Each answer comes within the request timeout, so this ends.
   *
   * @return how many requests were sent
   */
  long run() throws InterruptedException {
    startNanos = System.nanoTime();
    long index = 0;
    for (; index < schedule.totalRequests() && !stopRequested; index++) {
      int product = mix.draw(random);
      long due = startNanos + schedule.dueOffsetNanos(index);
      waitUntil(due);
      if (!takeSlot()) {
        break;
      }
      send(index, product, due);
    }
    slots.acquire(concurrency); // every answer is in
    slots.release(concurrency);
    return index;
  }

  private void send(long index, int product, long due) {
    boolean warmup = schedule.isWarmup(index);
    statistics.sent(warmup, System.nanoTime() - due);
    client
        .placeOrder(index, mix.productId(product), quantity)
        .thenAccept(
            answer -> {
              try {
                statistics.answered(index, warmup, product, answer, due, System.nanoTime());
              } finally {
                slots.release(); // after recording: run() returns when every answer is counted
              }
            });
  }

  private void waitUntil(long due) {
    long wait;
    while ((wait = due - System.nanoTime()) > 0 && !stopRequested) {
      LockSupport.parkNanos(Math.min(wait, STOP_CHECK_NANOS));
    }
  }

  private boolean takeSlot() throws InterruptedException {
    while (!stopRequested) {
      if (slots.tryAcquire(STOP_CHECK_NANOS, TimeUnit.NANOSECONDS)) {
        return true;
      }
    }
    return false;
  }

  /** Sends nothing more; {@link #run()} returns once the requests in flight are answered. */
  void stop() {
    stopRequested = true;
  }

  boolean stopped() {
    return stopRequested;
  }

  /** When the first request was due ({@link System#nanoTime()}), once {@link #run()} started. */
  long startNanos() {
    return startNanos;
  }
}
