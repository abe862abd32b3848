package io.chaoslab.order;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on a thread of its own every {@code interval}, until closed. A failing round (the
 * database or a dependency down) is logged and the next round comes after the interval as usual, so
 * the worker survives outages without spinning; it runs again at once only when the task says more
 * work is waiting.
 */
final class PeriodicWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicWorker.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Duration interval;
  private final Task task;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread thread;

  PeriodicWorker(String name, Duration interval, Task task) {
    this.name = name;
    this.interval = interval;
    this.task = task;
  }

  synchronized void start() {
    if (thread == null) {
      thread = Thread.ofPlatform().name(name).daemon(true).start(this::loop);
    }
  }

  private void loop() {
    boolean failing = false;
    while (stopped.getCount() > 0) {
      boolean moreWork = false;
      try {
        moreWork = task.runOnce();
        if (failing) {
          LOG.atInfo().addKeyValue("worker", name).log("worker recovered");
          failing = false;
        }
      } catch (RuntimeException e) {
        // One warning per outage, not one per round.
        (failing ? LOG.atDebug() : LOG.atWarn())
            .addKeyValue("worker", name)
            .addKeyValue("retryInMs", interval.toMillis())
            .log("worker round failed, will retry: " + e);
        failing = true;
      }
      if (!moreWork) {
        awaitStop(interval);
      }
    }
  }

  private void awaitStop(Duration timeout) {
    try {
      stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped.countDown();
    }
  }

  /** Stops after the current round, waiting for it up to 10 s (then interrupting it). */
  @Override
  public void close() {
    stopped.countDown();
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running == null) {
      return;
    }
    try {
      if (!running.join(STOP_TIMEOUT)) {
        LOG.atWarn().addKeyValue("worker", name).log("worker did not stop in time, interrupting");
        running.interrupt();
      }
    } catch (InterruptedException e) {
      running.interrupt();
      Thread.currentThread().interrupt();
    }
  }

  /** One round of work. */
  @FunctionalInterface
  interface Task {
    /** Does one round; true when it left work that is due right away (a full batch). */
    boolean runOnce();
  }
}
