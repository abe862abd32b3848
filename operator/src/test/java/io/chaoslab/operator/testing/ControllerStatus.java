package io.chaoslab.operator.testing;

import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The status the Deployment and StatefulSet controllers write, for tests that need a workload's
 * pods Ready without running them (the mock API server has no controllers).
 */
public final class ControllerStatus {
  private ControllerStatus() {}

  /** {@code ready} of the Deployment's pods are Ready, at its current generation. */
  public static void deploymentReady(
      KubernetesClient client, String namespace, String name, int ready) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            d -> {
              int replicas = d.getSpec().getReplicas();
              d.setStatus(
                  new DeploymentStatusBuilder()
                      .withObservedGeneration(d.getMetadata().getGeneration())
                      .withReplicas(replicas)
                      .withUpdatedReplicas(replicas)
                      .withReadyReplicas(ready)
                      .withAvailableReplicas(ready)
                      .build());
              return d;
            });
  }

  /** Every pod of the Deployment is Ready. */
  public static void deploymentAllReady(KubernetesClient client, String namespace, String name) {
    int replicas =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(name)
            .get()
            .getSpec()
            .getReplicas();
    deploymentReady(client, namespace, name, replicas);
  }

  /** The StatefulSet's one pod is Ready, at its current generation. */
  public static void statefulSetReady(KubernetesClient client, String namespace, String name) {
    client
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            s -> {
              s.setStatus(
                  new StatefulSetStatusBuilder()
                      .withObservedGeneration(s.getMetadata().getGeneration())
                      .withReplicas(1)
                      .withReadyReplicas(1)
                      .build());
              return s;
            });
  }
}
