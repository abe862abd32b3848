package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.ChaosExperimentSpec;
import io.chaoslab.operator.events.ResourceEvents;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What every run shares: the client (one that does not retry refusals, see {@link Injector}), the
 * checks, the status writer, events and metrics.
 */
record ExperimentContext(
    KubernetesClient client,
    Preflight preflight,
    ExperimentOutcome outcome,
    ExperimentStatusWriter writer,
    ResourceEvents events,
    ChaosMetrics metrics) {

  Injector injector(ChaosExperimentSpec spec) {
    return new Injector(client, spec.getAction(), spec.getGracePeriodSeconds());
  }
}
