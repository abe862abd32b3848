package io.chaoslab.operator.api.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoslab.operator.api.CrdValidation;
import io.chaoslab.operator.api.Crds;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated CRD accepts the experiments users should write and refuses their mistakes with a
 * message naming the field, checked in the API server's order of work ({@link CrdValidation}): the
 * fabric8 mock server validates nothing. The CEL rules have their own test.
 */
class ChaosExperimentSchemaTest {

  static final String KIND = "ChaosExperiment";
  private static final CrdValidation API_SERVER =
      new CrdValidation(Crds.schema(Crds.CHAOS_EXPERIMENT_FILE));

  /** The smallest valid spec: a target and an action; everything else has a default. */
  private static final String SMALLEST =
      "{target: {shopStack: demo, component: order}, action: pod-kill}";

  static List<Path> examples() {
    return Crds.examples(KIND);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAccepted(Path example) {
    assertThat(API_SERVER.errors(Crds.readYaml(example))).isEmpty();
  }

  @Test
  void everyComponentHasAnExample() {
    assertThat(examples())
        .extracting(p -> Crds.readYaml(p).at("/spec/target/component").asText())
        .containsExactlyInAnyOrder("order", "inventory", "notification", "database");
    assertThat(examples())
        .extracting(p -> Crds.readYaml(p).at("/metadata/namespace").asText())
        .containsOnly("shop");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          the smallest spec                 | {}
          every pod, evicted                | {action: pod-evict, mode: all}
          a fixed number of pods            | {mode: fixed, value: 3, gracePeriodSeconds: 30}
          100 percent                       | {mode: percent, value: 100}
          the contract's one with value 1   | {mode: one, value: 1}
          the lower bounds                  | {rounds: 1, intervalSeconds: 0, timeoutSeconds: 10}
          the upper bounds                  | {rounds: 100, intervalSeconds: 3600, timeoutSeconds: 86400}
          the database                      | {target: {shopStack: demo.v2, component: database}}
          a selector's labels               | {target: {selector: {matchLabels: {app: web}}}}
          a selector's expressions          | {target: {selector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}}
          an SLO at its lower bounds        | {slo: {maxRecoverySeconds: 0.001, minAvailabilityPercent: 0, maxOutageSeconds: 0}}
          an SLO of 100 %                   | {slo: {maxRecoverySeconds: 120, minAvailabilityPercent: 100}}
          a Service's URL                   | {probe: {url: 'http://demo-order.shop.svc:5000/ready'}}
          https, probing fastest            | {probe: {url: 'https://shop.example.com', intervalMillis: 50}}
          an address, a query, slowest      | {probe: {url: 'http://10.0.0.7:5000/ready?deep=true', intervalMillis: 60000}}
          an IPv6 address                   | {probe: {url: 'http://[fd00::7]:5000/ready'}}
          a dry run with a negative seed    | {dryRun: true, seed: -9007199254740993, allowDisruptionBudgetViolation: true}
          """)
  void acceptsWhatAUserMayWrite(String what, String overrides) {
    assertThat(API_SERVER.errors(experiment(overrides))).as(what).isEmpty();
  }

  static Stream<Arguments> invalidSpecs() {
    String minimum = ": must have a minimum value of ";
    String maximum = ": must have a maximum value of ";
    String url = "/spec/probe/url: does not match the regex pattern";
    String enumeration = ": does not have a value in the enumeration";
    return Stream.of(
        invalid("{gracePeriodSeconds: -1}", "/spec/gracePeriodSeconds" + minimum + "0"),
        invalid("{mode: fixed, value: -2}", "/spec/value" + minimum + "1"),
        invalid("{mode: percent, value: 0}", "/spec/value" + minimum + "1"),
        invalid("{rounds: 0}", "/spec/rounds" + minimum + "1"),
        invalid("{rounds: 101}", "/spec/rounds" + maximum + "100"),
        invalid("{intervalSeconds: -1}", "/spec/intervalSeconds" + minimum + "0"),
        invalid("{intervalSeconds: 3601}", "/spec/intervalSeconds" + maximum + "3600"),
        invalid("{timeoutSeconds: 9}", "/spec/timeoutSeconds" + minimum + "10"),
        invalid("{timeoutSeconds: 86401}", "/spec/timeoutSeconds" + maximum + "86400"),
        // exclusive: 0 itself is refused (the draft-4 validator words it as a plain minimum)
        invalid("{slo: {maxRecoverySeconds: 0}}", "/spec/slo/maxRecoverySeconds" + minimum + "0"),
        invalid("{slo: {maxRecoverySeconds: -30}}", "/spec/slo/maxRecoverySeconds" + minimum + "0"),
        invalid(
            "{slo: {minAvailabilityPercent: -1}}",
            "/spec/slo/minAvailabilityPercent" + minimum + "0"),
        invalid(
            "{slo: {minAvailabilityPercent: 100.5}}",
            "/spec/slo/minAvailabilityPercent" + maximum + "100"),
        invalid("{slo: {maxOutageSeconds: -0.1}}", "/spec/slo/maxOutageSeconds" + minimum + "0"),
        invalid("{probe: {url: 'ftp://demo-order.shop.svc/ready'}}", url),
        invalid("{probe: {url: 'demo-order.shop.svc:5000/ready'}}", url),
        invalid("{probe: {url: 'http://'}}", url),
        invalid("{probe: {url: 'http://demo order/ready'}}", url),
        invalid("{probe: {url: 'http://demo-order:port/ready'}}", url),
        invalid("{probe: {url: 'http://demo-order:5000/re ady'}}", url),
        invalid("{probe: {intervalMillis: 250}}", "/spec/probe: required property 'url' not found"),
        invalid(
            "{probe: {url: 'http://a', intervalMillis: 49}}",
            "/spec/probe/intervalMillis" + minimum + "50"),
        invalid(
            "{probe: {url: 'http://a', intervalMillis: 60001}}",
            "/spec/probe/intervalMillis" + maximum + "60000"),
        invalid("{mode: some}", "/spec/mode" + enumeration),
        invalid("{mode: ONE}", "/spec/mode" + enumeration),
        invalid("{action: pod-delete}", "/spec/action" + enumeration),
        invalid("{action: POD_KILL}", "/spec/action" + enumeration),
        invalid(
            "{target: {shopStack: demo, component: payment}}",
            "/spec/target/component" + enumeration),
        invalid(
            "{target: {shopStack: Demo_Shop, component: order}}",
            "/spec/target/shopStack: does not match the regex pattern"),
        invalid("{rounds: 1.5}", "/spec/rounds: number found, integer expected"),
        invalid("{seed: '42'}", "/spec/seed: string found, integer expected"),
        invalid("{dryRun: 'yes'}", "/spec/dryRun: string found, boolean expected"),
        invalid("{modes: one}", "/spec: property 'modes' is not defined in the schema"),
        invalid(
            "{slo: {maxRecovery: 30}}",
            "/spec/slo: property 'maxRecovery' is not defined in the schema"));
  }

  private static Arguments invalid(String overrides, String error) {
    return Arguments.of(overrides, error);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void refusesSchemaViolationsNamingFieldAndRule(String overrides, String error) {
    assertThat(API_SERVER.errors(experiment(overrides)))
        .singleElement()
        .asString()
        .startsWith(error);
  }

  @ParameterizedTest
  @ValueSource(strings = {"target", "action"})
  void refusesASpecWithoutTargetOrAction(String field) {
    ObjectNode spec = (ObjectNode) experiment("{}").get("spec");
    spec.remove(field);

    assertThat(API_SERVER.errors(Crds.resource(KIND, spec.toString())))
        .singleElement()
        .asString()
        .isEqualTo("/spec: required property '%s' not found".formatted(field));
  }

  /** A ChaosExperiment whose spec is the smallest valid one with {@code overrides} put over it. */
  static JsonNode experiment(String overrides) {
    ObjectNode spec = (ObjectNode) Crds.readYaml(SMALLEST);
    spec.setAll((ObjectNode) Crds.readYaml(overrides));
    return Crds.resource(KIND, spec.toString());
  }
}
