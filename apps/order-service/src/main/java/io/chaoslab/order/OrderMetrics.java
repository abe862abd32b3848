package io.chaoslab.order;

import io.chaoslab.common.metrics.MeterCache;
import io.chaoslab.common.metrics.ShopMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code order_requests_total{status,product}} and {@code order_request_duration_seconds{status}}
 * for every answer of {@code POST /orders}. The product label is the product id only for requests
 * that named an existing product ({@code invalid} for a 4xx before that was known, {@code unknown}
 * for a 404), and at most {@link #MAX_PRODUCT_LABELS} distinct ids get a label of their own (the
 * rest count as {@code other}), so clients cannot blow up the number of series.
 */
final class OrderMetrics {
  static final int MAX_PRODUCT_LABELS = 100;

  private final Set<String> products = ConcurrentHashMap.newKeySet();

  private final MeterCache<Labels, Counter> requests;
  private final MeterCache<Integer, Timer> durations;

  OrderMetrics(ShopMetrics metrics) {
    this.requests =
        new MeterCache<>(
            labels ->
                Counter.builder("order.requests")
                    .description("Answers of POST /orders by status and product")
                    .tag("status", String.valueOf(labels.status()))
                    .tag("product", labels.product())
                    .register(metrics.registry()));
    this.durations =
        new MeterCache<>(
            status ->
                metrics
                    .latencyTimer(
                        "order.request.duration", "Time to answer POST /orders, by status")
                    .tag("status", String.valueOf(status))
                    .register(metrics.registry()));
  }

  private record Labels(int status, String product) {}

  /**
   * @param productId the validated product id, null when the body was not read or not valid
   */
  void record(int status, String productId, long elapsedNanos) {
    requests.get(new Labels(status, productLabel(status, productId))).increment();
    durations.get(status).record(elapsedNanos, TimeUnit.NANOSECONDS);
  }

  String productLabel(int status, String productId) {
    if (productId == null || status == 400) {
      return "invalid";
    }
    if (status == 404) {
      return "unknown";
    }
    if (products.contains(productId)) {
      return productId;
    }
    synchronized (products) {
      if (products.size() < MAX_PRODUCT_LABELS) {
        products.add(productId);
        return productId;
      }
    }
    return "other";
  }
}
