package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.Action;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * Takes one pod down, with the spec's grace period: {@code pod-kill} deletes it, {@code pod-evict}
 * asks the Eviction API, which refuses (429) when a PodDisruptionBudget allows no disruption. A
 * refusal is an answer, not an error: it is recorded and not retried, so the client given here must
 * not retry 429s itself.
 */
final class Injector {
  private final KubernetesClient client;
  private final Action action;
  private final long gracePeriodSeconds;

  Injector(KubernetesClient client, Action action, long gracePeriodSeconds) {
    this.client = client;
    this.action = action;
    this.gracePeriodSeconds = gracePeriodSeconds;
  }

  /** Empty when the API server accepted the kill, else why the pod was left alone. */
  Optional<String> kill(Pod pod) {
    var resource =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName());
    try {
      if (action == Action.POD_KILL) {
        return resource.withGracePeriod(gracePeriodSeconds).delete().isEmpty()
            ? Optional.of("the pod was already gone")
            : Optional.empty();
      }
      Eviction eviction =
          new EvictionBuilder()
              .withNewMetadata()
              .withName(pod.getMetadata().getName())
              .withNamespace(pod.getMetadata().getNamespace())
              .endMetadata()
              .withDeleteOptions(
                  new DeleteOptionsBuilder().withGracePeriodSeconds(gracePeriodSeconds).build())
              .build();
      return resource.evict(eviction)
          ? Optional.empty()
          : Optional.of(
              "the Eviction API refused (429): a PodDisruptionBudget allows no disruption now");
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.of("the pod was already gone");
      }
      throw e;
    }
  }
}
