package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Objects of one kind that a ShopStack owns several of (a Deployment per service, say): each
 * subclass only lists the desired objects; creating, updating, putting back hand-made changes and
 * deleting the ones no longer wanted is JOSDK's. The objects carry an owner reference to the
 * ShopStack, so deleting it deletes them.
 */
abstract class ShopBulkDependent<R extends HasMetadata>
    extends KubernetesDependentResource<R, ShopStack>
    implements CRUDKubernetesBulkDependentResource<R, ShopStack>, GarbageCollected<ShopStack> {

  ShopBulkDependent(Class<R> type) {
    super(type);
  }

  /** Every object of this kind the shop should have now. */
  abstract List<R> desired(ShopStack shop);

  @Override
  public Map<ResourceID, R> desiredResources(ShopStack shop, Context<ShopStack> context) {
    return desired(shop).stream()
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity()));
  }

  @Override
  public Map<ResourceID, R> getSecondaryResources(ShopStack shop, Context<ShopStack> context) {
    return context
        .getSecondaryResourcesAsStream(resourceType())
        .filter(object -> ShopObjects.belongsTo(object.getMetadata(), shop))
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity()));
  }
}
