package io.chaoslab.operator.api.shopstack;

import static io.chaoslab.operator.api.shopstack.ShopStackSchemaTest.shopStack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.chaoslab.operator.api.CelRules;
import io.chaoslab.operator.api.CelRules.Rule;
import io.chaoslab.operator.api.CrdValidation;
import io.chaoslab.operator.api.Crds;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRD's CEL rules, which no JSON Schema validator checks, evaluated with cel-java against
 * resources that must pass and resources that must not.
 */
class ShopStackCelRulesTest {

  private static final CrdValidation API_SERVER =
      new CrdValidation(Crds.schema(Crds.SHOPSTACK_FILE));
  private static final List<String> COMPONENTS = List.of("order", "inventory", "notification");

  private static final String SECRET_REF_REQUIRED =
      "secretRef is required when managed is false: name the Secret of the external database";
  private static final String SECRET_REF_FORBIDDEN =
      "secretRef is only for an external database: set managed to false, or remove secretRef";
  private static final String ENV_RESERVED =
      "env must not set DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD, INVENTORY_URL,"
          + " NOTIFICATION_URL or PORT: the operator sets them to wire the shop together";

  @Test
  void theRulesSitWhereTheyApplyAndCompile() {
    List<Rule> rules = CelRules.all(Crds.schema(Crds.SHOPSTACK_FILE));

    assertThat(rules)
        .extracting(Rule::path, Rule::message)
        .containsExactlyInAnyOrder(
            Stream.concat(
                    Stream.of(
                        tuple("/spec/database", SECRET_REF_REQUIRED),
                        tuple("/spec/database", SECRET_REF_FORBIDDEN)),
                    COMPONENTS.stream()
                        .flatMap(
                            c ->
                                Stream.of(
                                    tuple("/spec/" + c + "/env", "every env entry needs a name"),
                                    tuple("/spec/" + c + "/env", ENV_RESERVED))))
                .toArray(Tuple[]::new));
    rules.forEach(rule -> CelRules.compile(rule.rule()));
  }

  @Test
  void anExternalDatabaseNeedsItsSecret() {
    assertThat(API_SERVER.errors(shopStack("{database: {managed: false}}")))
        .containsExactly("/spec/database: " + SECRET_REF_REQUIRED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{secretRef: shop-db}", "{managed: true, secretRef: shop-db}"})
  void aManagedDatabaseTakesNoSecret(String database) {
    assertThat(API_SERVER.errors(shopStack("{database: " + database + "}")))
        .containsExactly("/spec/database: " + SECRET_REF_FORBIDDEN);
  }

  static Stream<Arguments> reservedVariables() {
    return COMPONENTS.stream()
        .flatMap(c -> ComponentSpec.OPERATOR_ENV.stream().map(name -> Arguments.of(c, name)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("reservedVariables")
  void theOperatorsVariablesCannotBeOverridden(String component, String name) {
    String spec = "{%s: {env: [{name: LOG_LEVEL, value: INFO}, {name: %s, value: x}]}}";

    assertThat(API_SERVER.errors(shopStack(spec.formatted(component, name))))
        .containsExactly("/spec/" + component + "/env: " + ENV_RESERVED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PORTS", "DATABASE_URL_OVERRIDE", "database_url", "SERVER_PORT"})
  void namesThatOnlyLookReservedAreAllowed(String name) {
    assertThat(
            API_SERVER.errors(shopStack("{order: {env: [{name: %s, value: x}]}}".formatted(name))))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{value: x}", "{name: '', value: x}"})
  void everyVariableHasAName(String entry) {
    assertThat(API_SERVER.errors(shopStack("{inventory: {env: [" + entry + "]}}")))
        .containsExactly("/spec/inventory/env: every env entry needs a name");
  }
}
