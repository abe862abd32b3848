package io.chaoslab.operator.testing;

import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.chaos.Action;
import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentSpec;
import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.api.chaos.TargetSpec;
import io.chaoslab.operator.conditions.Conditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** ChaosExperiments as tests write them, and the wait for their verdict. */
public final class Experiments {
  private Experiments() {}

  /** Creates namespace {@code name} labelled {@code chaoslab.io/chaos=enabled}. */
  public static void enabledNamespace(KubernetesClient client, String name) {
    Namespaces.create(client, name, Map.of("chaoslab.io/chaos", "enabled"));
  }

  /**
   * An experiment {@code namespace/name} against ShopStack {@code shop}: one pod-kill of its order
   * service, no pause between rounds, 30 s timeout; then {@code adjust}.
   */
  public static ChaosExperiment of(
      String namespace, String name, String shop, Consumer<ChaosExperimentSpec> adjust) {
    ChaosExperimentSpec spec = new ChaosExperimentSpec();
    TargetSpec target = new TargetSpec();
    target.setShopStack(shop);
    target.setComponent(ShopComponent.ORDER);
    spec.setTarget(target);
    spec.setAction(Action.POD_KILL);
    spec.setIntervalSeconds(0);
    spec.setTimeoutSeconds(30);
    adjust.accept(spec);
    ChaosExperiment experiment = new ChaosExperiment();
    experiment.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    experiment.setSpec(spec);
    return experiment;
  }

  /** Waits until {@code namespace/name} is {@code Complete}; returns it. */
  public static ChaosExperiment awaitComplete(
      KubernetesClient client, String namespace, String name, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> conditionTrue(get(client, namespace, name), "Complete"));
    return get(client, namespace, name);
  }

  /** Creates {@code experiment} and waits for its {@code Complete} condition; returns it. */
  public static ChaosExperiment runToCompletion(
      KubernetesClient client, ChaosExperiment experiment, Duration timeout) {
    client.resource(experiment).create();
    return awaitComplete(
        client,
        experiment.getMetadata().getNamespace(),
        experiment.getMetadata().getName(),
        timeout);
  }

  /** Whether {@code experiment} exists and has condition {@code type} True. */
  public static boolean conditionTrue(ChaosExperiment experiment, String type) {
    return experiment != null
        && experiment.getStatus() != null
        && Conditions.find(experiment.getStatus().getConditions(), type)
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
  }

  private static ChaosExperiment get(KubernetesClient client, String namespace, String name) {
    return client.resources(ChaosExperiment.class).inNamespace(namespace).withName(name).get();
  }
}
