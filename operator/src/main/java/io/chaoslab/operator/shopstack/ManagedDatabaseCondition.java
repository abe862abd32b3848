package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The database's objects exist only while the spec asks the operator to run the database. */
class ManagedDatabaseCondition implements Condition<HasMetadata, ShopStack> {
  @Override
  public boolean isMet(
      DependentResource<HasMetadata, ShopStack> dependent,
      ShopStack shop,
      Context<ShopStack> context) {
    return DatabaseSecret.managed(shop);
  }
}
