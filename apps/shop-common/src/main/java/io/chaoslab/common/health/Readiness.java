package io.chaoslab.common.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether the service should receive traffic: every dependency check passes within the
 * deadline and the service is not shutting down. Checks run concurrently so one slow dependency
 * costs the deadline once, and a probe never waits longer than that.
 */
public final class Readiness implements AutoCloseable {
  private final List<HealthCheck> checks;
  private final Duration deadline;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean draining;

  public Readiness(List<HealthCheck> checks, Duration deadline) {
    this.checks = List.copyOf(checks);
    this.deadline = deadline;
  }

  /** From now on the service answers 503 on {@code /ready} so it is taken out of rotation. */
  public void startDraining() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  public Report evaluate() {
    Map<String, Future<CheckResult>> running = new LinkedHashMap<>();
    for (HealthCheck check : checks) {
      running.put(check.name(), executor.submit(() -> run(check)));
    }
    long deadlineNanos = System.nanoTime() + deadline.toNanos();
    Map<String, CheckResult> results = new LinkedHashMap<>();
    if (draining) {
      results.put("shutdown", CheckResult.down("the service is shutting down"));
    }
    running.forEach((name, future) -> results.put(name, await(future, deadlineNanos)));
    boolean ready = results.values().stream().allMatch(r -> r.status() == Status.UP);
    return new Report(ready ? Status.UP : Status.DOWN, results);
  }

  private CheckResult await(Future<CheckResult> future, long deadlineNanos) {
    try {
      return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true); // interrupts the check, so a slow one does not outlive the probe
      return CheckResult.down("no answer within " + deadline.toMillis() + " ms");
    } catch (ExecutionException e) {
      return CheckResult.down(String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckResult.down("interrupted");
    }
  }

  private static CheckResult run(HealthCheck check) {
    try {
      check.check();
      return CheckResult.up();
    } catch (Exception e) {
      return CheckResult.down(
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  public enum Status {
    UP,
    DOWN
  }

  /** One dependency's state; {@code message} says what is wrong when it is down. */
  public record CheckResult(Status status, String message) {
    static CheckResult up() {
      return new CheckResult(Status.UP, null);
    }

    static CheckResult down(String message) {
      return new CheckResult(Status.DOWN, message);
    }
  }

  /** The {@code /ready} body. */
  public record Report(Status status, Map<String, CheckResult> checks) {}
}
