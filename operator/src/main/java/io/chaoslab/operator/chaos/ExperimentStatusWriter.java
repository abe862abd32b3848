package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

/**
 * Writes an experiment's whole status. One run owns an experiment's status, so the write replaces
 * it without a resourceVersion: a JSON patch that sets {@code /status}, which neither conflicts
 * with a concurrent edit of the spec or labels nor merges lists (a merge patch would).
 */
final class ExperimentStatusWriter {
  /** The experiment no longer exists: its run stops. */
  static final class Gone extends RuntimeException {
    Gone(String message) {
      super(message, null, false, false);
    }
  }

  private final KubernetesClient client;

  ExperimentStatusWriter(KubernetesClient client) {
    this.client = client;
  }

  void write(ChaosExperiment experiment, ChaosExperimentStatus status) {
    String patch =
        client
            .getKubernetesSerialization()
            .asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    try {
      client
          .resources(ChaosExperiment.class)
          .inNamespace(experiment.getMetadata().getNamespace())
          .withName(experiment.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        throw new Gone("ChaosExperiment " + experiment.getMetadata().getName() + " was deleted");
      }
      throw e;
    }
  }
}
