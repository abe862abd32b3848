package io.chaoslab.operator.chaos;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Whether a pod's labels match a label selector, with the API server's rules: every {@code
 * matchLabels} entry and every expression ({@code In}, {@code NotIn}, {@code Exists}, {@code
 * DoesNotExist}) must hold; an empty selector matches everything, a null one nothing. Needed to
 * find the disruption budgets that cover a pod.
 */
final class LabelSelectors {
  private LabelSelectors() {}

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> podLabels = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null
        && !selector.getMatchLabels().entrySet().stream()
            .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())))) {
      return false;
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    return expressions == null || expressions.stream().allMatch(e -> holds(e, podLabels));
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default ->
          throw new IllegalArgumentException(
              "unknown label selector operator " + requirement.getOperator());
    };
  }
}
