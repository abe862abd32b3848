package io.chaoslab.inventory;

import io.chaoslab.common.metrics.MeterCache;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code inventory_requests_total{operation, status}}: every API request, error answers included.
 * Handlers are wrapped to name their operation; an {@code after} handler, which runs once the
 * answer (or the error mapped from an exception) is set, counts it with its final status.
 */
final class RequestCounter {
  private static final String OPERATION = "inventory.operation";

  private final MeterCache<Labels, Counter> counters;

  RequestCounter(MeterRegistry registry) {
    this.counters =
        new MeterCache<>(
            labels ->
                Counter.builder("inventory.requests")
                    .description("Inventory API requests by operation and HTTP status")
                    .tag("operation", labels.operation())
                    .tag("status", String.valueOf(labels.status()))
                    .register(registry));
  }

  private record Labels(String operation, int status) {}

  /** {@code handler}, counted as {@code operation}. */
  Handler counted(String operation, Handler handler) {
    return ctx -> {
      ctx.attribute(OPERATION, operation);
      handler.handle(ctx);
    };
  }

  void register(RoutesConfig routes) {
    routes.after(this::record);
  }

  private void record(Context ctx) {
    String operation = ctx.attribute(OPERATION);
    if (operation == null) {
      return; // not an API request: /health, /ready, /metrics, unknown paths
    }
    counters.get(new Labels(operation, ctx.statusCode())).increment();
  }
}
