package io.chaoslab.operator.runtime;

import io.chaoslab.common.metrics.JvmMetrics;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * The operator's registry, scraped from {@code /metrics}: JOSDK's reconciliation metrics ({@code
 * operator_sdk_*}), the JVM and process metrics the shop services expose too, and {@code
 * chaoslab_operator_leader}. One registry per operator instance, so two instances in one JVM (the
 * leader election test) count apart.
 */
public final class OperatorMetrics implements AutoCloseable {
  private final JvmMetrics jvm = new JvmMetrics();
  private final MeterRegistry registry = jvm.registry();

  /** Where the operator's own meters (and the reconcilers') are registered. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * JOSDK's metrics into this registry, aggregated per resource kind: per-resource series would
   * grow with every ChaosExperiment ever run.
   */
  Metrics josdk() {
    return MicrometerMetrics.withoutPerResourceMetrics(registry);
  }

  /** {@code chaoslab_operator_leader}: 1 while this replica reconciles, 0 on a standby. */
  void leaderGauge(BooleanSupplier reconciling) {
    Gauge.builder("chaoslab.operator.leader", () -> reconciling.getAsBoolean() ? 1 : 0)
        .description("1 while this replica reconciles (it leads, or leader election is off)")
        .register(registry);
  }

  /** The Prometheus text exposition. */
  String scrape() {
    return jvm.scrape();
  }

  @Override
  public void close() {
    jvm.close();
  }
}
