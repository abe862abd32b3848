package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Arrays;
import java.util.List;

/**
 * A PodDisruptionBudget per service: voluntary disruptions (drains, evictions, chaos experiments
 * that honour budgets) take at most one pod of a service at a time.
 */
@KubernetesDependent(informer = @Informer(labelSelector = ShopObjects.MANAGED_SELECTOR))
class DisruptionBudgetsDependent extends ShopBulkDependent<PodDisruptionBudget> {
  DisruptionBudgetsDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  List<PodDisruptionBudget> desired(ShopStack shop) {
    return Arrays.stream(Component.values())
        .map(
            component ->
                new PodDisruptionBudgetBuilder()
                    .withMetadata(ShopObjects.metadata(shop, component.id()))
                    .withNewSpec()
                    .withMaxUnavailable(new IntOrString(1))
                    .withNewSelector()
                    .withMatchLabels(ShopObjects.selector(shop, component.id()))
                    .endSelector()
                    .endSpec()
                    .build())
        .toList();
  }
}
