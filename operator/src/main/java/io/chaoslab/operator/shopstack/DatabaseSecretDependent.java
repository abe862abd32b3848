package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

/**
 * The managed database's credentials. Created once and never updated (no {@code Updater}): the
 * password is generated at creation and a changed password would lock the services out of a
 * database initialized with the old one. Deleted with the ShopStack through its owner reference.
 */
@KubernetesDependent(informer = @Informer(labelSelector = ShopObjects.MANAGED_SELECTOR))
class DatabaseSecretDependent extends KubernetesDependentResource<Secret, ShopStack>
    implements Creator<Secret, ShopStack>, GarbageCollected<ShopStack> {
  DatabaseSecretDependent() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(ShopStack shop, Context<ShopStack> context) {
    return ManagedDatabase.secret(shop);
  }
}
