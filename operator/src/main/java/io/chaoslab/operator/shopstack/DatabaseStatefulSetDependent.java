package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The managed database's StatefulSet (its volume claims stay when it is deleted: data is kept). */
@KubernetesDependent(informer = @Informer(labelSelector = ShopObjects.MANAGED_SELECTOR))
class DatabaseStatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, ShopStack> {
  DatabaseStatefulSetDependent() {
    super(StatefulSet.class);
  }

  @Override
  protected StatefulSet desired(ShopStack shop, Context<ShopStack> context) {
    return ManagedDatabase.statefulSet(shop);
  }
}
