package io.chaoslab.common.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * A service's metrics registry, scraped from {@code /metrics}: {@link JvmMetrics} plus the latency
 * buckets of the services' request histograms.
 */
public final class ShopMetrics implements AutoCloseable {
  /**
   * Latency buckets for request histograms: fine below 100 ms where the shop normally answers,
   * coarse up to the 3 s dependency timeout and beyond, so {@code histogram_quantile} is usable.
   */
  public static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(20),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(200),
    Duration.ofMillis(300),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(3),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final JvmMetrics jvm = new JvmMetrics();

  public PrometheusMeterRegistry registry() {
    return jvm.registry();
  }

  /** A latency timer exported as a Prometheus histogram with {@link #LATENCY_BUCKETS}. */
  public Timer.Builder latencyTimer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .minimumExpectedValue(LATENCY_BUCKETS[0])
        .maximumExpectedValue(LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1]);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return jvm.scrape();
  }

  @Override
  public void close() {
    jvm.close();
  }
}
