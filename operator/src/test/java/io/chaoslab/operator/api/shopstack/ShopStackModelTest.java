package io.chaoslab.operator.api.shopstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.operator.api.Crds;
import io.chaoslab.operator.api.StructuralDefaults;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java model and the CRD describe the same resource: the examples survive a trip through the
 * model and the Kubernetes client unchanged, and what Java fills in for a left-out field is what
 * the API server fills in.
 */
@EnableKubernetesMockClient(crud = true)
class ShopStackModelTest {

  private static final JsonNode SCHEMA = Crds.schema(Crds.SHOPSTACK_FILE);

  KubernetesClient client;

  static List<Path> examples() {
    return Crds.examples("ShopStack");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{image: {}, order: {}, inventory: {}, notification: {}, database: {}, monitoring: {}}"
      })
  void javaFillsInWhatTheApiServerFillsIn(String spec) {
    ShopStackSpec read =
        client.getKubernetesSerialization().convertValue(Crds.readYaml(spec), ShopStackSpec.class);

    assertThat(tree(read)).isEqualTo(StructuralDefaults.defaultedSpec(SCHEMA, Crds.readYaml(spec)));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void examplesLoadIntoTheModelWithNothingLost(Path example) {
    ShopStack shop = client.resources(ShopStack.class).load(example.toFile()).item();

    assertThat(tree(shop.getSpec())).isEqualTo(defaultedSpec(example));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void examplesRoundTripThroughTheApi(Path example) {
    ShopStack shop = client.resources(ShopStack.class).load(example.toFile()).item();

    client.resource(shop).create();
    ShopStack read =
        client
            .resources(ShopStack.class)
            .inNamespace(shop.getMetadata().getNamespace())
            .withName(shop.getMetadata().getName())
            .get();

    assertThat(tree(read.getSpec())).isEqualTo(defaultedSpec(example));
  }

  @Test
  void statusRoundTripsThroughTheStatusSubresource() {
    ShopStack shop =
        client
            .resource(client.resources(ShopStack.class).load(example("shopstack.yaml")).item())
            .create();
    ShopStackStatus status = readyStatus();
    shop.setStatus(status);

    client.resource(shop).updateStatus();
    ShopStack read = client.resources(ShopStack.class).inNamespace("shop").withName("demo").get();

    assertThat(tree(read.getStatus())).isEqualTo(tree(status));
    assertThat(read.getStatus().getConditions().getFirst().getLastTransitionTime())
        .isEqualTo("2026-11-26T10:15:30.123Z");
  }

  private static ShopStackStatus readyStatus() {
    ComponentsStatus components = new ComponentsStatus();
    components.setOrder(new ComponentStatus(2, 2));
    components.setInventory(new ComponentStatus(2, 2));
    components.setNotification(new ComponentStatus(2, 2));
    components.setDatabase(new ComponentStatus(1, 1));
    ShopStackStatus status = new ShopStackStatus();
    status.setObservedGeneration(1L);
    status.setPhase(Phase.Ready);
    status.setReadySummary("7/7");
    status.setComponents(components);
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("AllComponentsReady")
                .withMessage("7 of 7 pods ready")
                .withLastTransitionTime("2026-11-26T10:15:30.123Z")
                .withObservedGeneration(1L)
                .build()));
    return status;
  }

  /** The example's spec as the API server stores it: with the CRD's defaults filled in. */
  private static JsonNode defaultedSpec(Path example) {
    return StructuralDefaults.defaultedSpec(SCHEMA, Crds.readYaml(example).get("spec"));
  }

  private static java.io.File example(String name) {
    return Crds.examplesDir().resolve(name).toFile();
  }

  private JsonNode tree(Object value) {
    return client.getKubernetesSerialization().convertValue(value, JsonNode.class);
  }
}
