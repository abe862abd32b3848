package io.chaoslab.operator.api.chaos;

import static io.chaoslab.operator.api.chaos.ChaosExperimentSchemaTest.experiment;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.operator.api.CelRules;
import io.chaoslab.operator.api.CelRules.Rule;
import io.chaoslab.operator.api.CrdValidation;
import io.chaoslab.operator.api.Crds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRD's CEL rules, which no JSON Schema validator checks, evaluated with cel-java: one target
 * form, a value where the mode needs one, at most 100 percent, and a spec that never changes.
 */
class ChaosExperimentCelRulesTest {

  private static final CrdValidation API_SERVER =
      new CrdValidation(Crds.schema(Crds.CHAOS_EXPERIMENT_FILE));

  private static final String ONE_FORM =
      "/spec/target: target takes exactly one form: {shopStack, component} or {selector}";
  private static final String TOGETHER =
      "/spec/target: shopStack and component go together: name the ShopStack and one of its"
          + " components";
  private static final String EMPTY_SELECTOR =
      "/spec/target/selector: selector must not be empty: an empty selector matches every pod in"
          + " the namespace";
  private static final String VALUE_REQUIRED =
      "/spec/value: value is required for mode fixed (a number of pods) and percent (a percent of"
          + " them)";
  private static final String PERCENT_AT_MOST_100 =
      "/spec/value: value is a percent for mode percent: at most 100";
  private static final String IMMUTABLE =
      "/spec: the spec of a ChaosExperiment cannot change: an experiment runs once; to run"
          + " another, delete this one and create it again (or create one with a new name)";

  @Test
  void theRulesSitWhereTheyApplyAndCompile() {
    List<Rule> rules = CelRules.all(Crds.schema(Crds.CHAOS_EXPERIMENT_FILE));

    assertThat(rules)
        .extracting(rule -> rule.path() + ": " + rule.message())
        .containsExactlyInAnyOrder(
            ONE_FORM, TOGETHER, EMPTY_SELECTOR, VALUE_REQUIRED, PERCENT_AT_MOST_100, IMMUTABLE);
    rules.forEach(rule -> CelRules.compile(rule.rule()));
  }

  @Test
  void theSpecCannotChangeOnceCreated() {
    assertThat(
            API_SERVER.updateErrors(
                experiment("{mode: one}"), experiment("{mode: fixed, value: 2}")))
        .containsExactly(IMMUTABLE);
    assertThat(API_SERVER.updateErrors(experiment("{mode: one}"), experiment("{mode: one}")))
        .isEmpty();
  }

  @Test
  void bothTargetFormsAreRefused() {
    String both =
        "{target: {shopStack: demo, component: order, selector: {matchLabels: {app: x}}}}";

    assertThat(API_SERVER.errors(experiment(both))).containsExactly(ONE_FORM);
  }

  @Test
  void aTargetOfNeitherFormIsRefused() {
    assertThat(API_SERVER.errors(experiment("{target: {}}"))).containsExactly(ONE_FORM);
  }

  @Test
  void aShopStackNeedsItsComponent() {
    assertThat(API_SERVER.errors(experiment("{target: {shopStack: demo}}")))
        .containsExactly(TOGETHER);
  }

  @Test
  void aComponentNeedsItsShopStack() {
    assertThat(API_SERVER.errors(experiment("{target: {component: order}}")))
        .containsExactlyInAnyOrder(ONE_FORM, TOGETHER);
    assertThat(
            API_SERVER.errors(
                experiment("{target: {component: order, selector: {matchLabels: {app: x}}}}")))
        .containsExactly(TOGETHER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{matchLabels: {}}",
        "{matchExpressions: []}",
        "{matchLabels: {}, matchExpressions: []}"
      })
  void anEmptySelectorIsRefused(String selector) {
    assertThat(API_SERVER.errors(experiment("{target: {selector: " + selector + "}}")))
        .containsExactly(EMPTY_SELECTOR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fixed", "percent"})
  void fixedAndPercentNeedAValue(String mode) {
    assertThat(API_SERVER.errors(experiment("{mode: " + mode + "}")))
        .containsExactly(VALUE_REQUIRED);
  }

  @ParameterizedTest
  @ValueSource(ints = {101, 150, 1000})
  void aPercentAbove100IsRefused(int value) {
    assertThat(API_SERVER.errors(experiment("{mode: percent, value: " + value + "}")))
        .containsExactly(PERCENT_AT_MOST_100);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{mode: percent, value: 100}",
        "{mode: percent, value: 1}",
        "{mode: fixed, value: 101}",
        "{mode: one}",
        "{mode: all}",
        "{mode: all, value: 500}"
      })
  void modesTakeTheValueTheyNeed(String overrides) {
    assertThat(API_SERVER.errors(experiment(overrides))).isEmpty();
  }
}
