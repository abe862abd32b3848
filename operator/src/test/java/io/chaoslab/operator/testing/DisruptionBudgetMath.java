package io.chaoslab.operator.testing;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.util.Map;

/** What the disruption controller computes for a budget: the arithmetic, nothing else. */
record DisruptionBudgetMath(int expectedPods, int currentHealthy, int desiredHealthy) {

  static DisruptionBudgetMath of(PodDisruptionBudget budget, int expectedPods, int healthy) {
    return new DisruptionBudgetMath(expectedPods, healthy, desired(budget.getSpec(), expectedPods));
  }

  int disruptionsAllowed() {
    return Math.max(0, currentHealthy - desiredHealthy);
  }

  /** Whether the budget selects pods with these labels (matchLabels only, like the mock). */
  static boolean selects(PodDisruptionBudget budget, Map<String, String> labels) {
    var selector = budget.getSpec() == null ? null : budget.getSpec().getSelector();
    if (selector == null || selector.getMatchLabels() == null) {
      return false;
    }
    return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
  }

  private static int desired(PodDisruptionBudgetSpec spec, int expected) {
    if (spec.getMinAvailable() != null) {
      return scaled(spec.getMinAvailable(), expected);
    }
    if (spec.getMaxUnavailable() != null) {
      return Math.max(0, expected - scaled(spec.getMaxUnavailable(), expected));
    }
    return expected;
  }

  /** An absolute number, or a percentage of {@code expected} rounded up, as Kubernetes does. */
  private static int scaled(IntOrString value, int expected) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal().trim();
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    return (int) Math.ceil(percent * expected / 100.0);
  }
}
