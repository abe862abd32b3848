package io.chaoslab.operator.api.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.operator.api.Crds;
import org.junit.jupiter.api.Test;

/**
 * The ChaosExperiment CRD's columns, spec and status are fixed by the contract and issue 6; what
 * every CRD shares is checked by {@code CrdConventionsTest}.
 */
class ChaosExperimentCrdTest {

  private final JsonNode crd = Crds.crd(Crds.CHAOS_EXPERIMENT_FILE);
  private final JsonNode spec = Crds.schema(Crds.CHAOS_EXPERIMENT_FILE).at("/properties/spec");
  private final JsonNode status = Crds.schema(Crds.CHAOS_EXPERIMENT_FILE).at("/properties/status");

  /** The generator orders the columns by JSON path, so {@code kubectl} shows Age first. */
  @Test
  void kubectlGetShowsPhaseTargetKillsMttrAvailabilityAndAge() {
    assertThat(Crds.printerColumns(crd))
        .containsExactlyInAnyOrder(
            "Phase .status.phase string",
            "Target .status.target string",
            "Kills .status.killCount integer",
            "MTTR .status.recovery.meanSeconds number",
            "Availability .status.availability.percent number",
            "Age .metadata.creationTimestamp date");
  }

  @Test
  void specHasTheContractsFieldsWithTheirWireValues() {
    assertThat(Crds.fieldNames(spec.get("properties")))
        .containsExactlyInAnyOrder(
            "target",
            "action",
            "mode",
            "value",
            "gracePeriodSeconds",
            "rounds",
            "intervalSeconds",
            "slo",
            "probe",
            "timeoutSeconds",
            "dryRun",
            "seed",
            "allowDisruptionBudgetViolation");
    assertThat(Crds.texts(spec.at("/properties/action/enum")))
        .containsExactlyInAnyOrder("pod-kill", "pod-evict");
    assertThat(Crds.texts(spec.at("/properties/mode/enum")))
        .containsExactlyInAnyOrder("one", "fixed", "percent", "all");
    assertThat(Crds.texts(spec.at("/properties/target/properties/component/enum")))
        .containsExactlyInAnyOrder("order", "inventory", "notification", "database");
    assertThat(Crds.fieldNames(spec.at("/properties/slo/properties")))
        .containsExactlyInAnyOrder(
            "maxRecoverySeconds", "minAvailabilityPercent", "maxOutageSeconds");
    assertThat(Crds.fieldNames(spec.at("/properties/probe/properties")))
        .containsExactlyInAnyOrder("url", "intervalMillis");
  }

  @Test
  void statusHasTheContractsFields() {
    JsonNode fields = status.get("properties");

    assertThat(Crds.fieldNames(fields))
        .containsExactlyInAnyOrder(
            "observedGeneration",
            "phase",
            "conditions",
            "target",
            "desiredReadyPods",
            "startedAt",
            "finishedAt",
            "seed",
            "plan",
            "killCount",
            "kills",
            "recovery",
            "availability",
            "message");
    assertThat(Crds.texts(fields.at("/phase/enum")))
        .containsExactlyInAnyOrder("Pending", "Running", "Passed", "Failed", "Error");
    assertThat(Crds.fieldNames(fields.at("/plan/items/properties")))
        .containsExactlyInAnyOrder("round", "pod");
    assertThat(Crds.fieldNames(fields.at("/recovery/properties")))
        .containsExactlyInAnyOrder("meanSeconds", "p50Seconds", "p95Seconds", "maxSeconds");
    assertThat(Crds.fieldNames(fields.at("/availability/properties")))
        .containsExactlyInAnyOrder(
            "probes",
            "failures",
            "percent",
            "longestOutageSeconds",
            "latencyP95Millis",
            "latencyP99Millis");
  }

  /** The contract's timeline, plus the replacement's creation and the reason of a refusal. */
  @Test
  void everyKillHasTheContractsTimeline() {
    assertThat(Crds.fieldNames(status.at("/properties/kills/items/properties")))
        .containsExactlyInAnyOrder(
            "round",
            "pod",
            "uid",
            "killedAt",
            "replacement",
            "createdAt",
            "scheduledAt",
            "startedAt",
            "readyAt",
            "servingAt",
            "recoverySeconds",
            "refused");
  }
}
