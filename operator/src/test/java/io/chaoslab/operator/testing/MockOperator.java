package io.chaoslab.operator.testing;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.chaoslab.operator.chaos.ChaosExperimentReconciler;
import io.chaoslab.operator.chaos.ExperimentRuns;
import io.chaoslab.operator.shopstack.ShopStackReconciler;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/** The operator as tests run it on fabric8's mock API server, and the example ShopStack. */
public final class MockOperator {
  /** The mock implements neither server-side apply nor field managers; production keeps both. */
  public static final Consumer<ConfigurationServiceOverrider> WITHOUT_SERVER_SIDE_APPLY =
      o ->
          o.withSSABasedCreateUpdateMatchForDependentResources(false)
              .withUseSSAToPatchPrimaryResource(false);

  private MockOperator() {}

  /** JOSDK with the ShopStack reconciler, started; the test stops it (the client stays open). */
  public static Operator startShopStack(KubernetesClient client) {
    return startShopStack(client, new SimpleMeterRegistry());
  }

  /** The same, with the ShopStack metrics in {@code registry}. */
  public static Operator startShopStack(KubernetesClient client, MeterRegistry registry) {
    Operator operator =
        new Operator(
            o ->
                WITHOUT_SERVER_SIDE_APPLY.accept(
                    o.withKubernetesClient(client).withCloseClientOnStop(false)));
    operator.register(new ShopStackReconciler(registry));
    operator.start();
    return operator;
  }

  /** JOSDK with the ShopStack and ChaosExperiment reconcilers, as the operator runs them. */
  public record Running(Operator operator, ExperimentRuns experiments) implements AutoCloseable {
    /** Stops as the operator process does: experiments first (they stay Running), then JOSDK. */
    @Override
    public void close() {
      experiments.close();
      operator.stop();
    }
  }

  /** Both reconcilers, started, with their metrics (chaos, ShopStack) in {@code registry}. */
  public static Running start(KubernetesClient client, MeterRegistry registry) {
    Operator operator =
        new Operator(
            o ->
                WITHOUT_SERVER_SIDE_APPLY.accept(
                    o.withKubernetesClient(client).withCloseClientOnStop(false)));
    ExperimentRuns experiments = new ExperimentRuns(client, registry, Clock.systemUTC());
    operator.register(new ShopStackReconciler(registry));
    operator.register(new ChaosExperimentReconciler(experiments));
    operator.start();
    return new Running(operator, experiments);
  }

  /**
   * The Prometheus Operator's ServiceMonitor CRD, as a cluster with that operator has it (the
   * ShopStack reconciler creates a ServiceMonitor only where it exists).
   */
  public static void installServiceMonitorCrd(KubernetesClient client) {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("servicemonitors.monitoring.coreos.com")
                .endMetadata()
                .withNewSpec()
                .withGroup("monitoring.coreos.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("ServiceMonitor")
                .withPlural("servicemonitors")
                .endNames()
                .endSpec()
                .build())
        .create();
  }

  /** {@code crds/examples/shopstack.yaml} (namespace {@code shop}, name {@code demo}), loaded. */
  public static ShopStack exampleShop(KubernetesClient client) {
    try (InputStream in = Files.newInputStream(Path.of("../crds/examples/shopstack.yaml"))) {
      return client.resources(ShopStack.class).load(in).item();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
