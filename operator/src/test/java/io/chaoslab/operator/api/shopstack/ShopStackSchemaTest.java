package io.chaoslab.operator.api.shopstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.operator.api.CrdValidation;
import io.chaoslab.operator.api.Crds;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated CRD accepts what users should write and refuses the mistakes they make, with the
 * API server's order of work ({@link CrdValidation}): the fabric8 mock server validates nothing.
 */
class ShopStackSchemaTest {

  private static final CrdValidation API_SERVER =
      new CrdValidation(Crds.schema(Crds.SHOPSTACK_FILE));

  static List<Path> examples() {
    return Crds.examples("ShopStack");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAccepted(Path example) {
    assertThat(API_SERVER.errors(Crds.readYaml(example))).isEmpty();
  }

  @Test
  void theExamplesAreThere() {
    assertThat(examples())
        .extracting(p -> p.getFileName().toString())
        .contains("shopstack.yaml", "shopstack-external-db.yaml");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{order: {replicas: 0}, inventory: {replicas: 50}}",
        "{image: {registry: ghcr.io/acme/chaoslab, tag: 0.2.0-rc.1_amd64, pullPolicy: Always}}",
        "{image: {registry: localhost:5000/chaos-lab/images, pullPolicy: Never}}",
        "{image: {registry: registry.example.com, tag: latest}}",
        "{database: {storage: 500Mi}}",
        "{database: {storage: 2.5Gi}}",
        "{database: {storage: '1e9'}}",
        "{database: {managed: false, secretRef: shop-db.v2}}",
        "{order: {env: [{name: LOG_LEVEL, value: DEBUG}, {name: DATABASE_POOL_SIZE, value: '20'}]}}",
        "{order: {replicas: null}}",
        "{monitoring: {serviceMonitor: true}}",
      })
  void acceptsWhatAUserMayWrite(String spec) {
    assertThat(API_SERVER.errors(shopStack(spec))).isEmpty();
  }

  static Stream<Arguments> invalidSpecs() {
    String pattern = ": does not match the regex pattern";
    return Stream.of(
        invalid("{order: {replicas: -1}}", "/spec/order/replicas: must have a minimum value of 0"),
        invalid(
            "{inventory: {replicas: 51}}",
            "/spec/inventory/replicas: must have a maximum value of 50"),
        invalid("{order: {replicas: two}}", "/spec/order/replicas: string found, integer expected"),
        invalid("{order: {replicas: 1.5}}", "/spec/order/replicas: number found, integer expected"),
        invalid(
            "{image: {pullPolicy: Sometimes}}",
            "/spec/image/pullPolicy: does not have a value in the enumeration"),
        invalid("{image: {registry: 'chaos lab'}}", "/spec/image/registry" + pattern),
        invalid("{image: {registry: ChaosLab}}", "/spec/image/registry" + pattern),
        invalid("{image: {registry: chaoslab/}}", "/spec/image/registry" + pattern),
        invalid("{image: {tag: ':0.1.0'}}", "/spec/image/tag" + pattern),
        invalid("{image: {tag: " + "a".repeat(129) + "}}", "/spec/image/tag" + pattern),
        invalid("{database: {storage: lots}}", "/spec/database/storage" + pattern),
        invalid("{database: {storage: -1Gi}}", "/spec/database/storage" + pattern),
        invalid(
            "{database: {storage: 1}}", "/spec/database/storage: integer found, string expected"),
        invalid(
            "{database: {managed: 'yes'}}",
            "/spec/database/managed: string found, boolean expected"),
        invalid(
            "{database: {managed: false, secretRef: Shop_DB}}",
            "/spec/database/secretRef" + pattern),
        invalid(
            "{order: {replica: 3}}",
            "/spec/order: property 'replica' is not defined in the schema"),
        invalid(
            "{order: {env: {LOG_LEVEL: DEBUG}}}", "/spec/order/env: object found, array expected"));
  }

  private static Arguments invalid(String spec, String error) {
    return Arguments.of(spec, error);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void refusesSchemaViolationsNamingFieldAndRule(String spec, String error) {
    assertThat(API_SERVER.errors(shopStack(spec))).singleElement().asString().startsWith(error);
  }

  static JsonNode shopStack(String spec) {
    return Crds.resource("ShopStack", spec);
  }
}
