package io.chaoslab.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every ChaosLab CRD shares, and the names the project contract gives each: group {@code
 * chaoslab.io}, namespaced, one served and stored version {@code v1alpha1} with a status
 * subresource, a required spec, Kubernetes conditions in the status and an Age column.
 */
class CrdConventionsTest {

  static Stream<Arguments> crds() {
    return Stream.of(
        Arguments.of(Crds.SHOPSTACK_FILE, "ShopStack", "shopstacks", List.of("shop")),
        Arguments.of(
            Crds.CHAOS_EXPERIMENT_FILE,
            "ChaosExperiment",
            "chaosexperiments",
            List.of("chaos", "cx")));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("crds")
  void namesFollowTheContract(String file, String kind, String plural, List<String> shortNames) {
    JsonNode crd = Crds.crd(file);

    assertThat(crd.at("/metadata/name").asText()).isEqualTo(plural + ".chaoslab.io");
    assertThat(crd.at("/spec/group").asText()).isEqualTo("chaoslab.io");
    assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
    assertThat(crd.at("/spec/names/kind").asText()).isEqualTo(kind);
    assertThat(crd.at("/spec/names/plural").asText()).isEqualTo(plural);
    assertThat(crd.at("/spec/names/singular").asText()).isEqualTo(kind.toLowerCase());
    assertThat(Crds.texts(crd.at("/spec/names/shortNames"))).containsExactlyElementsOf(shortNames);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("crds")
  void oneServedStoredVersionWithStatusRequiredSpecAndAge(String file, String kind) {
    JsonNode crd = Crds.crd(file);
    JsonNode version = crd.at("/spec/versions/0");

    assertThat(crd.at("/spec/versions").size()).isOne();
    assertThat(version.get("name").asText()).isEqualTo("v1alpha1");
    assertThat(version.get("served").asBoolean()).isTrue();
    assertThat(version.get("storage").asBoolean()).isTrue();
    assertThat(version.at("/subresources/status").isObject()).isTrue();
    assertThat(Crds.texts(version.at("/schema/openAPIV3Schema/required"))).containsExactly("spec");
    assertThat(Crds.printerColumns(crd)).contains("Age .metadata.creationTimestamp date");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("crds")
  void aResourceWithoutSpecIsRefused(String file, String kind) {
    JsonNode noSpec = Crds.readYaml("{apiVersion: chaoslab.io/v1alpha1, kind: " + kind + "}");

    assertThat(new CrdValidation(Crds.schema(file)).errors(noSpec))
        .singleElement()
        .asString()
        .isEqualTo(": required property 'spec' not found");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("crds")
  void statusConditionsAreKubernetesConditions(String file) {
    JsonNode conditions =
        Crds.schema(file).at("/properties/status/properties/conditions/items/properties");

    assertThat(Crds.fieldNames(conditions))
        .containsExactlyInAnyOrder(
            "type", "status", "reason", "message", "lastTransitionTime", "observedGeneration");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("crds")
  void everyStatusColumnReadsAStatusFieldOfItsType(String file, String kind) {
    JsonNode crd = Crds.crd(file);
    JsonNode properties = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties");

    for (JsonNode column : crd.at("/spec/versions/0/additionalPrinterColumns")) {
      String path = column.get("jsonPath").asText();
      if (path.startsWith(".status.")) {
        String pointer = "/" + String.join("/properties/", path.substring(1).split("\\."));
        assertThat(properties.at(pointer).path("type").asText())
            .as("type of %s, read by column %s", path, column.get("name").asText())
            .isEqualTo(column.get("type").asText());
      }
    }
  }

  @Test
  void everyGeneratedCrdIsInTheTable() {
    assertThat(Crds.crdFiles(Crds.generatedDir()))
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(crds().map(a -> (String) a.get()[0]).toList());
  }
}
