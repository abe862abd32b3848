package io.chaoslab.operator.chaos;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a pod-kill that would take a workload below its PodDisruptionBudget, as the Eviction API
 * would refuse an eviction: each budget covering the pod must still allow a disruption after the
 * ones already made in this round. One guard per round: it counts the kills it has allowed.
 */
final class DisruptionBudgetGuard {
  private final List<PodDisruptionBudget> budgets;
  private final Map<String, Integer> used = new HashMap<>();

  DisruptionBudgetGuard(List<PodDisruptionBudget> budgets) {
    this.budgets = List.copyOf(budgets);
  }

  /**
   * Empty when the pod may be killed (and the kill is counted), else why not, naming the budget.
   */
  Optional<String> refusal(Pod pod) {
    List<PodDisruptionBudget> covering =
        budgets.stream()
            .filter(
                b ->
                    LabelSelectors.matches(
                        b.getSpec().getSelector(), pod.getMetadata().getLabels()))
            .toList();
    for (PodDisruptionBudget budget : covering) {
      int allowed =
          budget.getStatus() == null || budget.getStatus().getDisruptionsAllowed() == null
              ? 0
              : budget.getStatus().getDisruptionsAllowed();
      int usedSoFar = used.getOrDefault(budget.getMetadata().getName(), 0);
      if (usedSoFar >= allowed) {
        return Optional.of(
            "PodDisruptionBudget %s allows %d disruption(s) and %d already made: killing %s would break it"
                .formatted(
                    budget.getMetadata().getName(),
                    allowed,
                    usedSoFar,
                    pod.getMetadata().getName()));
      }
    }
    covering.forEach(b -> used.merge(b.getMetadata().getName(), 1, Integer::sum));
    return Optional.empty();
  }
}
