package io.chaoslab.operator.api.shopstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CRD's names and its version's shape are fixed by the project contract. */
class ShopStackCrdTest {

  private final JsonNode crd = Crds.shopStackCrd();
  private final JsonNode version = crd.at("/spec/versions/0");

  @Test
  void namesFollowTheContract() {
    assertThat(crd.at("/metadata/name").asText()).isEqualTo("shopstacks.chaoslab.io");
    assertThat(crd.at("/spec/group").asText()).isEqualTo("chaoslab.io");
    assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
    assertThat(crd.at("/spec/names/kind").asText()).isEqualTo("ShopStack");
    assertThat(crd.at("/spec/names/plural").asText()).isEqualTo("shopstacks");
    assertThat(crd.at("/spec/names/singular").asText()).isEqualTo("shopstack");
    assertThat(texts(crd.at("/spec/names/shortNames"))).containsExactly("shop");
  }

  @Test
  void oneServedStoredVersionWithAStatusSubresource() {
    assertThat(crd.at("/spec/versions").size()).isOne();
    assertThat(version.get("name").asText()).isEqualTo("v1alpha1");
    assertThat(version.get("served").asBoolean()).isTrue();
    assertThat(version.get("storage").asBoolean()).isTrue();
    assertThat(version.at("/subresources/status").isObject()).isTrue();
  }

  @Test
  void kubectlGetShowsPhaseReadyPodsAndAge() {
    List<JsonNode> columns = new ArrayList<>();
    version.get("additionalPrinterColumns").forEach(columns::add);

    assertThat(columns)
        .extracting(
            c -> c.get("name").asText(),
            c -> c.get("jsonPath").asText(),
            c -> c.get("type").asText())
        .containsExactlyInAnyOrder(
            tuple("Phase", ".status.phase", "string"),
            tuple("Ready", ".status.readySummary", "string"),
            tuple("Age", ".metadata.creationTimestamp", "date"));
  }

  @Test
  void statusHasTheContractsFieldsAndKubernetesConditions() {
    JsonNode status = version.at("/schema/openAPIV3Schema/properties/status/properties");

    assertThat(status.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "observedGeneration", "phase", "readySummary", "components", "conditions");
    assertThat(texts(status.at("/phase/enum")))
        .containsExactlyInAnyOrder("Pending", "Progressing", "Ready", "Degraded", "Failed");
    assertThat(status.at("/components/properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("order", "inventory", "notification", "database");
    assertThat(status.at("/conditions/items/properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "type", "status", "reason", "message", "lastTransitionTime", "observedGeneration");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
