package io.chaoslab.operator.api.shopstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.operator.api.Crds;
import org.junit.jupiter.api.Test;

/**
 * The ShopStack CRD's columns and status are fixed by the project contract; what every CRD shares
 * is checked by {@code CrdConventionsTest}.
 */
class ShopStackCrdTest {

  private final JsonNode crd = Crds.crd(Crds.SHOPSTACK_FILE);

  @Test
  void kubectlGetShowsPhaseReadyPodsAndAge() {
    assertThat(Crds.printerColumns(crd))
        .containsExactlyInAnyOrder(
            "Phase .status.phase string",
            "Ready .status.readySummary string",
            "Age .metadata.creationTimestamp date");
  }

  @Test
  void statusHasTheContractsFields() {
    JsonNode status =
        crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/status/properties");

    assertThat(Crds.fieldNames(status))
        .containsExactlyInAnyOrder(
            "observedGeneration", "phase", "readySummary", "components", "conditions");
    assertThat(Crds.texts(status.at("/phase/enum")))
        .containsExactlyInAnyOrder("Pending", "Progressing", "Ready", "Degraded", "Failed");
    assertThat(Crds.fieldNames(status.at("/components/properties")))
        .containsExactlyInAnyOrder("order", "inventory", "notification", "database");
  }
}
