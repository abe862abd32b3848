package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Arrays;
import java.util.List;

/** A Deployment per service. */
@KubernetesDependent(informer = @Informer(labelSelector = ShopObjects.MANAGED_SELECTOR))
class ServiceDeploymentsDependent extends ShopBulkDependent<Deployment> {
  ServiceDeploymentsDependent() {
    super(Deployment.class);
  }

  @Override
  List<Deployment> desired(ShopStack shop) {
    return Arrays.stream(Component.values())
        .map(component -> ServiceDeployment.desired(shop, component))
        .toList();
  }
}
