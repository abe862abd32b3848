package io.chaoslab.operator.runtime;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * The operator's registry, scraped from {@code /metrics}: JOSDK's reconciliation metrics ({@code
 * operator_sdk_*}), the JVM and process metrics the shop services expose too, and {@code
 * chaoslab_operator_leader}. One registry per operator instance, so two instances in one JVM (the
 * leader election test) count apart.
 */
public final class OperatorMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  public OperatorMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

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
    return registry.scrape();
  }

  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
