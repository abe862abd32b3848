package io.chaoslab.operator.api.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.chaoslab.operator.api.Crds;
import io.chaoslab.operator.api.StructuralDefaults;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java model and the CRD describe the same resource: the examples survive a trip through the
 * model and the Kubernetes client, what Java fills in for a left-out field is what the API server
 * fills in, and the enums are read and written with their wire values.
 */
@EnableKubernetesMockClient(crud = true)
class ChaosExperimentModelTest {

  private static final JsonNode SCHEMA = Crds.schema(Crds.CHAOS_EXPERIMENT_FILE);

  /**
   * Numbers compare by value: a YAML {@code 30} is a {@code Double} 30.0 in the model, and both are
   * the same number to the API server.
   */
  private static final Comparator<JsonNode> SAME_VALUE =
      (a, b) ->
          a.isNumber() && b.isNumber()
              ? Double.compare(a.doubleValue(), b.doubleValue())
              : a.equals(b) ? 0 : 1;

  KubernetesClient client;

  static List<Path> examples() {
    return Crds.examples(ChaosExperimentSchemaTest.KIND);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{target: {shopStack: demo, component: order}, action: pod-kill}",
        "{target: {selector: {matchLabels: {app: web}}}, action: pod-evict, slo: {}}",
        "{target: {shopStack: demo, component: database}, action: pod-kill, probe: {url: 'http://a'}}"
      })
  void javaFillsInWhatTheApiServerFillsIn(String spec) {
    ChaosExperimentSpec read =
        client
            .getKubernetesSerialization()
            .convertValue(Crds.readYaml(spec), ChaosExperimentSpec.class);

    assertSameValues(tree(read), StructuralDefaults.defaultedSpec(SCHEMA, Crds.readYaml(spec)));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void examplesLoadIntoTheModelWithNothingLost(Path example) {
    ChaosExperiment experiment = load(example);

    assertSameValues(tree(experiment.getSpec()), defaultedSpec(example));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void examplesRoundTripThroughTheApi(Path example) {
    ChaosExperiment experiment = load(example);

    client.resource(experiment).create();
    ChaosExperiment read =
        client
            .resources(ChaosExperiment.class)
            .inNamespace(experiment.getMetadata().getNamespace())
            .withName(experiment.getMetadata().getName())
            .get();

    assertSameValues(tree(read.getSpec()), defaultedSpec(example));
  }

  @Test
  void theContractsExperimentReadsAsItsEnums() {
    ChaosExperimentSpec spec =
        load(Crds.examplesDir().resolve("chaos-evict-database.yaml")).getSpec();

    assertThat(spec.getTarget().getShopStack()).isEqualTo("demo");
    assertThat(spec.getTarget().getComponent()).isEqualTo(ShopComponent.DATABASE);
    assertThat(spec.getAction()).isEqualTo(Action.POD_EVICT);
    assertThat(spec.getMode()).isEqualTo(Mode.ONE);
    assertThat(spec.getSlo().getMaxOutageSeconds()).isEqualTo(60.0);
  }

  static Stream<Arguments> wireNames() {
    return Stream.of(
        Arguments.of(Action.POD_KILL, "pod-kill"),
        Arguments.of(Action.POD_EVICT, "pod-evict"),
        Arguments.of(Mode.ONE, "one"),
        Arguments.of(Mode.FIXED, "fixed"),
        Arguments.of(Mode.PERCENT, "percent"),
        Arguments.of(Mode.ALL, "all"),
        Arguments.of(ShopComponent.ORDER, "order"),
        Arguments.of(ShopComponent.INVENTORY, "inventory"),
        Arguments.of(ShopComponent.NOTIFICATION, "notification"),
        Arguments.of(ShopComponent.DATABASE, "database"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("wireNames")
  void enumsAreWrittenAndReadAsTheirWireNames(Enum<?> constant, String wireName) {
    assertThat(tree(constant).asText()).isEqualTo(wireName);
    assertThat(
            client
                .getKubernetesSerialization()
                .convertValue(JsonNodeFactory.instance.textNode(wireName), constant.getClass()))
        .isEqualTo(constant);
  }

  /** {@code wireName()}, for messages and metric labels, says what the JSON says. */
  @Test
  void wireNamesAreTheContractsValues() {
    assertThat(Arrays.stream(Action.values()).map(Action::wireName))
        .containsExactly("pod-kill", "pod-evict");
    assertThat(Arrays.stream(Mode.values()).map(Mode::wireName))
        .containsExactly("one", "fixed", "percent", "all");
    assertThat(Arrays.stream(ShopComponent.values()).map(ShopComponent::wireName))
        .containsExactly("order", "inventory", "notification", "database");
  }

  @Test
  void onlyPassedFailedAndErrorAreFinished() {
    assertThat(Arrays.stream(ExperimentPhase.values()).filter(ExperimentPhase::finished))
        .containsExactly(ExperimentPhase.Passed, ExperimentPhase.Failed, ExperimentPhase.Error);
  }

  @Test
  void statusRoundTripsThroughTheStatusSubresource() {
    ChaosExperiment experiment =
        client.resource(load(Crds.examplesDir().resolve("chaos-kill-order.yaml"))).create();
    ChaosExperimentStatus status = passedStatus();
    experiment.setStatus(status);

    client.resource(experiment).updateStatus();
    ChaosExperiment read =
        client.resources(ChaosExperiment.class).inNamespace("shop").withName("kill-order").get();

    assertThat(tree(read.getStatus())).isEqualTo(tree(status));
    assertThat(read.getStatus().getKills().getFirst().getServingAt())
        .isEqualTo("2026-11-26T10:15:34.480Z");
    assertThat(read.getStatus().getRecovery().getMeanSeconds()).isEqualTo(4.213);
  }

  private static ChaosExperimentStatus passedStatus() {
    KillStatus kill = new KillStatus();
    kill.setRound(1);
    kill.setPod("demo-order-7d9f8b6c5-x2k4q");
    kill.setUid("0d6a1f0e-5b7c-4f3e-9a51-2c1f7e9b8d40");
    kill.setKilledAt("2026-11-26T10:15:30.267Z");
    kill.setReplacement("demo-order-7d9f8b6c5-m8r2t");
    kill.setCreatedAt("2026-11-26T10:15:30.291Z");
    kill.setScheduledAt("2026-11-26T10:15:30.305Z");
    kill.setStartedAt("2026-11-26T10:15:31.020Z");
    kill.setReadyAt("2026-11-26T10:15:34.410Z");
    kill.setServingAt("2026-11-26T10:15:34.480Z");
    kill.setRecoverySeconds(4.213);
    KillStatus refused = new KillStatus();
    refused.setRound(2);
    refused.setPod("demo-order-7d9f8b6c5-m8r2t");
    refused.setRefused("PodDisruptionBudget demo-order allows 0 disruptions");
    AvailabilityStatus availability = new AvailabilityStatus();
    availability.setProbes(58L);
    availability.setFailures(0L);
    availability.setPercent(100.0);
    availability.setLongestOutageSeconds(0.0);
    availability.setLatencyP95Millis(3.1);
    availability.setLatencyP99Millis(7.9);
    ChaosExperimentStatus status = new ChaosExperimentStatus();
    status.setObservedGeneration(1L);
    status.setPhase(ExperimentPhase.Passed);
    status.setTarget("demo/order");
    status.setStartedAt("2026-11-26T10:15:29.950Z");
    status.setFinishedAt("2026-11-26T10:15:35.012Z");
    status.setSeed(42L);
    status.setPlan(List.of(new PlannedKill(1, "demo-order-7d9f8b6c5-x2k4q")));
    status.setKillCount(1);
    status.setKills(List.of(kill, refused));
    status.setRecovery(new RecoveryStatus(4.213, 4.213, 4.213, 4.213));
    status.setAvailability(availability);
    status.setMessage("recovered in 4.2 s (SLO 30 s); availability 100.0 %");
    status.setConditions(
        List.of(
            condition("Complete", "True", "Finished"), condition("Succeeded", "True", "SloMet")));
    return status;
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(
      String type, String status, String reason) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage("recovered in 4.2 s (SLO 30 s)")
        .withLastTransitionTime("2026-11-26T10:15:35.012Z")
        .withObservedGeneration(1L)
        .build();
  }

  private ChaosExperiment load(Path example) {
    return client.resources(ChaosExperiment.class).load(example.toFile()).item();
  }

  /** The example's spec as the API server stores it: with the CRD's defaults filled in. */
  private static JsonNode defaultedSpec(Path example) {
    return StructuralDefaults.defaultedSpec(SCHEMA, Crds.readYaml(example).get("spec"));
  }

  private static void assertSameValues(JsonNode actual, JsonNode expected) {
    assertThat(actual.equals(SAME_VALUE, expected))
        .as("%s%nhas the values of%n%s", actual.toPrettyString(), expected.toPrettyString())
        .isTrue();
  }

  private JsonNode tree(Object value) {
    return client.getKubernetesSerialization().convertValue(value, JsonNode.class);
  }
}
