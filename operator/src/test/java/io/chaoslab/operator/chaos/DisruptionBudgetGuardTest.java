package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisruptionBudgetGuardTest {
  private static Pod pod(String name, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  private static PodDisruptionBudget budget(
      String name, Map<String, String> selector, int allowed) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withSelector(new LabelSelectorBuilder().withMatchLabels(selector).build())
        .endSpec()
        .withNewStatus()
        .withDisruptionsAllowed(allowed)
        .endStatus()
        .build();
  }

  @Test
  void killsWithinTheBudgetPassAndTheNextOneIsRefusedWithTheReason() {
    var guard = new DisruptionBudgetGuard(List.of(budget("demo-order", Map.of("c", "order"), 1)));

    assertThat(guard.refusal(pod("o-1", Map.of("c", "order")))).isEmpty();
    assertThat(guard.refusal(pod("o-2", Map.of("c", "order"))))
        .hasValue(
            "PodDisruptionBudget demo-order allows 1 disruption(s) and 1 already made: killing o-2"
                + " would break it");
  }

  @Test
  void podsNoBudgetCoversAreNotLimited() {
    var guard = new DisruptionBudgetGuard(List.of(budget("demo-order", Map.of("c", "order"), 0)));

    assertThat(guard.refusal(pod("i-1", Map.of("c", "inventory")))).isEmpty();
    assertThat(guard.refusal(pod("o-1", Map.of("c", "order")))).isPresent();
  }

  @Test
  void aBudgetWithoutStatusAllowsNothing() {
    PodDisruptionBudget fresh = budget("fresh", Map.of("c", "order"), 0);
    fresh.setStatus(null);

    assertThat(new DisruptionBudgetGuard(List.of(fresh)).refusal(pod("o-1", Map.of("c", "order"))))
        .isPresent();
  }

  @Test
  void selectorExpressionsFollowTheApiServersRules() {
    var selector =
        new LabelSelectorBuilder()
            .withMatchLabels(Map.of("app", "shop"))
            .addNewMatchExpression()
            .withKey("tier")
            .withOperator("In")
            .withValues("web", "api")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("canary")
            .withOperator("DoesNotExist")
            .endMatchExpression()
            .build();

    assertThat(LabelSelectors.matches(selector, Map.of("app", "shop", "tier", "api"))).isTrue();
    assertThat(LabelSelectors.matches(selector, Map.of("app", "shop", "tier", "db"))).isFalse();
    assertThat(
            LabelSelectors.matches(selector, Map.of("app", "shop", "tier", "web", "canary", "1")))
        .isFalse();
    assertThat(LabelSelectors.matches(new LabelSelectorBuilder().build(), Map.of("x", "y")))
        .isTrue();
    assertThat(LabelSelectors.matches(null, Map.of("x", "y"))).isFalse();
  }
}
